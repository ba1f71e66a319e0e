import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button, buttonClass } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { letterPdfUrl, requestLettersQuery, useCreateLetter, useEmailLetter, useMarkLetterSent } from './api';
import { LETTER_KINDS, type LetterKind, type RequestDetail } from './types';

/** The letter that fits the request's state best, preselected in the list. */
const suggestedKind = (r: RequestDetail): LetterKind => {
  if (r.status === 'refused') return 'refusal';
  if (r.status === 'completed') {
    const byType: Record<RequestDetail['type'], LetterKind> = {
      access: 'access_answer',
      portability: 'access_answer',
      rectification: 'rectification_confirmation',
      erasure: 'erasure_confirmation',
      restriction: 'restriction_confirmation',
      objection: 'objection_confirmation',
    };
    return byType[r.type];
  }
  if (r.extendedDueAt) return 'extension_notice';
  if (r.identityStatus === 'pending') return 'identity_request';
  return 'acknowledgement';
};

export function LettersCard({ request, canManage }: { request: RequestDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const letters = useQuery(requestLettersQuery(request.id));
  const create = useCreateLetter(request.id);
  const markSent = useMarkLetterSent(request.id);
  const email = useEmailLetter(request.id);
  const [chosen, setChosen] = useState<LetterKind | null>(null);
  const kind = chosen ?? suggestedKind(request);
  const items = letters.data?.items ?? [];
  return (
    <Card aria-labelledby="letters-title" data-testid="letters-card">
      <CardHeader>
        <CardTitle id="letters-title">{t('requests.letters.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ErrorMessage error={letters.error} />
        {letters.data && items.length === 0 ? (
          <p className="text-sm text-slate-600">{t('requests.letters.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="letter-list">
            {items.map((letter) => (
              <li
                key={letter.id}
                className="flex flex-wrap items-center gap-2 py-2 text-sm"
                data-testid="letter"
                data-kind={letter.kind}
              >
                <span className="font-medium">{t(`requests.letters.kinds.${letter.kind}`)}</span>
                <Badge>{letter.locale.toUpperCase()}</Badge>
                <span className="text-slate-500">{format.dateTime(letter.createdAt)}</span>
                {letter.sentAt ? (
                  <Badge tone="success">
                    {t('requests.letters.sentAt', { date: format.date(letter.sentAt) })}
                  </Badge>
                ) : null}
                <span className="ml-auto flex gap-2">
                  <a
                    href={letterPdfUrl(letter.id)}
                    className={buttonClass('secondary', 'sm')}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="letter-pdf"
                  >
                    {t('requests.letters.pdf')}
                  </a>
                  {canManage && !letter.sentAt ? (
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={email.isPending}
                      onClick={() => email.mutate(letter.id)}
                      data-testid="letter-email"
                    >
                      {t('requests.letters.email')}
                    </Button>
                  ) : null}
                  {canManage && !letter.sentAt ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={markSent.isPending}
                      onClick={() => markSent.mutate(letter.id)}
                      data-testid="letter-mark-sent"
                    >
                      {t('requests.letters.markSent')}
                    </Button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
        <ErrorMessage error={markSent.error} />
        <ErrorMessage error={email.error} />
        {canManage ? (
          <form
            className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ kind });
            }}
          >
            <Field label={t('requests.letters.kind')} className="min-w-56 flex-1">
              {(c) => (
                <Select
                  {...c}
                  value={kind}
                  onChange={(e) => setChosen(e.target.value as LetterKind)}
                  data-testid="letter-kind"
                >
                  {LETTER_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`requests.letters.kinds.${k}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Button type="submit" variant="secondary" disabled={create.isPending} data-testid="letter-create">
              {t('requests.letters.create')}
            </Button>
            <ErrorMessage error={create.error} className="w-full" />
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { useAddVerification } from './api';
import {
  type RequestDetail,
  VERIFICATION_METHODS,
  VERIFICATION_OUTCOMES,
  type VerificationMethod,
  type VerificationOutcome,
} from './types';

const outcomeTone = { requested: 'neutral', passed: 'success', failed: 'danger' } as const;

const actorName = (actor: unknown): string =>
  typeof actor === 'object' && actor !== null && 'displayName' in actor
    ? String((actor as { displayName?: unknown }).displayName ?? '')
    : '';

/** The identity checks made so far (Art. 12(6)) and, for the DPO, a form to record the next one. */
export function VerificationCard({ request, canManage }: { request: RequestDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const add = useAddVerification(request.id);
  const [method, setMethod] = useState<VerificationMethod>('known_email');
  const [outcome, setOutcome] = useState<VerificationOutcome>('passed');
  const [note, setNote] = useState('');
  const steps = request.verificationSteps ?? [];
  return (
    <Card aria-labelledby="verification-title" data-testid="verification-card">
      <CardHeader>
        <CardTitle id="verification-title">{t('requests.verification.title')}</CardTitle>
        {request.identityStatus ? (
          <Badge
            tone={
              request.identityStatus === 'verified' || request.identityStatus === 'not_required'
                ? 'success'
                : request.identityStatus === 'failed'
                  ? 'danger'
                  : 'warning'
            }
            data-testid="identity-status"
          >
            {t(`requests.identityStatuses.${request.identityStatus as 'pending'}`, {
              defaultValue: request.identityStatus,
            })}
          </Badge>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {steps.length === 0 ? (
          <p className="text-sm text-slate-600">{t('requests.verification.empty')}</p>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="verification-steps">
            {steps.map((s) => (
              <li
                key={s.id}
                className="flex flex-wrap items-center gap-2 text-sm"
                data-testid="verification-step"
              >
                <span className="text-slate-500">{format.dateTime(s.performedAt)}</span>
                <span className="font-medium">{t(`requests.verification.methods.${s.method}`)}</span>
                <Badge tone={outcomeTone[s.outcome]}>
                  {t(`requests.verification.outcomes.${s.outcome}`)}
                </Badge>
                {actorName(s.performedBy) ? (
                  <span className="text-slate-500">{actorName(s.performedBy)}</span>
                ) : null}
                {s.note ? <span className="w-full text-slate-700">{s.note}</span> : null}
              </li>
            ))}
          </ul>
        )}
        {canManage && request.status === 'open' ? (
          <form
            className="grid gap-3 border-t border-slate-100 pt-3 sm:grid-cols-2"
            data-testid="verification-form"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate(
                { method, outcome, ...(note.trim() ? { note: note.trim() } : {}) },
                { onSuccess: () => setNote('') },
              );
            }}
          >
            <Field label={t('requests.verification.method')}>
              {(c) => (
                <Select
                  {...c}
                  value={method}
                  onChange={(e) => setMethod(e.target.value as VerificationMethod)}
                  data-testid="verification-method"
                >
                  {VERIFICATION_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {t(`requests.verification.methods.${m}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('requests.verification.outcome')}>
              {(c) => (
                <Select
                  {...c}
                  value={outcome}
                  onChange={(e) => setOutcome(e.target.value as VerificationOutcome)}
                  data-testid="verification-outcome"
                >
                  {VERIFICATION_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {t(`requests.verification.outcomes.${o}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('requests.verification.note')} className="sm:col-span-2">
              {(c) => (
                <Input
                  {...c}
                  value={note}
                  maxLength={2000}
                  onChange={(e) => setNote(e.target.value)}
                  data-testid="verification-note"
                />
              )}
            </Field>
            <ErrorMessage error={add.error} className="sm:col-span-2" />
            <div className="sm:col-span-2">
              <Button
                type="submit"
                variant="secondary"
                disabled={add.isPending}
                data-testid="verification-add"
              >
                {t('requests.verification.add')}
              </Button>
            </div>
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}

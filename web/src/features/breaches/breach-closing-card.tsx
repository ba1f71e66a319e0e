import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Textarea } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { useCloseBreach, useReopenBreach } from './api';
import { Section, text } from './breach-form-parts';
import type { BreachDetail } from './types';

export function ClosingCard({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const close = useCloseBreach(breach.id);
  const reopen = useReopenBreach(breach.id);
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate({ note: text(note) ?? undefined }, { onSuccess: () => setNote('') });
  };
  return (
    <Section title={t('breaches.detail.closing')} testId="breach-closing">
      {breach.status === 'closed' ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm" data-testid="breach-closed-on">
            {t('breaches.detail.closedOn', { date: format.dateTime(breach.closedAt) })}
          </p>
          <Button
            variant="secondary"
            disabled={reopen.isPending}
            onClick={() => reopen.mutate(undefined)}
            data-testid="breach-reopen"
          >
            {t('breaches.detail.reopen')}
          </Button>
          <ErrorMessage error={reopen.error} className="w-full" />
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-3" data-testid="close-form">
          <Field label={t('breaches.detail.closeNote')}>
            {(c) => (
              <Textarea
                {...c}
                rows={2}
                maxLength={4000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                data-testid="close-note"
              />
            )}
          </Field>
          <div>
            <Button type="submit" disabled={close.isPending} data-testid="breach-close">
              {t('breaches.detail.close')}
            </Button>
          </div>
          <ErrorMessage error={close.error} />
        </form>
      )}
    </Section>
  );
}

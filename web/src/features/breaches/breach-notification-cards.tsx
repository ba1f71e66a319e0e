import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { toDateTimeLocal, useFormat } from '../../lib/format';
import { useDecideSubjects, useRecordNotification } from './api';
import { isoToLocal, Section, text } from './breach-form-parts';
import { localToIso } from './breach-report-page';
import { type BreachDetail, SUBJECTS_DECISIONS, type SubjectsDecision } from './types';

export function NotificationCard({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const record = useRecordNotification(breach.id);
  const [initialAt] = useState(() => toDateTimeLocal(new Date()));
  const [form, setForm] = useState({
    notifiedAt: initialAt,
    reference: '',
    lateReason: '',
  });
  const late = form.notifiedAt !== '' && new Date(form.notifiedAt) > new Date(breach.deadline.notifyBy);
  const closed = breach.status === 'closed';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Untouched, the field means "now" to the second (a minute-precise value could precede awareAt).
    const notifiedAt = form.notifiedAt === initialAt ? new Date().toISOString() : localToIso(form.notifiedAt);
    if (!notifiedAt) return;
    record.mutate({
      notifiedAt,
      reference: text(form.reference) ?? undefined,
      lateReason: late ? (text(form.lateReason) ?? undefined) : undefined,
    });
  };
  return (
    <Section title={t('breaches.detail.notification')} testId="breach-notification">
      {breach.authorityNotifiedAt ? (
        <div className="text-sm" data-testid="breach-notified">
          <p>{t('breaches.detail.notifiedOn', { date: format.dateTime(breach.authorityNotifiedAt) })}</p>
          {breach.authorityReference ? (
            <p>
              {t('breaches.detail.reference')}: <span className="font-mono">{breach.authorityReference}</span>
            </p>
          ) : null}
          {breach.lateReason ? (
            <p>
              {t('breaches.detail.lateReason')}: {breach.lateReason}
            </p>
          ) : null}
        </div>
      ) : closed ? (
        <p className="text-sm text-slate-600">{t('breaches.detail.notNotified')}</p>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-3" data-testid="notification-form">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t('breaches.detail.notifiedAt')} required>
              {(c) => (
                <Input
                  {...c}
                  type="datetime-local"
                  required
                  value={form.notifiedAt}
                  onChange={(e) => setForm((f) => ({ ...f, notifiedAt: e.target.value }))}
                  data-testid="notification-at"
                />
              )}
            </Field>
            <Field label={t('breaches.detail.reference')}>
              {(c) => (
                <Input
                  {...c}
                  maxLength={200}
                  value={form.reference}
                  onChange={(e) => setForm((f) => ({ ...f, reference: e.target.value }))}
                  data-testid="notification-reference"
                />
              )}
            </Field>
          </div>
          {late ? (
            <Field
              label={t('breaches.detail.lateReason')}
              hint={t('breaches.detail.lateReasonHint')}
              required
            >
              {(c) => (
                <Textarea
                  {...c}
                  rows={3}
                  maxLength={4000}
                  value={form.lateReason}
                  onChange={(e) => setForm((f) => ({ ...f, lateReason: e.target.value }))}
                  data-testid="notification-late-reason"
                />
              )}
            </Field>
          ) : null}
          <div>
            <Button type="submit" disabled={record.isPending} data-testid="notification-record">
              {t('breaches.detail.recordNotification')}
            </Button>
          </div>
          <ErrorMessage error={record.error} />
        </form>
      )}
    </Section>
  );
}

export function SubjectsCard({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const decide = useDecideSubjects(breach.id);
  const [form, setForm] = useState({
    decision: (breach.subjectsDecision ?? '') as SubjectsDecision | '',
    reason: breach.subjectsDecisionReason ?? '',
    informedAt: isoToLocal(breach.subjectsInformedAt),
  });
  const closed = breach.status === 'closed';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.decision === '') return;
    decide.mutate({
      decision: form.decision,
      reason: form.reason.trim(),
      informedAt: form.decision === 'not_required' ? undefined : localToIso(form.informedAt),
    });
  };
  return (
    <Section title={t('breaches.detail.subjects')} testId="breach-subjects">
      {breach.subjectsDecision ? (
        <div className="text-sm" data-testid="subjects-current" data-decision={breach.subjectsDecision}>
          <p className="font-medium">{t(`breaches.detail.decisions.${breach.subjectsDecision}`)}</p>
          {breach.subjectsDecisionReason ? (
            <p className="whitespace-pre-line text-slate-700">{breach.subjectsDecisionReason}</p>
          ) : null}
          {breach.subjectsInformedAt ? (
            <p className="text-slate-600">
              {t('breaches.detail.informedAt')}: {format.dateTime(breach.subjectsInformedAt)}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t('breaches.detail.noDecision')}</p>
      )}
      {closed ? null : (
        <form onSubmit={submit} className="flex flex-col gap-3" data-testid="subjects-form">
          <Field label={t('breaches.detail.decision')} required>
            {(c) => (
              <Select
                {...c}
                required
                value={form.decision}
                onChange={(e) =>
                  setForm((f) => ({ ...f, decision: e.target.value as SubjectsDecision | '' }))
                }
                data-testid="subjects-decision"
              >
                <option value="">{t('common.choose')}</option>
                {SUBJECTS_DECISIONS.map((d) => (
                  <option key={d} value={d}>
                    {t(`breaches.detail.decisions.${d}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            label={t('breaches.detail.decisionReason')}
            hint={t('breaches.detail.decisionReasonHint')}
            required
          >
            {(c) => (
              <Textarea
                {...c}
                rows={3}
                minLength={20}
                maxLength={4000}
                required
                value={form.reason}
                onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))}
                data-testid="subjects-reason"
              />
            )}
          </Field>
          {form.decision !== '' && form.decision !== 'not_required' ? (
            <Field label={t('breaches.detail.informedAt')}>
              {(c) => (
                <Input
                  {...c}
                  type="datetime-local"
                  value={form.informedAt}
                  onChange={(e) => setForm((f) => ({ ...f, informedAt: e.target.value }))}
                  data-testid="subjects-informed-at"
                />
              )}
            </Field>
          ) : null}
          <div>
            <Button
              type="submit"
              disabled={decide.isPending || form.decision === ''}
              data-testid="subjects-save"
            >
              {t('breaches.detail.saveDecision')}
            </Button>
          </div>
          <ErrorMessage error={decide.error} />
        </form>
      )}
    </Section>
  );
}

import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Textarea } from '../../components/ui/input';
import { toDateTimeLocal } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { useReportBreach } from './api';

const emptyForm = { title: '', description: '', awareAt: '', occurredAt: '' };

/** A local datetime-local value as an ISO instant (undefined when empty). */
export const localToIso = (value: string) => (value ? new Date(value).toISOString() : undefined);

/** Reporting a possible breach: short, fast, without names of affected people. */
export function BreachReportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'breaches.manage');
  const navigate = useNavigate();
  const report = useReportBreach();
  const [form, setForm] = useState(emptyForm);
  const set = (key: keyof typeof emptyForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const valid = form.title.trim() !== '' && form.description.trim() !== '';
  const now = toDateTimeLocal(new Date());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    report.mutate(
      {
        title: form.title.trim(),
        description: form.description.trim(),
        awareAt: localToIso(form.awareAt),
        occurredAt: localToIso(form.occurredAt),
      },
      {
        onSuccess: (breach) => {
          setForm(emptyForm);
          if (canManage) void navigate({ to: '/breaches/$breachId', params: { breachId: breach.id } });
        },
      },
    );
  };
  return (
    <div className="max-w-2xl">
      <PageHeader title={t('breaches.report')}>
        {canManage ? (
          <Link to="/breaches" className="text-sm text-brand-700 hover:underline">
            {t('breaches.detail.back')}
          </Link>
        ) : null}
      </PageHeader>
      <p className="mb-3 text-sm text-slate-600">{t('breaches.form.intro')}</p>
      {report.isSuccess && !canManage ? (
        <div
          role="status"
          className="mb-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="breach-reported"
        >
          {t('breaches.form.reported', { number: report.data.number })}
        </div>
      ) : null}
      <Card>
        <CardContent>
          <form onSubmit={submit} className="flex flex-col gap-3" data-testid="breach-report-form">
            <Field label={t('breaches.form.title')} required>
              {(c) => (
                <Input
                  {...c}
                  value={form.title}
                  maxLength={200}
                  onChange={(e) => set('title')(e.target.value)}
                  data-testid="breach-title-input"
                />
              )}
            </Field>
            <Field label={t('breaches.form.description')} hint={t('breaches.form.descriptionHint')} required>
              {(c) => (
                <Textarea
                  {...c}
                  rows={5}
                  value={form.description}
                  maxLength={10000}
                  onChange={(e) => set('description')(e.target.value)}
                  data-testid="breach-description-input"
                />
              )}
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t('breaches.form.awareAt')} hint={t('breaches.form.awareAtHint')}>
                {(c) => (
                  <Input
                    {...c}
                    type="datetime-local"
                    max={now}
                    value={form.awareAt}
                    onChange={(e) => set('awareAt')(e.target.value)}
                    data-testid="breach-aware-input"
                  />
                )}
              </Field>
              <Field label={t('breaches.form.occurredAt')}>
                {(c) => (
                  <Input
                    {...c}
                    type="datetime-local"
                    max={now}
                    value={form.occurredAt}
                    onChange={(e) => set('occurredAt')(e.target.value)}
                    data-testid="breach-occurred-input"
                  />
                )}
              </Field>
            </div>
            <div>
              <Button type="submit" disabled={!valid || report.isPending} data-testid="breach-submit">
                {t('breaches.form.submit')}
              </Button>
            </div>
            <ErrorMessage error={report.error} />
          </form>
        </CardContent>
      </Card>
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { toDateTimeLocal, useFormat } from '../../lib/format';
import type { DataCategory } from '../recipients/api';
import { useDataCategories } from '../recipients/category-label';
import {
  breachQuery,
  useCloseBreach,
  useDecideSubjects,
  useRecordNotification,
  useReopenBreach,
  useUpdateBreach,
} from './api';
import { localToIso } from './breach-report-page';
import { DeadlineBadge } from './deadline-badge';
import {
  BREACH_NATURES,
  BREACH_RISKS,
  type BreachDetail,
  type BreachNature,
  type BreachRisk,
  SUBJECTS_DECISIONS,
  type SubjectsDecision,
} from './types';

const route = getRouteApi('/_app/breaches/$breachId');

const isoToLocal = (value: string | null) => (value ? toDateTimeLocal(new Date(value)) : '');
const text = (value: string) => (value.trim() ? value.trim() : null);
const count = (value: string) => (value.trim() === '' ? null : Number(value));

/** One breach for the DPO: the Art. 33(3) assessment, the notification, the Art. 34 decision, the history. */
export function BreachDetailPage() {
  const { t } = useTranslation();
  const { breachId } = route.useParams();
  const query = useQuery(breachQuery(breachId));
  const breach = query.data;
  if (query.isPending) return <Loading />;
  if (!breach) return <ErrorMessage error={query.error} />;
  const closed = breach.status === 'closed';
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={
          <>
            <span className="font-mono text-slate-500" data-testid="breach-detail-number">
              {breach.number}
            </span>{' '}
            <span data-testid="breach-detail-title">{breach.title}</span>
          </>
        }
      >
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Badge tone={closed ? 'neutral' : 'brand'} data-testid="breach-status" data-status={breach.status}>
            {t(`breaches.status.${breach.status}`)}
          </Badge>
          <DeadlineBadge deadline={breach.deadline} />
          <Link to="/breaches" className="text-sm text-brand-700 hover:underline">
            {t('breaches.detail.back')}
          </Link>
        </div>
      </PageHeader>
      <ErrorMessage error={query.error} />
      <Facts breach={breach} />
      {closed ? (
        <p className="text-sm text-slate-600" role="note">
          {t('breaches.detail.closedHint')}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="flex flex-col gap-4 lg:col-span-2">
          <AssessmentCard breach={breach} />
          <NotificationCard breach={breach} />
          <SubjectsCard key={`subjects-${breach.version}`} breach={breach} />
          <ClosingCard breach={breach} />
        </div>
        <div className="flex flex-col gap-4">
          <MissingCard breach={breach} />
          <HistoryCard breach={breach} />
        </div>
      </div>
    </div>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">{children}</CardContent>
    </Card>
  );
}

function Facts({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows: [string, ReactNode][] = [
    [t('breaches.form.awareAt'), format.dateTime(breach.awareAt)],
    [t('breaches.form.occurredAt'), breach.occurredAt ? format.dateTime(breach.occurredAt) : '–'],
    [t('breaches.detail.notifyBy'), format.dateTime(breach.deadline.notifyBy)],
    [t('breaches.detail.reportedBy'), breach.reportedBy?.name ?? t('breaches.detail.unknown')],
  ];
  return (
    <Section title={t('breaches.detail.facts')} testId="breach-facts">
      <p className="text-sm whitespace-pre-line" data-testid="breach-description">
        {breach.description}
      </p>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

function AssessmentCard({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  const categories = useDataCategories();
  const update = useUpdateBreach(breach.id);
  const [saved, setSaved] = useState(false);
  const [form, setForm] = useState({
    nature: breach.nature as string[],
    dataCategories: breach.dataCategories as string[],
    subjectCategories: breach.subjectCategories ?? '',
    subjectsApprox: breach.subjectsApprox?.toString() ?? '',
    recordsApprox: breach.recordsApprox?.toString() ?? '',
    contact: breach.contact ?? '',
    consequences: breach.consequences ?? '',
    measures: breach.measures ?? '',
    risk: (breach.risk ?? '') as BreachRisk | '',
    riskReasoning: breach.riskReasoning ?? '',
  });
  const set =
    <K extends keyof typeof form>(key: K) =>
    (value: (typeof form)[K]) => {
      setSaved(false);
      setForm((f) => ({ ...f, [key]: value }));
    };
  const closed = breach.status === 'closed';
  // Not re-keyed by version: the form keeps what was typed; saving sends the version last read.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        version: breach.version,
        nature: form.nature as BreachNature[],
        dataCategories: form.dataCategories as DataCategory[],
        subjectCategories: text(form.subjectCategories),
        subjectsApprox: count(form.subjectsApprox),
        recordsApprox: count(form.recordsApprox),
        contact: text(form.contact),
        consequences: text(form.consequences),
        measures: text(form.measures),
        risk: form.risk === '' ? null : form.risk,
        riskReasoning: text(form.riskReasoning),
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  const textarea = (key: 'consequences' | 'measures' | 'riskReasoning', label: string) => (
    <Field label={label}>
      {(c) => (
        <Textarea
          {...c}
          rows={3}
          maxLength={4000}
          value={form[key]}
          onChange={(e) => set(key)(e.target.value)}
          data-testid={`breach-${key}`}
        />
      )}
    </Field>
  );
  return (
    <Section title={t('breaches.detail.assessment')} testId="breach-assessment">
      <form onSubmit={submit} data-testid="assessment-form">
        <fieldset disabled={closed} className="flex flex-col gap-4">
          <CheckboxGroup
            legend={t('breaches.detail.nature')}
            columns={1}
            options={BREACH_NATURES.map((n) => ({ value: n, label: t(`breaches.detail.natures.${n}`) }))}
            value={form.nature}
            onChange={set('nature')}
          />
          <CheckboxGroup
            legend={t('breaches.detail.dataCategories')}
            options={categories.categories.map((c) => ({ value: c.id, label: categories.label(c.id) }))}
            value={form.dataCategories}
            onChange={set('dataCategories')}
          />
          <Field
            label={t('breaches.detail.subjectCategories')}
            hint={t('breaches.detail.subjectCategoriesHint')}
          >
            {(c) => (
              <Input
                {...c}
                maxLength={1000}
                value={form.subjectCategories}
                onChange={(e) => set('subjectCategories')(e.target.value)}
                data-testid="breach-subjectCategories"
              />
            )}
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t('breaches.detail.subjectsApprox')}>
              {(c) => (
                <Input
                  {...c}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={form.subjectsApprox}
                  onChange={(e) => set('subjectsApprox')(e.target.value)}
                  data-testid="breach-subjectsApprox"
                />
              )}
            </Field>
            <Field label={t('breaches.detail.recordsApprox')}>
              {(c) => (
                <Input
                  {...c}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={form.recordsApprox}
                  onChange={(e) => set('recordsApprox')(e.target.value)}
                  data-testid="breach-recordsApprox"
                />
              )}
            </Field>
          </div>
          <Field label={t('breaches.detail.contact')}>
            {(c) => (
              <Input
                {...c}
                maxLength={500}
                value={form.contact}
                onChange={(e) => set('contact')(e.target.value)}
                data-testid="breach-contact"
              />
            )}
          </Field>
          {textarea('consequences', t('breaches.detail.consequences'))}
          {textarea('measures', t('breaches.detail.measures'))}
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-slate-800">{t('breaches.detail.risk')}</legend>
            {BREACH_RISKS.map((risk) => (
              <label key={risk} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name={`risk-${breach.id}`}
                  value={risk}
                  className="mt-0.5 size-4 accent-brand-700"
                  checked={form.risk === risk}
                  onChange={() => set('risk')(risk)}
                />
                {t(`breaches.detail.risks.${risk}`)}
              </label>
            ))}
          </fieldset>
          {textarea('riskReasoning', t('breaches.detail.riskReasoning'))}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={update.isPending} data-testid="assessment-save">
              {t('breaches.detail.saveAssessment')}
            </Button>
            {saved ? (
              <span role="status" className="text-sm text-emerald-800" data-testid="assessment-saved">
                {t('breaches.detail.saved')}
              </span>
            ) : null}
          </div>
          <ErrorMessage error={update.error} />
        </fieldset>
      </form>
    </Section>
  );
}

function MissingCard({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  return (
    <Section title={t('breaches.detail.missingTitle')} testId="breach-missing">
      {breach.missing.length === 0 ? (
        <p className="text-sm text-emerald-800" data-testid="breach-complete">
          {t('breaches.detail.complete')}
        </p>
      ) : (
        <ul className="list-disc pl-5 text-sm" data-testid="breach-missing-list">
          {breach.missing.map((field) => (
            <li key={field} data-field={field}>
              {t(`breaches.fields.${field}` as 'breaches.fields.nature', { defaultValue: field })}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function NotificationCard({ breach }: { breach: BreachDetail }) {
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

function SubjectsCard({ breach }: { breach: BreachDetail }) {
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

function ClosingCard({ breach }: { breach: BreachDetail }) {
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

function HistoryCard({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section title={t('breaches.detail.history')} testId="breach-history">
      <ol className="flex flex-col gap-2 text-sm" data-testid="breach-events">
        {breach.events.map((event) => (
          <li
            key={`${event.at}-${event.kind}`}
            className="border-l-2 border-slate-200 pl-3"
            data-testid="breach-event"
            data-kind={event.kind}
          >
            <p className="font-medium">{t(`breaches.events.${event.kind}`)}</p>
            <p className="text-xs text-slate-500">
              {format.timestamp(event.at)} · {event.actorName ?? t('breaches.events.system')}
            </p>
            {event.detail ? <p className="whitespace-pre-line text-slate-700">{event.detail}</p> : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}

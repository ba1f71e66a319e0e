import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Textarea } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { AccountabilityTabs } from '../accountability/accountability-tabs';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { type RopaActivity, ropaQuery, type TextField, usePatchActivity } from './api';
import { RopaFactsCard } from './ropa-facts-card';
import { activityTitle, STATUS_TONE } from './ropa-page';

const route = getRouteApi('/_app/accountability/ropa/$activityId');

const CONTROLLER_FIELDS: TextField[] = [
  'name',
  'description',
  'legalBases',
  'subjectCategories',
  'dataCategories',
  'recipients',
  'transfers',
  'erasure',
  'toms',
];
const PROCESSOR_FIELDS: TextField[] = [
  'name',
  'controllerName',
  'controllerContact',
  'controllerRepresentative',
  'controllerDpo',
  'processingCategories',
  'transfers',
  'toms',
];
/** The live text a field falls back to (the record's "purposes" are the activity's description). */
const LIVE_KEY: Partial<Record<TextField, string>> = { description: 'purposes' };
const MISSING_LABEL: Record<string, string> = {
  controllerName: 'controllerNameSettings',
  controllerContact: 'controllerContactSettings',
  controller: 'controllerName',
};

const formOf = (a: RopaActivity, keys: TextField[]) =>
  Object.fromEntries(keys.map((k) => [k, a[k] ?? ''])) as Record<TextField, string>;

function ActivityForm({ activity, canEdit }: { activity: RopaActivity; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const patch = usePatchActivity(activity.id);
  const keys = activity.part === 'controller' ? CONTROLLER_FIELDS : PROCESSOR_FIELDS;
  const [form, setForm] = useState(() => formOf(activity, keys));
  const [saved, setSaved] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form when the server version changes
  useEffect(() => setForm(formOf(activity, keys)), [activity.version]);
  const live = i18n.language.startsWith('en') ? activity.live.en : activity.live.de;

  const send = (status?: 'draft' | 'confirmed') => {
    setSaved(false);
    const texts = Object.fromEntries(keys.map((k) => [k, form[k].trim() || null]));
    patch.mutate(
      { version: activity.version, ...texts, ...(status ? { status } : {}) },
      { onSuccess: () => setSaved(true) },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  return (
    <Card aria-labelledby="ropa-activity-form-title" className="mb-4">
      <CardHeader>
        <CardTitle id="ropa-activity-form-title">{t('ropa.columns.name')}</CardTitle>
        <Badge tone={STATUS_TONE[activity.status]} data-testid="ropa-activity-status">
          {t(`ropa.status.${activity.status}`)}
        </Badge>
      </CardHeader>
      <CardContent>
        {activity.confirmedAt ? (
          <p className="mb-2 text-sm text-slate-600" data-testid="ropa-activity-confirmed">
            {t('ropa.activity.confirmedBy', {
              date: format.dateTime(activity.confirmedAt),
              name: activity.confirmedBy ?? '',
            })}
          </p>
        ) : null}
        {activity.status === 'changed' ? (
          <p className="mb-2 text-sm text-red-800">{t('ropa.activity.changedHint')}</p>
        ) : null}
        {activity.missing.length > 0 ? (
          <p className="mb-2 text-sm text-amber-800" data-testid="ropa-activity-missing">
            {t('ropa.activity.missing', {
              fields: activity.missing
                .map((m) => t(`ropa.activity.fields.${MISSING_LABEL[m] ?? m}` as 'ropa.activity.fields.name'))
                .join(', '),
            })}
          </p>
        ) : null}
        <p className="mb-3 text-xs text-slate-500">{t('ropa.activity.liveHint')}</p>
        <form onSubmit={submit} className="grid gap-4" data-testid="ropa-activity-form">
          {keys.map((key) => {
            const liveText = live[LIVE_KEY[key] ?? key];
            return (
              <Field key={key} label={t(`ropa.activity.fields.${key}`)}>
                {(control) => (
                  <div className="grid gap-1">
                    <Textarea
                      {...control}
                      rows={key === 'name' ? 1 : 3}
                      value={form[key]}
                      disabled={!canEdit}
                      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
                      data-testid={`ropa-field-${key}`}
                    />
                    {liveText ? (
                      <div
                        className="rounded-md bg-slate-50 px-3 py-2 text-xs whitespace-pre-line text-slate-600"
                        data-testid={`ropa-live-${key}`}
                      >
                        <span className="font-medium">{t('ropa.activity.fromSystem')}: </span>
                        {liveText}
                      </div>
                    ) : null}
                  </div>
                )}
              </Field>
            );
          })}
          {canEdit ? (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" variant="secondary" disabled={patch.isPending} data-testid="ropa-save">
                {t('ropa.activity.save')}
              </Button>
              <Button
                type="button"
                disabled={patch.isPending}
                onClick={() => send('confirmed')}
                data-testid="ropa-confirm"
              >
                {t('ropa.activity.confirm')}
              </Button>
              {activity.status !== 'draft' ? (
                <Button type="button" variant="ghost" onClick={() => send('draft')} data-testid="ropa-reopen">
                  {t('ropa.activity.reopen')}
                </Button>
              ) : null}
              {saved ? (
                <p role="status" className="text-sm text-emerald-800">
                  {t('ropa.activity.saved')}
                </p>
              ) : null}
            </div>
          ) : null}
          <ErrorMessage error={patch.error} />
        </form>
      </CardContent>
    </Card>
  );
}

/** One processing activity: the DPO's texts beside what the live system says; save and confirm. */
export function RopaActivityPage() {
  const { t, i18n } = useTranslation();
  const { activityId } = route.useParams();
  const user = useCurrentUser();
  const ropa = useQuery(ropaQuery());
  const activity = ropa.data?.activities.find((a) => a.id === activityId);
  return (
    <div>
      <PageHeader title={activity ? activityTitle(activity, i18n.language) : t('ropa.title')}>
        <Link to="/accountability/ropa" className="text-sm text-brand-700 hover:underline">
          {t('ropa.activity.back')}
        </Link>
      </PageHeader>
      <AccountabilityTabs />
      {ropa.isPending ? <Loading /> : null}
      <ErrorMessage error={ropa.error} />
      {ropa.data && !activity ? (
        <p className="text-sm text-slate-600">{t('ropa.activity.notFound')}</p>
      ) : null}
      {activity ? (
        <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
          <ActivityForm activity={activity} canEdit={canDo(user?.role, 'ropa.manage')} />
          {activity.facts ? <RopaFactsCard facts={activity.facts} /> : null}
        </div>
      ) : null}
    </div>
  );
}

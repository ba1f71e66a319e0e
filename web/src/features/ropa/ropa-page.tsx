import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button, buttonClass } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { AccountabilityTabs } from '../accountability/accountability-tabs';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { type ExportPart, exportUrl, type RopaActivity, ropaQuery, useCreateActivity } from './api';
import { RopaSettingsCard } from './ropa-settings-card';

export const STATUS_TONE = { draft: 'warning', confirmed: 'success', changed: 'danger' } as const;

/** The title of an activity in the UI language: the DPO's name, else the live one. */
export const activityTitle = (a: RopaActivity, language: string) =>
  a.name ?? (language.startsWith('en') ? a.live.en.name : a.live.de.name) ?? a.id;

function ActivityTable({ items, part }: { items: RopaActivity[]; part: 'controller' | 'processor' }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <Card aria-labelledby={`ropa-part-${part}`} className="mb-4" data-testid={`ropa-part-${part}`}>
      <CardHeader>
        <CardTitle id={`ropa-part-${part}`}>{t(`ropa.parts.${part}`)}</CardTitle>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? <p className="text-sm text-slate-600">{t('ropa.empty')}</p> : null}
        {items.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    {t('ropa.columns.name')}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t('ropa.columns.source')}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t('ropa.columns.status')}
                  </th>
                  <th scope="col" className="py-2">
                    {t('ropa.columns.confirmed')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((a) => (
                  <tr key={a.id} data-testid="ropa-activity-row">
                    <td className="py-2 pr-3">
                      <Link
                        to="/accountability/ropa/$activityId"
                        params={{ activityId: a.id }}
                        className="text-brand-700 hover:underline"
                        data-testid="ropa-activity-link"
                      >
                        {activityTitle(a, i18n.language)}
                      </Link>
                    </td>
                    <td className="py-2 pr-3 text-slate-600">
                      {a.purposeId
                        ? t('ropa.source.purpose', { id: a.purposeId })
                        : a.part === 'processor'
                          ? t('ropa.source.processor', { name: a.controllerName ?? '' })
                          : t('ropa.source.manual')}
                    </td>
                    <td className="py-2 pr-3">
                      <Badge tone={STATUS_TONE[a.status]} data-testid="ropa-activity-status">
                        {t(`ropa.status.${a.status}`)}
                      </Badge>
                    </td>
                    <td className="py-2 whitespace-nowrap text-slate-600">
                      {a.confirmedAt ? format.date(a.confirmedAt) : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function ExportCard() {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<'de' | 'en'>(i18n.language.startsWith('en') ? 'en' : 'de');
  const [part, setPart] = useState<ExportPart>('all');
  return (
    <Card aria-labelledby="ropa-export-title" className="mb-4" data-testid="ropa-export">
      <CardHeader>
        <CardTitle id="ropa-export-title">{t('ropa.export.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-wrap items-end gap-3">
        <Field label={t('ropa.export.language')}>
          {(control) => (
            <Select
              {...control}
              className="w-auto"
              value={lang}
              onChange={(e) => setLang(e.target.value as 'de' | 'en')}
              data-testid="ropa-export-lang"
            >
              <option value="de">{t('ropa.export.languages.de')}</option>
              <option value="en">{t('ropa.export.languages.en')}</option>
            </Select>
          )}
        </Field>
        <Field label={t('ropa.export.part')}>
          {(control) => (
            <Select
              {...control}
              className="w-auto"
              value={part}
              onChange={(e) => setPart(e.target.value as ExportPart)}
              data-testid="ropa-export-part"
            >
              {(['all', 'controller', 'processor'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`ropa.export.parts.${p}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {(['pdf', 'csv', 'json'] as const).map((format) => (
          <a
            key={format}
            href={exportUrl({ format, lang, part })}
            download
            className={buttonClass(format === 'pdf' ? 'primary' : 'secondary')}
            data-testid={`ropa-export-${format}`}
          >
            {t(`ropa.export.${format}`)}
          </a>
        ))}
      </CardContent>
    </Card>
  );
}

function AddActivityForm() {
  const { t } = useTranslation();
  const create = useCreateActivity();
  const [part, setPart] = useState<'controller' | 'processor'>('processor');
  const [name, setName] = useState('');
  const [controllerName, setControllerName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { part, name: name.trim(), ...(part === 'processor' ? { controllerName: controllerName.trim() } : {}) },
      {
        onSuccess: () => {
          setName('');
          setControllerName('');
        },
      },
    );
  };
  return (
    <Card aria-labelledby="ropa-add-title" className="mb-4">
      <CardHeader>
        <CardTitle id="ropa-add-title">{t('ropa.add.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="flex flex-wrap items-end gap-3" data-testid="ropa-add-form">
          <Field label={t('ropa.add.part')}>
            {(control) => (
              <Select
                {...control}
                className="w-auto"
                value={part}
                onChange={(e) => setPart(e.target.value as 'controller' | 'processor')}
              >
                <option value="processor">{t('ropa.export.parts.processor')}</option>
                <option value="controller">{t('ropa.export.parts.controller')}</option>
              </Select>
            )}
          </Field>
          <Field label={t('ropa.add.name')} required>
            {(control) => (
              <Input {...control} required value={name} onChange={(e) => setName(e.target.value)} />
            )}
          </Field>
          {part === 'processor' ? (
            <Field label={t('ropa.add.controllerName')} required>
              {(control) => (
                <Input
                  {...control}
                  required
                  value={controllerName}
                  onChange={(e) => setControllerName(e.target.value)}
                />
              )}
            </Field>
          ) : null}
          <Button type="submit" disabled={create.isPending}>
            {t('ropa.add.submit')}
          </Button>
          <ErrorMessage error={create.error} />
        </form>
      </CardContent>
    </Card>
  );
}

/** The record of processing activities (Art. 30): controller details, activities, export. */
export function RopaPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'ropa.manage');
  const ropa = useQuery(ropaQuery());
  const activities = ropa.data?.activities ?? [];
  return (
    <div>
      <PageHeader title={t('ropa.title')} />
      <AccountabilityTabs />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('ropa.intro')}</p>
      {ropa.isPending ? <Loading /> : null}
      <ErrorMessage error={ropa.error} />
      {ropa.data ? (
        <>
          <ExportCard />
          <RopaSettingsCard settings={ropa.data.settings} canEdit={canManage} />
          <ActivityTable part="controller" items={activities.filter((a) => a.part === 'controller')} />
          <ActivityTable part="processor" items={activities.filter((a) => a.part === 'processor')} />
          {canManage ? <AddActivityForm /> : null}
        </>
      ) : null}
    </div>
  );
}

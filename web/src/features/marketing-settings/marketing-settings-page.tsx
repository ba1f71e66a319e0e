import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Textarea } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import type { Language, MailTemplate, MarketingSettings } from '../consent/types';
import {
  mailTemplatesQuery,
  mailTemplateVersionsQuery,
  marketingSettingsQuery,
  useSaveMailTemplate,
  useSaveMarketingSettings,
} from './api';
import { MarketingAreaTabs } from './marketing-area-tabs';
import { WordingsCard } from './wordings-card';

/** The placeholders each template may use (the server's MAIL_PLACEHOLDERS, src/domain/marketing/mail-defaults.ts). */
const PLACEHOLDERS: Record<string, readonly string[]> = {
  double_opt_in: ['link', 'purpose', 'senderName', 'firstName', 'lastName', 'expiresAt'],
  portal_login: ['link', 'minutes', 'senderName', 'firstName'],
  marketing_footer: ['unsubscribeLink', 'preferencesLink', 'postalAddress', 'senderName', 'firstName'],
  redaction_notice: ['senderName', 'firstName', 'lastName', 'removed', 'date'],
};
const placeholdersOf = (key: string) => (PLACEHOLDERS[key] ?? []).map((p) => `{{${p}}}`).join(' ');

/** /settings/marketing: sender identity, mail templates, consent wordings. */
export function MarketingSettingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'marketing.manage');
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('marketingAdmin.settings.title')} />
      <MarketingAreaTabs />
      {canDo(user?.role, 'marketing.read') ? (
        <>
          <SenderCard canManage={canManage} />
          <TemplatesCard canManage={canManage} />
        </>
      ) : null}
      <WordingsCard canManage={canDo(user?.role, 'consent_wordings.manage')} />
    </div>
  );
}

function SenderCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const query = useQuery(marketingSettingsQuery());
  return (
    <Card aria-labelledby="sender-title" data-testid="sender-card">
      <CardHeader>
        <CardTitle id="sender-title">{t('marketingAdmin.settings.sender')}</CardTitle>
        {query.data ? (
          <Badge tone={query.data.smtpConfigured ? 'success' : 'warning'} data-testid="smtp-status">
            {query.data.smtpConfigured
              ? t('marketingAdmin.settings.smtpConfigured')
              : t('marketingAdmin.settings.smtpMissing')}
          </Badge>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {query.isPending ? <Loading /> : null}
        <ErrorMessage error={query.error} />
        {query.data && !query.data.smtpConfigured ? (
          <p className="text-sm text-slate-600">{t('marketingAdmin.settings.smtpMissingHint')}</p>
        ) : null}
        {query.data ? <SenderForm settings={query.data} canManage={canManage} /> : null}
      </CardContent>
    </Card>
  );
}

function SenderForm({ settings, canManage }: { settings: MarketingSettings; canManage: boolean }) {
  const { t } = useTranslation();
  const save = useSaveMarketingSettings();
  const [values, setValues] = useState({
    senderName: settings.senderName ?? '',
    senderEmail: settings.senderEmail ?? '',
    replyTo: settings.replyTo ?? '',
    postalAddress: settings.postalAddress ?? '',
    publicUrl: settings.publicUrl ?? '',
  });
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      senderName: values.senderName.trim(),
      senderEmail: values.senderEmail.trim(),
      replyTo: values.replyTo.trim() || null,
      postalAddress: values.postalAddress.trim() || null,
      publicUrl: values.publicUrl.trim() || null,
    });
  };
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" data-testid="sender-form">
      <Field label={t('marketingAdmin.settings.senderName')} required>
        {(c) => (
          <Input
            {...c}
            value={values.senderName}
            onChange={set('senderName')}
            disabled={!canManage}
            required
          />
        )}
      </Field>
      <Field label={t('marketingAdmin.settings.senderEmail')} required>
        {(c) => (
          <Input
            {...c}
            type="email"
            value={values.senderEmail}
            onChange={set('senderEmail')}
            disabled={!canManage}
            required
          />
        )}
      </Field>
      <Field label={t('marketingAdmin.settings.replyTo')}>
        {(c) => (
          <Input {...c} type="email" value={values.replyTo} onChange={set('replyTo')} disabled={!canManage} />
        )}
      </Field>
      <Field label={t('marketingAdmin.settings.publicUrl')} hint={t('marketingAdmin.settings.publicUrlHint')}>
        {(c) => (
          <Input
            {...c}
            type="url"
            value={values.publicUrl}
            onChange={set('publicUrl')}
            disabled={!canManage}
          />
        )}
      </Field>
      <Field
        label={t('marketingAdmin.settings.postalAddress')}
        hint={t('marketingAdmin.settings.postalAddressHint')}
        className="sm:col-span-2"
      >
        {(c) => (
          <Textarea
            {...c}
            rows={3}
            value={values.postalAddress}
            onChange={set('postalAddress')}
            disabled={!canManage}
          />
        )}
      </Field>
      <div className="sm:col-span-2">
        <ErrorMessage error={save.error} />
        {save.isSuccess ? (
          <p role="status" className="text-sm text-emerald-800">
            {t('marketingAdmin.saved')}
          </p>
        ) : null}
      </div>
      {canManage ? (
        <div className="sm:col-span-2">
          <Button type="submit" disabled={save.isPending} data-testid="sender-save">
            {t('common.save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

function TemplatesCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const query = useQuery(mailTemplatesQuery());
  const items = query.data?.items ?? [];
  return (
    <Card aria-labelledby="templates-title" data-testid="mail-templates-card">
      <CardHeader>
        <CardTitle id="templates-title">{t('marketingAdmin.templates.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-sm text-slate-600">{t('marketingAdmin.templates.intro')}</p>
        {query.isPending ? <Loading /> : null}
        <ErrorMessage error={query.error} />
        <ul className="divide-y divide-slate-100">
          {items.map((template) => (
            <TemplateRow
              key={`${template.key}-${template.language}`}
              template={template}
              canManage={canManage}
            />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function TemplateRow({ template, canManage }: { template: MailTemplate; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [mode, setMode] = useState<'view' | 'edit' | 'history'>('view');
  return (
    <li className="flex flex-col gap-2 py-3 text-sm" data-testid="mail-template" data-key={template.key}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">
          {t(`marketingAdmin.templates.keys.${template.key}`, { defaultValue: template.key })}
        </span>
        <Badge>{template.language.toUpperCase()}</Badge>
        {template.builtIn ? (
          <Badge tone="neutral">{t('marketingAdmin.templates.builtIn')}</Badge>
        ) : (
          <Badge tone="brand">
            {t('marketingAdmin.version', { version: template.version })} · {format.date(template.createdAt)}
          </Badge>
        )}
        <div className="ml-auto flex gap-2">
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={mode === 'history'}
            onClick={() => setMode(mode === 'history' ? 'view' : 'history')}
          >
            {t('marketingAdmin.versions')}
          </Button>
          {canManage ? (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')}
              data-testid="mail-template-edit"
            >
              {t('common.edit')}
            </Button>
          ) : null}
        </div>
      </div>
      <p className="text-slate-700">{template.subject}</p>
      {mode === 'edit' ? <TemplateForm template={template} onDone={() => setMode('view')} /> : null}
      {mode === 'history' ? <TemplateVersions template={template} /> : null}
    </li>
  );
}

function TemplateForm({ template, onDone }: { template: MailTemplate; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveMailTemplate();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  return (
    <form
      className="flex flex-col gap-3 rounded-md border border-slate-200 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { key: template.key, language: template.language as Language, subject, body },
          { onSuccess: onDone },
        );
      }}
    >
      <p className="text-xs text-slate-500">
        {t('marketingAdmin.templates.placeholders')}: <code>{placeholdersOf(template.key)}</code>
      </p>
      <Field label={t('marketingAdmin.templates.subject')} required>
        {(c) => <Input {...c} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />}
      </Field>
      <Field label={t('marketingAdmin.templates.body')} required>
        {(c) => (
          <Textarea
            {...c}
            rows={10}
            className="font-mono"
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <ErrorMessage error={save.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending || !subject.trim() || !body.trim()}>
          {t('marketingAdmin.saveNewVersion')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function TemplateVersions({ template }: { template: MailTemplate }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(mailTemplateVersionsQuery(template.key, template.language));
  const items = query.data?.items ?? [];
  return (
    <div className="rounded-md border border-slate-200 p-3">
      {query.isPending ? <Loading /> : null}
      <ErrorMessage error={query.error} />
      {query.data && items.length === 0 ? (
        <p className="text-slate-600">{t('marketingAdmin.templates.noVersions')}</p>
      ) : null}
      <ol className="flex flex-col gap-2">
        {items.map((v) => (
          <li key={v.id ?? `v${v.version}`}>
            <details>
              <summary className="cursor-pointer">
                {t('marketingAdmin.version', { version: v.version })} ·{' '}
                {v.builtIn || !v.createdAt
                  ? t('marketingAdmin.templates.builtIn')
                  : format.dateTime(v.createdAt)}{' '}
                · {v.subject}
              </summary>
              <pre className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 font-sans text-slate-800">
                {v.body}
              </pre>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}

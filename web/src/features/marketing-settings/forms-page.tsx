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
import { Input, Select } from '../../components/ui/input';
import { localized } from '../../i18n';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { useConsentPurposes } from '../consent/purposes';
import type { ConsentForm, Language } from '../consent/types';
import { consentFormsQuery, useCreateForm, useUpdateForm } from './api';
import { MarketingAreaTabs } from './marketing-area-tabs';

/** The public link of a form: the API's, else this UI's own origin. */
const publicLinkOf = (form: ConsentForm) => form.publicUrl || `${window.location.origin}/signup/${form.id}`;

/** /marketing/forms: hosted sign-up forms (double opt-in) with their public links and counts. */
export function FormsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'marketing.manage');
  const query = useQuery(consentFormsQuery());
  const [creating, setCreating] = useState(false);
  const items = query.data?.items ?? [];
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={t('marketingAdmin.forms.title')}
        actions={
          canManage && !creating ? (
            <Button onClick={() => setCreating(true)} data-testid="form-new">
              {t('marketingAdmin.forms.new')}
            </Button>
          ) : null
        }
      />
      <MarketingAreaTabs />
      <p className="text-sm text-slate-600">{t('marketingAdmin.forms.intro')}</p>
      {creating ? <FormCreate onDone={() => setCreating(false)} /> : null}
      <Card>
        <CardContent>
          {query.isPending ? <Loading /> : null}
          <ErrorMessage error={query.error} />
          {query.data && items.length === 0 ? (
            <p className="py-4 text-sm text-slate-600" data-testid="forms-empty">
              {t('marketingAdmin.forms.empty')}
            </p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="form-list">
              {items.map((form) => (
                <FormRow key={form.id} form={form} canManage={canManage} />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function FormRow({ form, canManage }: { form: ConsentForm; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { purposeLabel } = useConsentPurposes();
  const update = useUpdateForm();
  const link = publicLinkOf(form);
  const [copied, setCopied] = useState(false);
  return (
    <li
      className="flex flex-col gap-1 py-3 text-sm"
      data-testid="consent-form-row"
      data-active={form.active ? 'true' : 'false'}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium" data-testid="form-name">
          {form.name}
        </span>
        <Badge tone="brand">{purposeLabel(form.purposeId)}</Badge>
        <Badge>{form.language.toUpperCase()}</Badge>
        <Badge tone={form.active ? 'success' : 'neutral'}>
          {form.active ? t('marketingAdmin.forms.active') : t('marketingAdmin.forms.inactive')}
        </Badge>
        <span className="text-slate-500">{format.date(form.createdAt)}</span>
        {canManage ? (
          <Button
            size="sm"
            variant="secondary"
            className="ml-auto"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: form.id, active: !form.active })}
            data-testid="form-toggle"
          >
            {form.active ? t('marketingAdmin.forms.deactivate') : t('marketingAdmin.forms.activate')}
          </Button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-slate-500">{t('marketingAdmin.forms.publicLink')}:</span>
        <a
          href={link}
          target="_blank"
          rel="noreferrer"
          className="break-all text-brand-700 hover:underline"
          data-testid="form-link"
        >
          {link}
        </a>
        <Button
          size="sm"
          variant="ghost"
          onClick={() =>
            void navigator.clipboard?.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('marketingAdmin.forms.copied') : t('marketingAdmin.forms.copy')}
        </Button>
      </div>
      <p className="text-slate-700" data-testid="form-counts">
        {t('marketingAdmin.forms.counts', {
          pending: form.signups.pending,
          confirmed: form.signups.confirmed,
        })}
      </p>
      {form.redirectUrl ? (
        <p className="text-xs break-all text-slate-500">
          {t('marketingAdmin.forms.redirectUrl')}: {form.redirectUrl}
        </p>
      ) : null}
      <ErrorMessage error={update.error} />
    </li>
  );
}

function FormCreate({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { purposes } = useConsentPurposes();
  const create = useCreateForm();
  const [name, setName] = useState('');
  const [purposeId, setPurposeId] = useState('');
  const [language, setLanguage] = useState<Language>('de');
  const [redirectUrl, setRedirectUrl] = useState('');
  const valid = name.trim() !== '' && purposeId !== '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    create.mutate(
      { name: name.trim(), purposeId, language, redirectUrl: redirectUrl.trim() || undefined },
      { onSuccess: onDone },
    );
  };
  return (
    <Card aria-labelledby="form-create-title">
      <CardHeader>
        <CardTitle id="form-create-title">{t('marketingAdmin.forms.new')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" data-testid="form-create">
          <Field label={t('marketingAdmin.forms.name')} required>
            {(c) => <Input {...c} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t('consent.purpose')} required>
            {(c) => (
              <Select {...c} value={purposeId} onChange={(e) => setPurposeId(e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {purposes.map((p) => (
                  <option key={p.id} value={p.id}>
                    {localized(p, i18n.language)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('language.label')} required hint={t('marketingAdmin.forms.languageHint')}>
            {(c) => (
              <Select {...c} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
                <option value="de">{t('language.de')}</option>
                <option value="en">{t('language.en')}</option>
              </Select>
            )}
          </Field>
          <Field
            label={t('marketingAdmin.forms.redirectUrl')}
            hint={t('marketingAdmin.forms.redirectUrlHint')}
          >
            {(c) => (
              <Input {...c} type="url" value={redirectUrl} onChange={(e) => setRedirectUrl(e.target.value)} />
            )}
          </Field>
          <p className="text-xs text-slate-500 sm:col-span-2">{t('marketingAdmin.forms.channelHint')}</p>
          <div className="sm:col-span-2">
            <ErrorMessage error={create.error} />
          </div>
          <div className="flex flex-wrap gap-2 sm:col-span-2">
            <Button type="submit" disabled={!valid || create.isPending} data-testid="form-create-submit">
              {t('marketingAdmin.forms.create')}
            </Button>
            <Button variant="secondary" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

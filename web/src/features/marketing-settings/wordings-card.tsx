import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { localized } from '../../i18n';
import { useFormat } from '../../lib/format';
import { consentWordingsQuery, currentWording } from '../consent/api';
import { useConsentPurposes } from '../consent/purposes';
import { CHANNELS, type ConsentChannel, type ConsentWording, type Language } from '../consent/types';
import { useCreateWording } from './api';

/**
 * Consent wordings (the exact text a person agrees to), versioned per purpose, channel and language.
 * A change is a new version; consents keep pointing at the version they were given on.
 */
export function WordingsCard({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { purposes, purposeLabel } = useConsentPurposes();
  const [purposeId, setPurposeId] = useState('');
  const [channel, setChannel] = useState<ConsentChannel | ''>('');
  const [language, setLanguage] = useState<Language | ''>('');
  const [creating, setCreating] = useState(false);
  const query = useQuery(
    consentWordingsQuery({
      purposeId: purposeId || undefined,
      channel: channel || undefined,
      language: language || undefined,
    }),
  );
  const items = [...(query.data?.items ?? [])].sort(
    (a, b) =>
      a.purposeId.localeCompare(b.purposeId) ||
      a.channel.localeCompare(b.channel) ||
      a.language.localeCompare(b.language) ||
      b.version - a.version,
  );
  return (
    <Card aria-labelledby="wordings-title" data-testid="wordings-card">
      <CardHeader>
        <CardTitle id="wordings-title">{t('marketingAdmin.wordings.title')}</CardTitle>
        {canManage && !creating ? (
          <Button size="sm" onClick={() => setCreating(true)} data-testid="wording-new">
            {t('marketingAdmin.wordings.newVersion')}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-sm text-slate-600">{t('marketingAdmin.wordings.intro')}</p>
        {canManage ? null : <p className="text-sm text-slate-600">{t('marketingAdmin.wordings.readOnly')}</p>}
        {creating ? (
          <WordingForm
            initial={{ purposeId, channel: channel || 'email', language: language || 'de' }}
            onDone={() => setCreating(false)}
          />
        ) : null}
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label={t('consent.purpose')}>
            {(c) => (
              <Select {...c} value={purposeId} onChange={(e) => setPurposeId(e.target.value)}>
                <option value="">{t('marketingAdmin.all')}</option>
                {purposes.map((p) => (
                  <option key={p.id} value={p.id}>
                    {localized(p, i18n.language)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('consent.channel')}>
            {(c) => (
              <Select
                {...c}
                value={channel}
                onChange={(e) => setChannel(e.target.value as ConsentChannel | '')}
              >
                <option value="">{t('marketingAdmin.all')}</option>
                {CHANNELS.map((ch) => (
                  <option key={ch} value={ch}>
                    {t(`consent.channels.${ch}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('language.label')}>
            {(c) => (
              <Select {...c} value={language} onChange={(e) => setLanguage(e.target.value as Language | '')}>
                <option value="">{t('marketingAdmin.all')}</option>
                <option value="de">{t('language.de')}</option>
                <option value="en">{t('language.en')}</option>
              </Select>
            )}
          </Field>
        </div>
        {query.isPending ? <Loading /> : null}
        <ErrorMessage error={query.error} />
        {query.data && items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="wordings-empty">
            {t('marketingAdmin.wordings.empty')}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="wording-list">
            {items.map((w) => (
              <li
                key={w.id}
                className="flex flex-col gap-1 py-3 text-sm"
                data-testid="wording"
                data-current={w.current ? 'true' : 'false'}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{purposeLabel(w.purposeId)}</span>
                  <Badge tone="brand">{t(`consent.channels.${w.channel}`)}</Badge>
                  <Badge>{w.language.toUpperCase()}</Badge>
                  <Badge tone={w.current ? 'success' : 'neutral'}>
                    {t('marketingAdmin.version', { version: w.version })}
                    {w.current ? ` · ${t('marketingAdmin.wordings.current')}` : ''}
                  </Badge>
                  <span className="text-slate-500">{format.dateTime(w.createdAt)}</span>
                </div>
                <details open={w.current}>
                  <summary className="cursor-pointer text-slate-600">
                    {t('marketingAdmin.wordings.text')}
                  </summary>
                  <p className="mt-1 whitespace-pre-line text-slate-900">{w.text}</p>
                </details>
                <p className="text-xs text-slate-500">
                  {t('consent.advertiser')}: {w.advertiser}
                  {w.productScope ? ` · ${t('consent.productScope')}: ${w.productScope}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function WordingForm({
  initial,
  onDone,
}: {
  initial: { purposeId: string; channel: ConsentChannel; language: Language };
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { purposes } = useConsentPurposes();
  const create = useCreateWording();
  const [purposeId, setPurposeId] = useState(initial.purposeId);
  const [channel, setChannel] = useState<ConsentChannel>(initial.channel);
  const [language, setLanguage] = useState<Language>(initial.language);
  const [text, setText] = useState('');
  const [advertiser, setAdvertiser] = useState('');
  const [productScope, setProductScope] = useState('');
  const existing = useQuery({
    ...consentWordingsQuery({ purposeId, channel, language }),
    enabled: purposeId !== '',
  });
  const current: ConsentWording | undefined = currentWording(existing.data?.items);
  const valid = purposeId !== '' && text.trim() !== '' && advertiser.trim() !== '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    create.mutate(
      {
        purposeId,
        channel,
        language,
        text: text.trim(),
        advertiser: advertiser.trim(),
        productScope: productScope.trim() || undefined,
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-3 rounded-md border border-slate-200 p-3"
      data-testid="wording-form"
    >
      <div className="grid gap-3 sm:grid-cols-3">
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
        <Field label={t('consent.channel')} required>
          {(c) => (
            <Select {...c} value={channel} onChange={(e) => setChannel(e.target.value as ConsentChannel)}>
              {CHANNELS.map((ch) => (
                <option key={ch} value={ch}>
                  {t(`consent.channels.${ch}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('language.label')} required>
          {(c) => (
            <Select {...c} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              <option value="de">{t('language.de')}</option>
              <option value="en">{t('language.en')}</option>
            </Select>
          )}
        </Field>
      </div>
      {current ? (
        <p className="text-xs text-slate-500">
          {t('marketingAdmin.wordings.replaces', { version: current.version })}{' '}
          <button
            type="button"
            className="text-brand-700 underline"
            onClick={() => {
              setText(current.text);
              setAdvertiser(current.advertiser);
              setProductScope(current.productScope ?? '');
            }}
          >
            {t('marketingAdmin.wordings.copyCurrent')}
          </button>
        </p>
      ) : null}
      <Field label={t('marketingAdmin.wordings.text')} hint={t('marketingAdmin.wordings.textHint')} required>
        {(c) => (
          <Textarea
            {...c}
            rows={5}
            maxLength={5000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="wording-text"
          />
        )}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('consent.advertiser')} hint={t('marketingAdmin.wordings.advertiserHint')} required>
          {(c) => (
            <Input
              {...c}
              value={advertiser}
              maxLength={200}
              onChange={(e) => setAdvertiser(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('consent.productScope')} hint={t('marketingAdmin.wordings.productScopeHint')}>
          {(c) => (
            <Input
              {...c}
              value={productScope}
              maxLength={500}
              onChange={(e) => setProductScope(e.target.value)}
            />
          )}
        </Field>
      </div>
      <ErrorMessage error={create.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={!valid || create.isPending} data-testid="wording-submit">
          {t('marketingAdmin.saveNewVersion')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { localized } from '../../i18n';
import { consentFormsQuery } from '../marketing-settings/api';
import { allowedLegalBases, useCatalogue } from '../privacy/catalogue';
import { useCreateWebForm, type WebFormField, type WebFormInput } from './api';
import { FieldRows } from './field-rows';

type Kind = WebFormInput['kind'];
const label = (de: string, en: string) => ({ de, en });

/** Sensible starting fields per kind; each with its data category (the server refuses fields without one). */
const STARTER_FIELDS: Record<Kind, WebFormField[]> = {
  contact: [
    {
      key: 'first_name',
      label: label('Vorname', 'First name'),
      type: 'text',
      required: false,
      maps: 'firstName',
      category: 'identity',
    },
    {
      key: 'last_name',
      label: label('Nachname', 'Last name'),
      type: 'text',
      required: true,
      maps: 'lastName',
      category: 'identity',
    },
    {
      key: 'email',
      label: label('E-Mail', 'E-mail'),
      type: 'email',
      required: true,
      maps: 'email',
      category: 'contact',
    },
    {
      key: 'message',
      label: label('Nachricht', 'Message'),
      type: 'textarea',
      required: true,
      maps: 'message',
      category: 'communication',
    },
  ],
  wishlist: [
    {
      key: 'first_name',
      label: label('Vorname', 'First name'),
      type: 'text',
      required: false,
      maps: 'firstName',
      category: 'identity',
    },
    {
      key: 'last_name',
      label: label('Nachname', 'Last name'),
      type: 'text',
      required: true,
      maps: 'lastName',
      category: 'identity',
    },
    {
      key: 'email',
      label: label('E-Mail', 'E-mail'),
      type: 'email',
      required: true,
      maps: 'email',
      category: 'contact',
    },
    {
      key: 'wishes',
      label: label('Meine Wünsche', 'My wishes'),
      type: 'textarea',
      required: true,
      maps: 'wishes',
      category: 'interests',
    },
  ],
  newsletter: [
    {
      key: 'first_name',
      label: label('Vorname', 'First name'),
      type: 'text',
      required: false,
      maps: 'firstName',
      category: 'identity',
    },
    {
      key: 'email',
      label: label('E-Mail', 'E-mail'),
      type: 'email',
      required: true,
      maps: 'email',
      category: 'contact',
    },
  ],
};

/** Defining a new public web form: kind, name, purpose and basis, retention, fields. */
export function WebFormEditor({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { catalogue } = useCatalogue();
  const consentForms = useQuery(consentFormsQuery());
  const create = useCreateWebForm();
  const [kind, setKind] = useState<Kind>('contact');
  const [name, setName] = useState('');
  const [purposeId, setPurposeId] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [retentionDays, setRetentionDays] = useState(90);
  const [consentFormId, setConsentFormId] = useState('');
  const [successDe, setSuccessDe] = useState('');
  const [successEn, setSuccessEn] = useState('');
  const [fields, setFields] = useState<WebFormField[]>(STARTER_FIELDS.contact);
  const bases = allowedLegalBases(catalogue, purposeId ? [purposeId] : []);
  const valid = name.trim() !== '' && purposeId !== '' && legalBasis !== '' && fields.length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    create.mutate(
      {
        kind,
        name: name.trim(),
        purposeId,
        legalBasis: legalBasis as WebFormInput['legalBasis'],
        retentionDays,
        fields,
        consentFormId: kind === 'newsletter' ? consentFormId || null : null,
        successText: { de: successDe, en: successEn },
        language: i18n.language.startsWith('en') ? 'en' : 'de',
        active: true,
      },
      { onSuccess: onDone },
    );
  };

  return (
    <Card aria-labelledby="web-form-create-title">
      <CardHeader>
        <CardTitle id="web-form-create-title">{t('webForms.new')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" data-testid="web-form-create">
          <Field label={t('webForms.kind')} required>
            {(c) => (
              <Select
                {...c}
                value={kind}
                data-testid="web-form-kind"
                onChange={(e) => {
                  const next = e.target.value as Kind;
                  setKind(next);
                  setFields(STARTER_FIELDS[next]);
                  if (next === 'newsletter') setLegalBasis('consent');
                }}
              >
                {(['contact', 'wishlist', 'newsletter'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`webForms.kinds.${k}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('webForms.name')} required>
            {(c) => (
              <Input
                {...c}
                value={name}
                maxLength={200}
                data-testid="web-form-name"
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('webForms.purpose')} required>
            {(c) => (
              <Select
                {...c}
                value={purposeId}
                data-testid="web-form-purpose"
                onChange={(e) => setPurposeId(e.target.value)}
              >
                <option value="">{t('common.choose')}</option>
                {(catalogue?.purposes ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {localized(p, i18n.language)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('webForms.legalBasis')} required>
            {(c) => (
              <Select
                {...c}
                value={legalBasis}
                data-testid="web-form-basis"
                onChange={(e) => setLegalBasis(e.target.value)}
              >
                <option value="">{t('common.choose')}</option>
                {bases.map((b) => (
                  <option key={b.id} value={b.id}>
                    {localized(b, i18n.language)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('webForms.retentionDays')} hint={t('webForms.retentionHint')} required>
            {(c) => (
              <Input
                {...c}
                type="number"
                min={1}
                max={3650}
                value={retentionDays}
                data-testid="web-form-retention"
                onChange={(e) => setRetentionDays(Number(e.target.value))}
              />
            )}
          </Field>
          {kind === 'newsletter' ? (
            <Field label={t('webForms.consentForm')} hint={t('webForms.consentFormHint')} required>
              {(c) => (
                <Select {...c} value={consentFormId} onChange={(e) => setConsentFormId(e.target.value)}>
                  <option value="">{t('common.choose')}</option>
                  {(consentForms.data?.items ?? []).map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
          <Field label={t('webForms.successDe')}>
            {(c) => (
              <Textarea {...c} rows={2} value={successDe} onChange={(e) => setSuccessDe(e.target.value)} />
            )}
          </Field>
          <Field label={t('webForms.successEn')}>
            {(c) => (
              <Textarea {...c} rows={2} value={successEn} onChange={(e) => setSuccessEn(e.target.value)} />
            )}
          </Field>
          <div className="sm:col-span-2">
            <h3 className="mb-1 text-sm font-medium text-slate-800">{t('webForms.fields')}</h3>
            <p className="mb-2 text-xs text-slate-500">{t('webForms.fieldsHint')}</p>
            <FieldRows fields={fields} onChange={setFields} />
          </div>
          <p className="text-xs text-slate-500 sm:col-span-2">
            {kind === 'newsletter' ? t('webForms.metadataNewsletter') : t('webForms.metadataNone')}
          </p>
          <div className="sm:col-span-2">
            <ErrorMessage error={create.error} />
          </div>
          <div className="flex flex-wrap gap-2 sm:col-span-2">
            <Button type="submit" disabled={!valid || create.isPending} data-testid="web-form-create-submit">
              {t('webForms.create')}
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

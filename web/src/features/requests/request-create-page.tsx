import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { PersonPicker } from '../../components/person-picker';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { toDateTimeLocal } from '../../lib/format';
import { applyServerErrors } from '../../lib/server-errors';
import { optionalText } from '../../lib/validation';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { personQuery } from '../persons/api';
import { useCreateRequest } from './api';
import {
  CORRECTABLE_FIELDS,
  type CorrectableField,
  LOCALES,
  REQUEST_CHANNELS,
  REQUEST_TYPES,
  type RequestChannel,
  type RequestInput,
  type RequestLocale,
  type RequestType,
} from './types';

const route = getRouteApi('/_app/requests/new');

const schema = z.object({
  person: z.object({ id: z.string(), name: z.string() }).nullable(),
  type: z.enum(REQUEST_TYPES),
  channel: z.enum(REQUEST_CHANNELS),
  receivedAt: z
    .string()
    .min(1, 'validation.required')
    .refine((v) => !Number.isNaN(new Date(v).getTime()), 'validation.date'),
  locale: z.enum(LOCALES),
  requesterName: optionalText(200),
  requesterContact: optionalText(200),
  requesterNote: optionalText(2000),
  reason: optionalText(2000),
  identityNotRequired: z.boolean(),
  corrections: z.object(
    Object.fromEntries(CORRECTABLE_FIELDS.map((f) => [f, optionalText(200)])) as Record<
      CorrectableField,
      ReturnType<typeof optionalText>
    >,
  ),
});
type Values = z.infer<typeof schema>;
const FIELDS = [
  'person',
  'type',
  'channel',
  'receivedAt',
  'locale',
  'requesterName',
  'requesterContact',
  'requesterNote',
  'reason',
  ...CORRECTABLE_FIELDS.map((f) => `corrections.${f}`),
] as const;

const emptyCorrections = Object.fromEntries(CORRECTABLE_FIELDS.map((f) => [f, ''])) as Record<
  CorrectableField,
  string
>;

/** Records a data subject request as it arrived (letter, e-mail, phone, web, in person). */
export function RequestCreatePage() {
  const { t, i18n } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const create = useCreateRequest();
  const user = useCurrentUser();
  const preset = useQuery({ ...personQuery(search.personId ?? ''), enabled: Boolean(search.personId) });
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      person: null,
      type: 'access',
      channel: 'email',
      receivedAt: toDateTimeLocal(new Date()),
      locale: i18n.language.startsWith('en') ? 'en' : 'de',
      requesterName: '',
      requesterContact: '',
      requesterNote: '',
      reason: '',
      identityNotRequired: false,
      corrections: emptyCorrections,
    },
  });
  const presetPerson = preset.data;
  useEffect(() => {
    if (presetPerson)
      form.setValue('person', {
        id: presetPerson.id,
        name: [presetPerson.firstName, presetPerson.lastName].filter(Boolean).join(' '),
      });
  }, [presetPerson, form]);
  const { errors } = form.formState;
  const person = form.watch('person');
  const type = form.watch('type');

  const submit = form.handleSubmit((values) => {
    if (!values.person) return;
    const corrections = Object.fromEntries(
      Object.entries(values.corrections)
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v !== ''),
    );
    if (values.type === 'rectification' && Object.keys(corrections).length === 0) {
      form.setError('corrections.lastName', { type: 'manual', message: 'requests.form.noCorrections' });
      return;
    }
    const requester = {
      ...(values.requesterName ? { name: values.requesterName } : {}),
      ...(values.requesterContact ? { contact: values.requesterContact } : {}),
      ...(values.requesterNote ? { note: values.requesterNote } : {}),
    };
    const details = {
      ...(values.type === 'rectification' ? { corrections } : {}),
      ...(values.reason && values.type !== 'access' && values.type !== 'portability'
        ? { reason: values.reason }
        : {}),
    };
    const body: RequestInput = {
      type: values.type as RequestType,
      personId: values.person.id,
      channel: values.channel as RequestChannel,
      receivedAt: new Date(values.receivedAt).toISOString(),
      locale: values.locale as RequestLocale,
      identityStatus: values.identityNotRequired ? 'not_required' : 'pending',
      ...(Object.keys(requester).length ? { requester } : {}),
      ...(Object.keys(details).length ? { details } : {}),
    };
    create.mutate(body, {
      // the DPO works on it right away; everyone else records it and hands it over
      onSuccess: (created) =>
        void (canDo(user?.role, 'requests.manage')
          ? navigate({ to: '/requests/$requestId', params: { requestId: created.id } })
          : navigate({ to: '/requests', search: { recorded: created.number } })),
      onError: (error) => applyServerErrors(error, form.setError, FIELDS),
    });
  });

  return (
    <div className="flex flex-col gap-4">
      <Link to="/requests" className="text-sm text-brand-700 hover:underline">
        ← {t('requests.backToList')}
      </Link>
      <PageHeader title={t('requests.newTitle')} />
      <Card>
        <CardContent>
          <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="request-form">
            <Field label={t('requests.form.person')} error={errors.person as never} required>
              {(c) => (
                <Controller
                  control={form.control}
                  name="person"
                  render={({ field }) => (
                    <PersonPicker
                      {...c}
                      value={field.value}
                      onChange={field.onChange}
                      placeholder={t('requests.form.personSearch')}
                      noMatchText={t('requests.form.noMatch')}
                      showOrganization
                      valueTestId="request-person"
                      searchTestId="request-person-search"
                    />
                  )}
                />
              )}
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t('requests.form.type')} error={errors.type} required>
                {(c) => (
                  <Select {...c} {...form.register('type')} data-testid="request-type">
                    {REQUEST_TYPES.map((v) => (
                      <option key={v} value={v}>
                        {t(`requests.types.${v}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('requests.form.channel')} error={errors.channel} required>
                {(c) => (
                  <Select {...c} {...form.register('channel')} data-testid="request-channel">
                    {REQUEST_CHANNELS.map((v) => (
                      <option key={v} value={v}>
                        {t(`requests.channels.${v}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('requests.form.receivedAt')} error={errors.receivedAt} required>
                {(c) => (
                  <Input
                    {...c}
                    type="datetime-local"
                    {...form.register('receivedAt')}
                    data-testid="request-received-at"
                  />
                )}
              </Field>
              <Field label={t('requests.form.locale')} error={errors.locale} required>
                {(c) => (
                  <Select {...c} {...form.register('locale')} data-testid="request-locale">
                    {LOCALES.map((v) => (
                      <option key={v} value={v}>
                        {t(`requests.locales.${v}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('requests.form.requesterName')} error={errors.requesterName}>
                {(c) => <Input {...c} {...form.register('requesterName')} />}
              </Field>
              <Field label={t('requests.form.requesterContact')} error={errors.requesterContact}>
                {(c) => <Input {...c} {...form.register('requesterContact')} />}
              </Field>
            </div>
            <Field
              label={t('requests.form.requesterNote')}
              error={errors.requesterNote}
              hint={t('requests.form.requesterNoteHint')}
            >
              {(c) => (
                <Textarea {...c} rows={3} {...form.register('requesterNote')} data-testid="request-note" />
              )}
            </Field>
            {type === 'rectification' ? (
              <fieldset className="rounded-md border border-slate-200 p-3" data-testid="request-corrections">
                <legend className="px-1 text-sm font-medium text-slate-800">
                  {t('requests.form.corrections')}
                </legend>
                <p className="mb-2 text-xs text-slate-500">{t('requests.form.correctionsHint')}</p>
                <div className="grid gap-3 sm:grid-cols-2">
                  {CORRECTABLE_FIELDS.map((f) => (
                    <Field key={f} label={t(`requests.fields.${f}`)} error={errors.corrections?.[f]}>
                      {(c) => (
                        <Input
                          {...c}
                          type={f === 'birthDate' ? 'date' : f === 'email' ? 'email' : 'text'}
                          {...form.register(`corrections.${f}`)}
                          data-testid={`correction-${f}`}
                        />
                      )}
                    </Field>
                  ))}
                </div>
              </fieldset>
            ) : null}
            {type === 'erasure' || type === 'restriction' || type === 'objection' ? (
              <Field label={t('requests.form.reason')} error={errors.reason}>
                {(c) => (
                  <Textarea {...c} rows={2} {...form.register('reason')} data-testid="request-reason" />
                )}
              </Field>
            ) : null}
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                className="mt-0.5 size-4"
                {...form.register('identityNotRequired')}
                data-testid="request-identity-not-required"
              />
              <span>
                {t('requests.form.identityNotRequired')}
                <span className="block text-xs text-slate-500">
                  {t('requests.form.identityNotRequiredHint')}
                </span>
              </span>
            </label>
            {person ? null : (
              <p className="text-sm text-amber-800" role="note">
                {t('requests.form.personMissing')}
              </p>
            )}
            <ErrorMessage error={create.error} />
            <div>
              <Button type="submit" disabled={create.isPending || !person} data-testid="request-submit">
                {t('requests.form.submit')}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}

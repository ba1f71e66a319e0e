import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Field, useErrorText } from '../../components/ui/field';
import { Input, Textarea } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { applyServerErrors } from '../../lib/server-errors';
import { optionalText } from '../../lib/validation';
import { portalApi, portalMeKey } from './portal-client';
import { PortalSection, StatusNote } from './portal-section';
import type { PortalPerson, PortalRequestCreated, PortalRequestType } from './types';
import { useFocusOnMount } from './use-focus-on-mount';

const TYPES = ['rectification', 'erasure', 'restriction'] as const satisfies readonly PortalRequestType[];
const CORRECTABLE = ['firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city'] as const;

const schema = z
  .object({
    type: z.enum(TYPES),
    message: optionalText(2000),
    corrections: z.object({
      firstName: optionalText(100),
      lastName: optionalText(100),
      email: optionalText(254),
      phone: optionalText(40),
      street: optionalText(200),
      postalCode: optionalText(20),
      city: optionalText(100),
    }),
  })
  .superRefine((values, ctx) => {
    const anyCorrection = Object.values(values.corrections).some((v) => v.trim() !== '');
    if (values.type === 'rectification' && !values.message.trim() && !anyCorrection)
      ctx.addIssue({ code: 'custom', path: ['message'], message: 'portal.requests.needsDetails' });
  });
type Values = z.infer<typeof schema>;

const emptyValues: Values = {
  type: 'rectification',
  message: '',
  corrections: { firstName: '', lastName: '', email: '', phone: '', street: '', postalCode: '', city: '' },
};

const ADDRESS_PARTS = new Set(['street', 'postalCode', 'city']);

/** The API body: corrections as PortalCorrections (contact fields, address as one object), empty parts left out. */
const toInput = (personId: string, values: Values) => {
  const filled = Object.entries(values.corrections)
    .map(([k, v]) => [k, v.trim()] as const)
    .filter(([, v]) => v !== '');
  const address = Object.fromEntries(filled.filter(([k]) => ADDRESS_PARTS.has(k)));
  const corrections: Record<string, unknown> = Object.fromEntries(
    filled.filter(([k]) => !ADDRESS_PARTS.has(k)),
  );
  if (Object.keys(address).length > 0) corrections.address = address;
  const message = values.message.trim();
  const details = {
    ...(message ? { message } : {}),
    ...(values.type === 'rectification' && Object.keys(corrections).length > 0 ? { corrections } : {}),
  };
  return {
    personId,
    type: values.type,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
};

const STATUS_TONES: Record<string, 'brand' | 'success' | 'danger' | 'neutral'> = {
  open: 'brand',
  completed: 'success',
  refused: 'danger',
  withdrawn: 'neutral',
};

/** Rectification, erasure and restriction requests (they go to the DPO's inbox), and the person's requests so far. */
export function RequestsSection({ person, level }: { person: PortalPerson; level: 2 | 3 }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const typeHintId = useId();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: emptyValues });
  const create = useMutation({
    mutationFn: (values: Values) => portalApi.createRequest(toInput(person.id, values)),
    onSuccess: async () => {
      form.reset(emptyValues);
      await queryClient.invalidateQueries({ queryKey: portalMeKey });
    },
    onError: (error) => applyServerErrors(error, form.setError, ['type', 'message']),
  });
  const created: PortalRequestCreated | undefined = create.data;
  const createdRef = useFocusOnMount<HTMLParagraphElement>(Boolean(created));
  const type = form.watch('type');
  const { errors } = form.formState;
  const SubHeading = level === 2 ? 'h3' : 'h4';
  const requests = [...person.requests].sort((a, b) =>
    (b.createdAt ?? b.dueAt).localeCompare(a.createdAt ?? a.dueAt),
  );

  return (
    <PortalSection title={t('portal.requests.heading')} level={level} testId="portal-requests">
      <p className="text-slate-700">{t('portal.requests.intro')}</p>
      {created ? (
        <StatusNote focusRef={createdRef}>
          <span data-testid="portal-request-created" data-number={created.number}>
            {t('portal.requests.created', { number: created.number, date: format.date(created.dueAt) })}
          </span>
        </StatusNote>
      ) : null}
      <form
        noValidate
        className="flex flex-col gap-4"
        data-testid="portal-request-form"
        onSubmit={form.handleSubmit((values) => create.mutate(values))}
      >
        <fieldset className="flex flex-col gap-2" aria-describedby={typeHintId}>
          <legend className="mb-1 text-sm font-medium text-slate-800">{t('portal.requests.type')}</legend>
          {TYPES.map((value) => {
            const id = `${typeHintId}-${value}`;
            return (
              <div key={value} className="flex items-start gap-2">
                <input
                  id={id}
                  type="radio"
                  value={value}
                  className="mt-1 size-4 shrink-0 accent-brand-700"
                  {...form.register('type')}
                />
                <label htmlFor={id} className="text-slate-900">
                  {t(`portal.requests.types.${value}`)}
                </label>
              </div>
            );
          })}
          <p id={typeHintId} className="text-sm text-slate-700">
            {t(`portal.requests.typeHints.${type}`)}
          </p>
        </fieldset>
        <Field
          label={
            type === 'rectification' ? t('portal.requests.messageRequired') : t('portal.requests.message')
          }
          error={errors.message}
        >
          {(c) => <Textarea {...c} rows={3} {...form.register('message')} />}
        </Field>
        {type === 'rectification' ? (
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-1 text-sm font-medium text-slate-800">
              {t('portal.requests.corrections')}
            </legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {CORRECTABLE.map((field) => (
                <Field key={field} label={t(`portal.requests.correct.${field}`)}>
                  {(c) => (
                    <Input
                      {...c}
                      type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
                      {...form.register(`corrections.${field}`)}
                    />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
        ) : null}
        {errors.type ? <p className="text-sm text-red-700">{errorText(errors.type)}</p> : null}
        <ErrorMessage error={create.error} />
        <div>
          <Button
            type="submit"
            className="w-full sm:w-auto"
            disabled={create.isPending}
            data-testid="portal-request-submit"
          >
            {t('portal.requests.submit')}
          </Button>
        </div>
      </form>
      <SubHeading className="mt-2 text-base font-semibold text-slate-900">
        {t('portal.requests.listHeading')}
      </SubHeading>
      {requests.length === 0 ? (
        <p className="text-slate-700">{t('portal.requests.none')}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100">
          {requests.map((request) => (
            <li
              key={request.id}
              className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between"
              data-testid="portal-request"
              data-number={request.number}
              data-status={request.status}
            >
              <div>
                <p className="font-medium text-slate-900">
                  {t(`portal.requests.types.${request.type}` as 'portal.requests.types.access', {
                    defaultValue: request.type,
                  })}
                </p>
                <p className="text-sm text-slate-700">
                  {t('portal.requests.number')}: {request.number} · {t('portal.requests.dueAt')}:{' '}
                  {format.date(request.dueAt)}
                </p>
              </div>
              <Badge tone={STATUS_TONES[request.status] ?? 'neutral'}>
                <span className="sr-only">{t('portal.requests.status')}: </span>
                {t(`portal.requests.statuses.${request.status}` as 'portal.requests.statuses.open', {
                  defaultValue: request.status,
                })}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </PortalSection>
  );
}

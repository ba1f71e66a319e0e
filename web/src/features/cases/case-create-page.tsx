import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { toDateTimeLocal } from '../../lib/format';
import { applyServerErrors } from '../../lib/server-errors';
import { optionalText, requiredText } from '../../lib/validation';
import { useCurrentUser } from '../auth/session';
import { organizationQuery } from '../organizations/api';
import { OrganizationPicker } from '../organizations/organization-picker';
import { personQuery } from '../persons/api';
import { useCreateCase } from './api';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_PRIORITIES,
  type CaseCategory,
  type CaseChannel,
  type CasePriority,
} from './types';

const route = getRouteApi('/_app/cases/new');

const schema = z.object({
  channel: z.string().min(1, 'validation.required'),
  category: z.string().min(1, 'validation.required'),
  priority: z.string().min(1, 'validation.required'),
  subject: requiredText(200),
  message: optionalText(20_000),
  receivedAt: z
    .string()
    .min(1, 'validation.required')
    .refine((v) => !Number.isNaN(new Date(v).getTime()), 'validation.date'),
  assignToMe: z.boolean(),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
});
type Values = z.infer<typeof schema>;
const FIELDS = [
  'channel',
  'category',
  'priority',
  'subject',
  'message',
  'receivedAt',
  'organization',
] as const;

/** Opens a case for the customer named in the address (?personId= or ?organizationId=), then shows it. */
export function CaseCreatePage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [personId, setPersonId] = useState(search.personId);
  const person = useQuery({ ...personQuery(personId ?? ''), enabled: Boolean(personId) });
  const presetOrg = useQuery({
    ...organizationQuery(search.organizationId ?? ''),
    enabled: Boolean(search.organizationId),
  });
  const create = useCreateCase();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      channel: 'phone',
      category: 'complaint',
      priority: 'normal',
      subject: '',
      message: '',
      receivedAt: toDateTimeLocal(new Date()),
      assignToMe: true,
      organization: null,
    },
  });
  const preset = presetOrg.data;
  useEffect(() => {
    if (preset) form.setValue('organization', { id: preset.id, name: preset.name });
  }, [preset, form]);
  const { errors } = form.formState;
  const organization = form.watch('organization');
  const hasCustomer = Boolean(personId) || Boolean(organization);
  const personName = person.data
    ? [person.data.firstName, person.data.lastName].filter(Boolean).join(' ')
    : '';

  const submit = form.handleSubmit((values) =>
    create.mutate(
      {
        ...(personId ? { personId } : {}),
        ...(values.organization ? { organizationId: values.organization.id } : {}),
        channel: values.channel as CaseChannel,
        category: values.category as CaseCategory,
        priority: values.priority as CasePriority,
        subject: values.subject,
        ...(values.message.trim() ? { message: values.message.trim() } : {}),
        receivedAt: new Date(values.receivedAt).toISOString(),
        ...(values.assignToMe && user ? { assigneeId: user.id } : {}),
      },
      {
        onSuccess: (created) => void navigate({ to: '/cases/$caseId', params: { caseId: created.id } }),
        onError: (error) => applyServerErrors(error, form.setError, FIELDS),
      },
    ),
  );

  return (
    <div className="flex flex-col gap-4">
      <Link to="/cases" className="text-sm text-brand-700 hover:underline">
        ← {t('service.cases.backToList')}
      </Link>
      <PageHeader title={t('service.cases.newTitle')} />
      <Card>
        <CardContent>
          <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="case-form">
            <div className="grid gap-3 sm:grid-cols-2">
              {personId ? (
                <Field label={t('service.cases.person')}>
                  {(c) => (
                    <div className="flex items-center gap-2">
                      <Input {...c} value={personName} readOnly data-testid="case-person" />
                      <Button variant="secondary" onClick={() => setPersonId(undefined)}>
                        {t('common.remove')}
                      </Button>
                    </div>
                  )}
                </Field>
              ) : null}
              <Field label={t('service.cases.organization')} error={errors.organization as never}>
                {(c) => (
                  <Controller
                    control={form.control}
                    name="organization"
                    render={({ field }) => (
                      <OrganizationPicker {...c} value={field.value} onChange={field.onChange} />
                    )}
                  />
                )}
              </Field>
            </div>
            {hasCustomer ? null : (
              <p className="text-sm text-amber-800" role="note">
                {t('service.cases.customerMissing')}
              </p>
            )}
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label={t('service.cases.channel')} error={errors.channel} required>
                {(c) => (
                  <Select {...c} {...form.register('channel')} data-testid="case-channel">
                    {CASE_CHANNELS.map((v) => (
                      <option key={v} value={v}>
                        {t(`service.channels.${v}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('service.cases.category')} error={errors.category} required>
                {(c) => (
                  <Select {...c} {...form.register('category')} data-testid="case-category">
                    {CASE_CATEGORIES.map((v) => (
                      <option key={v} value={v}>
                        {t(`service.categories.${v}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('service.cases.priority')} error={errors.priority} required>
                {(c) => (
                  <Select {...c} {...form.register('priority')} data-testid="case-priority">
                    {CASE_PRIORITIES.map((v) => (
                      <option key={v} value={v}>
                        {t(`service.priorities.${v}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            <Field label={t('service.cases.subject')} error={errors.subject} required>
              {(c) => <Input {...c} {...form.register('subject')} data-testid="case-subject" />}
            </Field>
            <Field
              label={t('service.cases.message')}
              error={errors.message}
              hint={t('service.cases.messageHint')}
            >
              {(c) => <Textarea {...c} rows={5} {...form.register('message')} data-testid="case-message" />}
            </Field>
            <div className="grid gap-3 sm:grid-cols-2 sm:items-end">
              <Field label={t('service.cases.receivedAt')} error={errors.receivedAt} required>
                {(c) => <Input {...c} type="datetime-local" {...form.register('receivedAt')} />}
              </Field>
              <label className="flex h-10 items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" className="size-4" {...form.register('assignToMe')} />
                {t('service.cases.assignToMe')}
              </label>
            </div>
            <ErrorMessage error={create.error} />
            <div>
              <Button type="submit" disabled={create.isPending || !hasCustomer} data-testid="case-submit">
                {t('service.cases.create')}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}

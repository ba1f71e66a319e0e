import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { InteractionDirection, InteractionKind } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { toDateTimeLocal } from '../../lib/format';
import { applyServerErrors } from '../../lib/server-errors';
import { optionalText, requiredText } from '../../lib/validation';
import { useAddInteraction } from './api';

export const INTERACTION_KINDS: readonly InteractionKind[] = [
  'call',
  'email',
  'meeting',
  'chat',
  'letter',
  'note',
  'social',
];
const DIRECTIONS: readonly InteractionDirection[] = ['inbound', 'outbound', 'internal'];

const schema = z.object({
  kind: z.enum(INTERACTION_KINDS as [InteractionKind, ...InteractionKind[]], 'validation.required'),
  direction: z.string(),
  occurredAt: z
    .string()
    .min(1, 'validation.required')
    .refine((v) => !Number.isNaN(new Date(v).getTime()), 'validation.date'),
  subject: requiredText(200),
  body: optionalText(20_000),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['kind', 'direction', 'occurredAt', 'subject', 'body'] as const;

const emptyValues = (): Values => ({
  kind: 'call',
  direction: 'outbound',
  occurredAt: toDateTimeLocal(new Date()),
  subject: '',
  body: '',
});

/** Records a call, e-mail, meeting... on the person's timeline; `onSaved` runs after each saved entry. */
export function InteractionForm({ personId, onSaved }: { personId: string; onSaved?: () => void }) {
  const { t } = useTranslation();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: emptyValues() });
  const add = useAddInteraction(personId);
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) =>
    add.mutate(
      {
        kind: values.kind,
        direction: (values.direction || null) as InteractionDirection | null,
        occurredAt: new Date(values.occurredAt).toISOString(),
        subject: values.subject,
        body: values.body || undefined,
      },
      {
        onSuccess: () => {
          form.reset(emptyValues());
          onSaved?.();
        },
        onError: (error) => applyServerErrors(error, form.setError, FIELDS),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-3" data-testid="interaction-form">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t('interactions.kind')} error={errors.kind}>
          {(c) => (
            <Select {...c} {...form.register('kind')}>
              {INTERACTION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`interactionKinds.${kind}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('interactions.direction')} error={errors.direction}>
          {(c) => (
            <Select {...c} {...form.register('direction')}>
              <option value="">{t('common.none')}</option>
              {DIRECTIONS.map((direction) => (
                <option key={direction} value={direction}>
                  {t(`interactionDirections.${direction}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('interactions.occurredAt')} error={errors.occurredAt}>
          {(c) => <Input {...c} type="datetime-local" {...form.register('occurredAt')} />}
        </Field>
      </div>
      <Field label={t('interactions.subject')} error={errors.subject} required>
        {(c) => <Input {...c} {...form.register('subject')} />}
      </Field>
      <Field label={t('interactions.body')} error={errors.body}>
        {(c) => <Textarea {...c} rows={3} {...form.register('body')} />}
      </Field>
      <ErrorMessage error={add.error} />
      <div>
        <Button type="submit" disabled={add.isPending} data-testid="interaction-submit">
          {t('interactions.add')}
        </Button>
      </div>
    </form>
  );
}

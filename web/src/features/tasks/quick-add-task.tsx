import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { toDateTimeLocal } from '../../lib/format';
import { applyServerErrors } from '../../lib/server-errors';
import { requiredText } from '../../lib/validation';
import { useCreateTask } from './api';

const localDateTime = z
  .string()
  .refine((v) => v === '' || !Number.isNaN(new Date(v).getTime()), 'validation.date');
const schema = z.object({
  title: requiredText(200),
  dueAt: localDateTime.refine((v) => v !== '', 'validation.required'),
  remindAt: localDateTime,
});
type Values = z.infer<typeof schema>;

/** Today at 17:00 local time, or in an hour when that has passed. */
const defaultDue = () => {
  const d = new Date();
  const five = new Date(d.getFullYear(), d.getMonth(), d.getDate(), 17, 0);
  return toDateTimeLocal(five.getTime() > d.getTime() ? five : new Date(d.getTime() + 3_600_000));
};

export function QuickAddTask() {
  const { t } = useTranslation();
  const create = useCreateTask();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { title: '', dueAt: defaultDue(), remindAt: '' },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) =>
    create.mutate(
      {
        title: values.title,
        dueAt: new Date(values.dueAt).toISOString(),
        ...(values.remindAt ? { remindAt: new Date(values.remindAt).toISOString() } : {}),
      },
      {
        onSuccess: () => form.reset({ title: '', dueAt: defaultDue(), remindAt: '' }),
        onError: (error) => applyServerErrors(error, form.setError, ['title', 'dueAt', 'remindAt']),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-3" data-testid="quick-add-task">
      <Field label={t('service.tasks.taskTitle')} error={errors.title} required>
        {(c) => <Input {...c} {...form.register('title')} data-testid="task-title" />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('service.tasks.dueAt')} error={errors.dueAt} required>
          {(c) => <Input {...c} type="datetime-local" {...form.register('dueAt')} data-testid="task-due" />}
        </Field>
        <Field label={t('service.tasks.remindAt')} error={errors.remindAt}>
          {(c) => <Input {...c} type="datetime-local" {...form.register('remindAt')} />}
        </Field>
      </div>
      <ErrorMessage error={create.error} />
      <div>
        <Button type="submit" disabled={create.isPending} data-testid="task-add">
          {t('service.tasks.add')}
        </Button>
      </div>
    </form>
  );
}

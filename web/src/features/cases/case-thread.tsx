import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Select, Textarea } from '../../components/ui/input';
import { cn } from '../../lib/cn';
import { useFormat } from '../../lib/format';
import { applyServerErrors } from '../../lib/server-errors';
import { requiredText } from '../../lib/validation';
import { useAddCaseMessage } from './api';
import { type CaseDetail, MESSAGE_DIRECTIONS, type MessageDirection } from './types';

const schema = z.object({ direction: z.string(), body: requiredText(20_000) });
type Values = z.infer<typeof schema>;

const BUBBLE: Record<MessageDirection, string> = {
  inbound: 'border-slate-200 bg-white',
  outbound: 'border-brand-100 bg-brand-50 sm:ml-8',
  internal: 'border-amber-200 bg-amber-50 sm:ml-8',
};

function ReplyForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const add = useAddCaseMessage(caseId);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { direction: 'outbound', body: '' },
  });
  const submit = form.handleSubmit((values) =>
    add.mutate(
      { direction: values.direction as MessageDirection, body: values.body },
      {
        onSuccess: () => form.reset({ direction: values.direction, body: '' }),
        onError: (error) => applyServerErrors(error, form.setError, ['direction', 'body']),
      },
    ),
  );
  return (
    <form
      noValidate
      onSubmit={submit}
      className="flex flex-col gap-3 border-t border-slate-100 pt-4"
      data-testid="case-reply-form"
    >
      <Field label={t('service.cases.direction')}>
        {(c) => (
          <Select {...c} {...form.register('direction')} data-testid="case-reply-direction">
            {MESSAGE_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`service.directions.${d}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('service.cases.reply')} error={form.formState.errors.body} required>
        {(c) => <Textarea {...c} rows={4} {...form.register('body')} data-testid="case-reply-body" />}
      </Field>
      <ErrorMessage error={add.error} />
      <div>
        <Button type="submit" disabled={add.isPending} data-testid="case-reply-submit">
          {t('service.cases.send')}
        </Button>
      </div>
    </form>
  );
}

/** The message thread, oldest first, with the form for an answer or an internal note. */
export function CaseThread({ item, canWrite }: { item: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('service.cases.thread')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {item.messages === undefined ? (
          <p className="text-sm text-slate-600" data-testid="case-thread-hidden">
            {t('service.cases.threadHidden')}
          </p>
        ) : item.messages.length === 0 ? (
          <p className="text-sm text-slate-600">{t('service.cases.noMessages')}</p>
        ) : (
          <ol className="flex flex-col gap-2" data-testid="case-thread">
            {item.messages.map((m) => (
              <li
                key={m.id}
                className={cn('rounded-md border px-3 py-2', BUBBLE[m.direction])}
                data-testid="case-message"
              >
                <div className="flex flex-wrap gap-x-2 text-xs text-slate-600">
                  <span className="font-medium">{t(`service.directions.${m.direction}`)}</span>
                  <span>{m.author?.displayName}</span>
                  <time dateTime={m.createdAt}>{format.dateTime(m.createdAt)}</time>
                </div>
                <p className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-900">
                  {m.body ?? t('service.cases.keyShredded')}
                </p>
              </li>
            ))}
          </ol>
        )}
        {canWrite && item.messages !== undefined ? <ReplyForm caseId={item.id} /> : null}
      </CardContent>
    </Card>
  );
}

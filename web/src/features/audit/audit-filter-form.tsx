import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { optionalDate } from '../../lib/validation';
import { AUDIT_ACTIONS, type AuditSearch, extractSubjectId } from './audit-search';

const schema = z
  .object({
    subjectId: z
      .string()
      .trim()
      .refine((v) => v === '' || extractSubjectId(v) !== undefined, 'validation.subjectId'),
    action: z.string(),
    from: optionalDate,
    to: optionalDate,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'validation.periodOrder', path: ['to'] });

type Values = z.infer<typeof schema>;

/**
 * Subject, action and period; applied on submit. There is deliberately no filter by employee:
 * the audit trail serves data protection, not the monitoring of staff (works-council rule).
 */
export function AuditFilterForm({
  search,
  onApply,
}: {
  search: AuditSearch;
  onApply: (search: AuditSearch) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      subjectId: search.subjectId ?? '',
      action: search.action ?? '',
      from: search.from ?? '',
      to: search.to ?? '',
    },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit((values) =>
    onApply({
      subjectId: extractSubjectId(values.subjectId),
      action: AUDIT_ACTIONS.find((a) => a === values.action),
      from: values.from || undefined,
      to: values.to || undefined,
    }),
  );
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-3" data-testid="audit-filters">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto_auto]">
        <Field label={t('audit.subjectId')} hint={t('audit.subjectIdHint')} error={errors.subjectId}>
          {(c) => <Input {...c} {...form.register('subjectId')} autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label={t('audit.action')}>
          {(c) => (
            <Select {...c} {...form.register('action')}>
              <option value="">{t('audit.allActions')}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`audit.actions.${action}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('audit.from')} error={errors.from}>
          {(c) => <Input {...c} type="date" {...form.register('from')} />}
        </Field>
        <Field label={t('audit.to')} error={errors.to}>
          {(c) => <Input {...c} type="date" {...form.register('to')} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" data-testid="audit-apply">
          {t('audit.apply')}
        </Button>
        <Button type="button" variant="secondary" onClick={() => onApply({})}>
          {t('audit.reset')}
        </Button>
        <p className="text-xs text-slate-500 sm:ml-2 sm:flex-1">{t('audit.noEmployeeFilter')}</p>
      </div>
    </form>
  );
}

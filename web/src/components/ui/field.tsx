import { type ReactNode, useId } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';

export type ControlProps = { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };

type FieldProps = {
  label: string;
  error?: FieldError | { message?: string; type?: string };
  hint?: string;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/**
 * Translates a form error: client-side (zod) messages are i18n keys, messages set from the
 * server (type 'server') are shown as the server worded them.
 */
export const useErrorText = () => {
  const { t } = useTranslation();
  return (error?: { message?: string; type?: string }) => {
    if (!error?.message) return '';
    if (error.type === 'server') return error.message;
    const [key, limit] = error.message.split('#');
    return t(key as 'validation.invalid', { defaultValue: key, max: limit ? Number(limit) : undefined });
  };
};

/** A labelled form control with hint and error text, wired with ids for assistive technology. */
export function Field({ label, error, hint, required, className, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorText = useErrorText()(error);
  const describedBy = [hint ? `${id}-hint` : '', errorText ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <div className="flex items-baseline gap-1">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {required ? (
          <span className="text-sm text-red-700" title={t('common.required')}>
            *
          </span>
        ) : null}
      </div>
      {children({ id, 'aria-invalid': Boolean(errorText), 'aria-describedby': describedBy || undefined })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errorText ? (
        <p id={`${id}-error`} className="text-xs text-red-700" data-testid="field-error">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}

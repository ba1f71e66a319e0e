import { type ReactNode, useId } from 'react';
import { cn } from '../../lib/cn';

export type CheckboxOption = { value: string; label: ReactNode; hint?: string };

type CheckboxGroupProps = {
  legend: string;
  options: CheckboxOption[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
  required?: boolean;
  columns?: 1 | 2 | 3;
  emptyText?: string;
};

/** A fieldset of checkboxes bound to a string array (each checkbox labelled by its option). */
export function CheckboxGroup({
  legend,
  options,
  value,
  onChange,
  error,
  required,
  columns = 2,
  emptyText,
}: CheckboxGroupProps) {
  const id = useId();
  const toggle = (option: string, checked: boolean) =>
    onChange(checked ? [...value, option] : value.filter((v) => v !== option));
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">
        {legend}
        {required ? <span className="ml-1 text-red-700">*</span> : null}
      </legend>
      {options.length === 0 && emptyText ? <p className="text-sm text-slate-500">{emptyText}</p> : null}
      <div className={cn('grid gap-2', columns === 2 && 'sm:grid-cols-2', columns === 3 && 'sm:grid-cols-3')}>
        {options.map((option, index) => {
          const optionId = `${id}-${index}`;
          return (
            <div key={option.value} className="flex items-start gap-2 text-sm">
              <input
                id={optionId}
                type="checkbox"
                className="mt-0.5 size-4 shrink-0 accent-brand-700"
                checked={value.includes(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
                aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              />
              <div>
                <label htmlFor={optionId}>{option.label}</label>
                {option.hint ? (
                  <p id={`${optionId}-hint`} className="text-xs text-slate-500">
                    {option.hint}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700" data-testid="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

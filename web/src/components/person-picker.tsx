import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personsListQuery } from '../features/persons/api';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { Button } from './ui/button';
import type { ControlProps } from './ui/field';
import { Input } from './ui/input';

export type PersonRef = { id: string; name: string };

export type PersonPickerProps = ControlProps & {
  value: PersonRef | null;
  onChange: (value: PersonRef | null) => void;
  /** Placeholder of the search box (the caller's own i18n text). */
  placeholder: string;
  /** Shown when the search found nobody (the caller's own i18n text). */
  noMatchText: string;
  /** Shows each match's organisation next to the name. */
  showOrganization?: boolean;
  /** data-testid of the read-only box showing the chosen person. */
  valueTestId?: string;
  /** data-testid of the search box. */
  searchTestId?: string;
};

/** Chooses a person by searching the server, showing at most eight matches while typing. */
export function PersonPicker({
  value,
  onChange,
  placeholder,
  noMatchText,
  showOrganization = false,
  valueTestId = 'person-picker-value',
  searchTestId,
  ...control
}: PersonPickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 250);
  const results = useQuery({
    ...personsListQuery({ q, page: 1, pageSize: 8 }),
    enabled: !value && q.length > 0,
  });
  if (value) {
    return (
      <div className="flex items-center gap-2">
        <Input {...control} value={value.name} readOnly data-testid={valueTestId} />
        <Button variant="secondary" onClick={() => onChange(null)}>
          {t('common.remove')}
        </Button>
      </div>
    );
  }
  const items = q ? (results.data?.items ?? []) : [];
  return (
    <div className="relative">
      <Input
        {...control}
        aria-controls={listId}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        data-testid={searchTestId}
      />
      {q && results.data && items.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">{noMatchText}</p>
      ) : null}
      {items.length > 0 ? (
        <ul
          id={listId}
          className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow-lg"
        >
          {items.map((p) => {
            const name = `${p.firstName} ${p.lastName}`;
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-100"
                  onClick={() => {
                    onChange({ id: p.id, name });
                    setText('');
                  }}
                >
                  {name}
                  {showOrganization && p.organization ? (
                    <span className="ml-2 text-xs text-slate-500">{p.organization.name}</span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

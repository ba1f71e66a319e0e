import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button';
import type { ControlProps } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { organizationsListQuery } from './api';

type OrganizationRef = { id: string; name: string };

type PickerProps = ControlProps & {
  value: OrganizationRef | null;
  onChange: (value: OrganizationRef | null) => void;
};

/**
 * Chooses an organisation by searching the server (there may be many thousands), showing at most
 * eight matches while typing.
 */
export function OrganizationPicker({ value, onChange, ...control }: PickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 250);
  const results = useQuery({
    ...organizationsListQuery({ q, page: 1, pageSize: 8, sort: 'name', order: 'asc' }),
    enabled: !value && q.length > 0,
  });

  if (value) {
    return (
      <div className="flex items-center gap-2">
        <Input {...control} value={value.name} readOnly data-testid="organization-picker-value" />
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
        placeholder={t('organizations.searchPlaceholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {q && results.data && items.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">{t('organizations.noMatch')}</p>
      ) : null}
      {items.length > 0 ? (
        <ul
          id={listId}
          className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow-lg"
        >
          {items.map((org) => (
            <li key={org.id}>
              <button
                type="button"
                className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-100"
                onClick={() => {
                  onChange({ id: org.id, name: org.name });
                  setText('');
                }}
              >
                {org.name}
                {org.city ? <span className="ml-2 text-xs text-slate-500">{org.city}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button';
import type { ControlProps } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { personsListQuery } from '../persons/api';

export type PersonRef = { id: string; name: string };

/** Chooses the invoiced person by searching the server, showing at most eight matches while typing. */
export function InvoicePersonPicker({
  value,
  onChange,
  ...control
}: ControlProps & { value: PersonRef | null; onChange: (value: PersonRef | null) => void }) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 250);
  const results = useQuery({
    ...personsListQuery({ q, page: 1, pageSize: 8 }),
    enabled: !value && q.length > 0,
  });
  if (value)
    return (
      <div className="flex items-center gap-2">
        <Input {...control} value={value.name} readOnly data-testid="invoice-person-value" />
        <Button variant="secondary" onClick={() => onChange(null)}>
          {t('common.remove')}
        </Button>
      </div>
    );
  const items = q ? (results.data?.items ?? []) : [];
  return (
    <div className="relative">
      <Input
        {...control}
        aria-controls={listId}
        autoComplete="off"
        placeholder={t('billing.form.personPlaceholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        data-testid="invoice-person-search"
      />
      {q && results.data && items.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">{t('billing.form.noMatch')}</p>
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
                  {p.organization ? (
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

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type DetailItem = {
  label: string;
  value: ReactNode;
  /** The viewer's role may not read this field: shown as "no access" instead of a value. */
  hidden?: boolean;
  testId?: string;
};

/** A definition list of label/value pairs; empty values show a dash. */
export function DetailList({ items }: { items: DetailItem[] }) {
  const { t } = useTranslation();
  return (
    <dl className="grid gap-x-4 gap-y-3 sm:grid-cols-[minmax(8rem,auto)_1fr]">
      {items.map((item) => (
        <div key={item.label} className="contents">
          <dt className="text-sm text-slate-500">{item.label}</dt>
          <dd className="text-sm break-words text-slate-900" data-testid={item.testId}>
            {item.hidden ? (
              <span className="text-slate-500 italic" data-testid="no-access">
                {t('common.noAccess')}
              </span>
            ) : item.value === null || item.value === undefined || item.value === '' ? (
              <span className="text-slate-400">–</span>
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

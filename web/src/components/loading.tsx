import { useTranslation } from 'react-i18next';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="py-6 text-sm text-slate-500" aria-live="polite" aria-busy="true">
      {label ?? t('common.loading')}
    </p>
  );
}

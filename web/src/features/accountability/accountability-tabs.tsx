import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';

const TABS = [
  { to: '/accountability', key: 'selfCheck', action: 'self_check.read' },
  { to: '/accountability/deletion-concept', key: 'deletionConcept', action: 'retention.read' },
  { to: '/accountability/sweeps', key: 'sweeps', action: 'retention.read' },
  { to: '/accountability/legal-holds', key: 'legalHolds', action: 'legal_holds.manage' },
  { to: '/accountability/ropa', key: 'ropa', action: 'ropa.read' },
  { to: '/accountability/systems', key: 'systems', action: 'ropa.read' },
  { to: '/accountability/dpias', key: 'dpias', action: 'ropa.read' },
] as const;

/** The DPO's accountability area (Art. 5(2)): one tab per record the DPO must be able to show. */
export function AccountabilityTabs() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <nav
      aria-label={t('accountability.title')}
      className="mb-4 flex flex-wrap gap-1 border-b border-slate-200"
    >
      {TABS.filter((tab) => canDo(user?.role, tab.action)).map((tab) => (
        <Link
          key={tab.to}
          to={tab.to}
          activeOptions={{ exact: tab.to === '/accountability' }}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900"
          activeProps={{ className: 'border-brand-600 font-medium text-brand-700' }}
          data-testid={`accountability-tab-${tab.key}`}
        >
          {t(`accountability.tabs.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}

import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { CheckId, FindingRef } from './api';

const linkClass = 'font-mono text-brand-700 hover:underline';
const short = (id: string) => (id.length > 12 ? id.slice(0, 8) : id);

/** One record a check found, linked to its page where it has one; named by type and id only. */
export function RefLink({ reference }: { reference: FindingRef }) {
  const { t } = useTranslation();
  const label = `${t(`selfCheck.refTypes.${reference.type}`, { defaultValue: reference.type })} ${short(reference.id)}`;
  const common = { className: linkClass, 'data-testid': 'self-check-ref', title: reference.id } as const;
  const personId = reference.type === 'person' ? reference.id : reference.personId;
  if (personId && (reference.type === 'person' || reference.type === 'consent'))
    return (
      <Link to="/persons/$personId" params={{ personId }} {...common}>
        {label}
      </Link>
    );
  switch (reference.type) {
    case 'request':
      return (
        <Link to="/requests/$requestId" params={{ requestId: reference.id }} {...common}>
          {label}
        </Link>
      );
    case 'breach':
      return (
        <Link to="/breaches/$breachId" params={{ breachId: reference.id }} {...common}>
          {label}
        </Link>
      );
    case 'dpia':
      return (
        <Link to="/accountability/dpias/$dpiaId" params={{ dpiaId: reference.id }} {...common}>
          {label}
        </Link>
      );
    case 'purpose':
      return (
        <Link to="/accountability/dpias" {...common}>
          {label}
        </Link>
      );
    case 'recipient':
    case 'system':
      return (
        <Link to="/accountability/systems" {...common}>
          {label}
        </Link>
      );
    case 'data_type':
    case 'target':
      return (
        <Link to="/accountability/deletion-concept" {...common}>
          {label}
        </Link>
      );
    default:
      return (
        <span className="font-mono text-slate-700" data-testid="self-check-ref" title={reference.id}>
          {label}
        </span>
      );
  }
}

/** The page where the records of a check are worked on. */
export function CheckPageLink({ check }: { check: CheckId }) {
  const { t } = useTranslation();
  const common = { className: 'text-sm text-brand-700 hover:underline' } as const;
  const text = t('selfCheck.open');
  switch (check) {
    case 'request_overdue':
      return (
        <Link to="/requests" {...common}>
          {text}
        </Link>
      );
    case 'breach_overdue':
      return (
        <Link to="/breaches" {...common}>
          {text}
        </Link>
      );
    case 'retention_overdue':
      return (
        <Link to="/accountability/sweeps" {...common}>
          {text}
        </Link>
      );
    case 'deletion_rule_missing':
      return (
        <Link to="/accountability/deletion-concept" {...common}>
          {text}
        </Link>
      );
    case 'processor_without_avv':
    case 'transfer_without_mechanism':
      return (
        <Link to="/accountability/systems" {...common}>
          {text}
        </Link>
      );
    case 'dpia_missing':
      return (
        <Link to="/accountability/dpias" {...common}>
          {text}
        </Link>
      );
    default:
      return null;
  }
}

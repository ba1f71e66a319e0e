import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import type { ConsentState, ConsentView } from './types';

const STATE_TONE: Record<ConsentState, 'success' | 'danger' | 'neutral'> = {
  valid: 'success',
  withdrawn: 'danger',
  superseded: 'neutral',
};

export function ConsentStateBadge({ state }: { state: ConsentState }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATE_TONE[state]} data-testid="consent-state" data-state={state}>
      {t(`consent.states.${state}`)}
    </Badge>
  );
}

const proofText = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);

/** One entry of the ledger: what was agreed to, how, with which proof, and its end. */
export function ConsentEntry({
  consent,
  purposeLabel,
  onWithdraw,
}: {
  consent: ConsentView;
  purposeLabel: string;
  onWithdraw?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const proof = Object.entries(consent.proof ?? {}).filter(
    ([, v]) => v !== null && v !== undefined && v !== '',
  );
  const recordedBy =
    consent.recordedBy && typeof consent.recordedBy === 'object' ? consent.recordedBy.displayName : null;
  return (
    <li
      className="flex flex-col gap-1 py-3 text-sm"
      data-testid="consent"
      data-state={consent.state}
      data-method={consent.method}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium" data-testid="consent-purpose">
          {purposeLabel}
        </span>
        <Badge tone="brand">{t(`consent.channels.${consent.channel}`)}</Badge>
        <ConsentStateBadge state={consent.state} />
        {onWithdraw && consent.state === 'valid' ? (
          <Button
            size="sm"
            variant="secondary"
            className="ml-auto"
            onClick={onWithdraw}
            data-testid="consent-withdraw"
          >
            {t('consent.withdraw')}
          </Button>
        ) : null}
      </div>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-slate-700">
        <dt className="text-slate-500">{t('consent.givenAt')}</dt>
        <dd data-testid="consent-given-at">{format.dateTime(consent.givenAt)}</dd>
        <dt className="text-slate-500">{t('consent.method')}</dt>
        <dd data-testid="consent-method">{t(`consent.methods.${consent.method}`)}</dd>
        {consent.address ? (
          <>
            <dt className="text-slate-500">{t('consent.address')}</dt>
            <dd className="break-all">{consent.address}</dd>
          </>
        ) : null}
        {recordedBy ? (
          <>
            <dt className="text-slate-500">{t('consent.recordedBy')}</dt>
            <dd>{recordedBy}</dd>
          </>
        ) : null}
        {proof.map(([key, value]) => (
          <div key={key} className="contents" data-testid="consent-proof">
            <dt className="text-slate-500">
              {t(`consent.proof.${key}` as 'consent.proof.note', { defaultValue: key })}
            </dt>
            <dd className="break-words whitespace-pre-line">{proofText(value)}</dd>
          </div>
        ))}
        {consent.supersededAt ? (
          <>
            <dt className="text-slate-500">{t('consent.supersededAt')}</dt>
            <dd>{format.dateTime(consent.supersededAt)}</dd>
          </>
        ) : null}
        {consent.withdrawnAt ? (
          <>
            <dt className="text-slate-500">{t('consent.withdrawnAt')}</dt>
            <dd data-testid="consent-withdrawn">
              {format.dateTime(consent.withdrawnAt)}
              {consent.withdrawalMethod
                ? ` · ${t(`consent.withdrawalMethods.${consent.withdrawalMethod}`)}`
                : ''}
              {consent.withdrawalNote ? ` · ${consent.withdrawalNote}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <details className="rounded-md bg-slate-50 px-3 py-2" data-testid="consent-wording">
        <summary className="cursor-pointer text-slate-700">
          {t('consent.wordingVersion', {
            version: consent.wording.version,
            language: consent.wording.language.toUpperCase(),
          })}
        </summary>
        <p className="mt-2 whitespace-pre-line text-slate-800">{consent.wording.text}</p>
        <p className="mt-1 text-xs text-slate-500">
          {t('consent.advertiser')}: {consent.wording.advertiser}
          {consent.wording.productScope
            ? ` · ${t('consent.productScope')}: ${consent.wording.productScope}`
            : ''}
        </p>
        <p className="mt-1 font-mono text-xs break-all text-slate-400">
          SHA-256 {consent.wording.textSha256}
        </p>
      </details>
    </li>
  );
}

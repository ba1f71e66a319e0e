import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import { portalApi, portalMeKey } from './portal-client';
import { PortalSection, StatusNote } from './portal-section';
import type { PortalConsent, PortalPerson } from './types';
import { useFocusOnMount } from './use-focus-on-mount';

const STATE_TONES = { valid: 'success', withdrawn: 'neutral', superseded: 'neutral' } as const;

export function ConsentsSection({ person, level }: { person: PortalPerson; level: 2 | 3 }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PortalConsent | null>(null);
  const purposeLabel = (consent: PortalConsent) =>
    consent.purpose?.label ??
    person.purposes.find((p) => p.id === consent.purposeId)?.label ??
    consent.purposeId;
  const channelLabel = (channel: string) =>
    t(`portal.consents.channels.${channel}` as 'portal.consents.channels.email', { defaultValue: channel });

  const withdraw = useMutation({
    mutationFn: (consent: PortalConsent) => portalApi.withdrawConsent(consent.id),
    onSuccess: async () => {
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: portalMeKey });
    },
  });
  const doneRef = useFocusOnMount<HTMLParagraphElement>(withdraw.isSuccess);
  const consents = [...person.consents].sort((a, b) => b.givenAt.localeCompare(a.givenAt));

  return (
    <PortalSection title={t('portal.consents.heading')} level={level} testId="portal-consents">
      <p className="text-slate-700">{t('portal.consents.intro')}</p>
      {withdraw.isSuccess ? (
        <StatusNote focusRef={doneRef}>{t('portal.consents.withdrawn')}</StatusNote>
      ) : null}
      <ErrorMessage error={withdraw.error} />
      {consents.length === 0 ? (
        <p className="text-slate-700">{t('portal.consents.none')}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {consents.map((consent) => (
            <ConsentItem
              key={consent.id}
              consent={consent}
              purpose={purposeLabel(consent)}
              channel={channelLabel(consent.channel)}
              onWithdraw={() => {
                withdraw.reset();
                setPending(consent);
              }}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => {
          if (!open) setPending(null);
        }}
        title={t('portal.consents.confirmTitle')}
        description={
          pending
            ? t('portal.consents.confirmText', {
                purpose: purposeLabel(pending),
                channel: channelLabel(pending.channel),
              })
            : ''
        }
        confirmLabel={t('portal.consents.confirm')}
        onConfirm={() => {
          if (pending) withdraw.mutate(pending);
        }}
        pending={withdraw.isPending}
      />
    </PortalSection>
  );
}

function ConsentItem({
  consent,
  purpose,
  channel,
  onWithdraw,
}: {
  consent: PortalConsent;
  purpose: string;
  channel: string;
  onWithdraw: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const method = t(`portal.consents.methods.${consent.method}` as 'portal.consents.methods.portal', {
    defaultValue: consent.method,
  });
  const state = consent.state in STATE_TONES ? consent.state : 'valid';
  return (
    <li
      className="rounded-md border border-slate-200 p-3"
      data-testid="portal-consent"
      data-consent-id={consent.id}
      data-state={consent.state}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={titleId} className="font-semibold text-slate-900">
          {purpose}
        </p>
        <Badge tone={STATE_TONES[state]} data-testid="portal-consent-state">
          {t(`portal.consents.states.${state}`)}
        </Badge>
      </div>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
        <dt className="font-medium text-slate-700">{t('portal.consents.channel')}</dt>
        <dd>
          {channel}
          {consent.address ? ` (${consent.address})` : ''}
        </dd>
        <dt className="font-medium text-slate-700">{t('portal.consents.givenAt')}</dt>
        <dd>{format.dateTime(consent.givenAt)}</dd>
        <dt className="font-medium text-slate-700">{t('portal.consents.method')}</dt>
        <dd>{method}</dd>
      </dl>
      {consent.wording ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer font-medium text-brand-700 underline-offset-2 hover:underline">
            {t('portal.consents.wording', { version: consent.wording.version })}
          </summary>
          <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 whitespace-pre-line text-slate-800">
            {consent.wording.text}
          </blockquote>
        </details>
      ) : null}
      {consent.state === 'withdrawn' && consent.withdrawnAt ? (
        <p className="mt-2 text-sm text-slate-700" data-testid="portal-consent-withdrawn-at">
          {t('portal.consents.withdrawnAt', { date: format.dateTime(consent.withdrawnAt) })}
        </p>
      ) : null}
      {consent.state === 'valid' ? (
        <div className="mt-3">
          <Button
            variant="danger"
            className="w-full sm:w-auto"
            aria-describedby={titleId}
            onClick={onWithdraw}
            data-testid="portal-consent-withdraw"
          >
            {t('portal.consents.withdraw')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

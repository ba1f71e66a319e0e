import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Button, buttonClass } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Textarea } from '../../components/ui/input';
import { consentHistoryPdfUrl, personConsentsQuery, useWithdrawConsent } from './api';
import { ConsentEntry } from './consent-ledger';
import { useConsentPurposes } from './purposes';
import { RecordConsentDialog } from './record-consent-dialog';
import type { ConsentView } from './types';

/**
 * The person's consent ledger (Art. 7(1) GDPR, § 7a UWG): every consent with its wording and proof,
 * withdrawn and superseded ones included. Roles with consents.record record and withdraw.
 */
export function ConsentsCard({ personId, canRecord }: { personId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const ledger = useQuery(personConsentsQuery(personId));
  const { purposeLabel } = useConsentPurposes();
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<ConsentView | null>(null);
  const items = ledger.data?.items ?? [];
  return (
    <Card aria-labelledby="consents-title" data-testid="consents-card">
      <CardHeader>
        <CardTitle id="consents-title">{t('consent.title')}</CardTitle>
        <div className="flex flex-wrap gap-2">
          <a
            href={consentHistoryPdfUrl(personId)}
            target="_blank"
            rel="noreferrer"
            className={buttonClass('secondary', 'sm')}
            data-testid="consent-history-pdf"
          >
            {t('consent.historyPdf')}
          </a>
          {canRecord ? (
            <Button size="sm" onClick={() => setRecording(true)} data-testid="consent-record">
              {t('consent.record')}
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {ledger.isPending ? <Loading /> : null}
        <ErrorMessage error={ledger.error} />
        {ledger.data && items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="consents-empty">
            {t('consent.empty')}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="consent-list" aria-busy={ledger.isFetching}>
            {items.map((consent) => (
              <ConsentEntry
                key={consent.id}
                consent={consent}
                purposeLabel={purposeLabel(consent.purposeId)}
                onWithdraw={canRecord ? () => setWithdrawing(consent) : undefined}
              />
            ))}
          </ul>
        )}
      </CardContent>
      {canRecord && recording ? (
        <RecordConsentDialog personId={personId} onClose={() => setRecording(false)} />
      ) : null}
      {withdrawing ? (
        <WithdrawDialog
          personId={personId}
          consent={withdrawing}
          purposeLabel={purposeLabel(withdrawing.purposeId)}
          onClose={() => setWithdrawing(null)}
        />
      ) : null}
    </Card>
  );
}

function WithdrawDialog({
  personId,
  consent,
  purposeLabel,
  onClose,
}: {
  personId: string;
  consent: ConsentView;
  purposeLabel: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const withdraw = useWithdrawConsent(personId);
  const [note, setNote] = useState('');
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={t('consent.withdrawTitle')}
      description={t('consent.withdrawText', {
        purpose: purposeLabel,
        channel: t(`consent.channels.${consent.channel}`),
      })}
    >
      <div className="flex flex-col gap-3">
        <Field label={t('consent.withdrawNote')} hint={t('consent.withdrawNoteHint')}>
          {(c) => (
            <Textarea
              {...c}
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="consent-withdraw-note"
            />
          )}
        </Field>
        <ErrorMessage error={withdraw.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="danger"
            disabled={withdraw.isPending}
            data-testid="consent-withdraw-confirm"
            onClick={() =>
              withdraw.mutate(
                { consentId: consent.id, note: note.trim() || undefined },
                { onSuccess: onClose },
              )
            }
          >
            {t('consent.withdrawConfirm')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

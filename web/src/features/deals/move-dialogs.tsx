import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Textarea } from '../../components/ui/input';
import { useStageName } from './money';
import type { StageRef } from './types';

export type PendingMove = { kind: 'lost' | 'reopen'; deal: { id: string; title: string }; to: StageRef };

type Props = {
  pending: PendingMove | null;
  error: unknown;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (extra: { lostReason?: string; reopen?: boolean }) => void;
};

/**
 * The questions a move may need answered first: the reason of a loss (the server insists on one and
 * says so if it is missing), or the confirmation that a closed deal is reopened.
 */
export function MoveDialogs({ pending, error, busy, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const stageName = useStageName();
  const [reason, setReason] = useState('');
  const close = (open: boolean) => {
    if (!open) {
      setReason('');
      onCancel();
    }
  };
  return (
    <>
      <Dialog
        open={pending?.kind === 'lost'}
        onOpenChange={close}
        title={t('sales.deals.lostTitle')}
        description={t('sales.deals.lostDescription')}
      >
        <form
          noValidate
          data-testid="lost-dialog"
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm({ lostReason: reason });
          }}
        >
          <Field label={t('sales.deals.lostReason')} required>
            {(c) => (
              <Textarea
                {...c}
                rows={3}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <ErrorMessage error={error} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => close(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="danger" disabled={busy}>
              {t('sales.deals.markLost')}
            </Button>
          </div>
        </form>
      </Dialog>
      <Dialog
        open={pending?.kind === 'reopen'}
        onOpenChange={close}
        title={t('sales.deals.reopenTitle')}
        description={
          pending
            ? t('sales.deals.reopenDescription', { title: pending.deal.title, stage: stageName(pending.to) })
            : undefined
        }
      >
        <ErrorMessage error={error} className="mb-3" />
        <div className="flex flex-wrap justify-end gap-2" data-testid="reopen-dialog">
          <Button variant="secondary" onClick={() => close(false)}>
            {t('common.cancel')}
          </Button>
          <Button disabled={busy} onClick={() => onConfirm({ reopen: true })}>
            {t('sales.deals.reopen')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoveDeal } from './api';
import { useStageName } from './money';
import type { PendingMove } from './move-dialogs';
import type { StageRef } from './types';

type Movable = { id: string; title: string; version: number; status: string; stage: { id: string } };

/**
 * One place for the move rules as the UI asks them: a loss asks for the reason, leaving won or lost
 * asks for the reopen; everything else goes straight to the server, which has the last word.
 */
export const useDealMove = () => {
  const { t } = useTranslation();
  const stageName = useStageName();
  const move = useMoveDeal();
  const [pending, setPending] = useState<(PendingMove & { version: number }) | null>(null);
  const [notice, setNotice] = useState('');

  const send = async (deal: Movable, to: StageRef, extra: { lostReason?: string; reopen?: boolean } = {}) => {
    setNotice('');
    try {
      await move.mutateAsync({ id: deal.id, stageId: to.id, version: deal.version, ...extra });
      setPending(null);
      setNotice(t('sales.deals.moved', { title: deal.title, stage: stageName(to) }));
    } catch {
      // the error is shown where the move was asked for (board or dialog)
    }
  };

  const request = (deal: Movable, to: StageRef) => {
    if (deal.stage.id === to.id) return;
    move.reset();
    if (deal.status !== 'open' && to.outcome === 'open')
      return setPending({ kind: 'reopen', deal, to, version: deal.version });
    if (deal.status === 'open' && to.outcome === 'lost')
      return setPending({ kind: 'lost', deal, to, version: deal.version });
    void send(deal, to);
  };

  return {
    request,
    pending,
    notice,
    error: move.error,
    busy: move.isPending,
    cancel: () => {
      setPending(null);
      move.reset();
    },
    confirm: (extra: { lostReason?: string; reopen?: boolean }) => {
      if (!pending) return;
      void send(
        {
          id: pending.deal.id,
          title: pending.deal.title,
          version: pending.version,
          status: '',
          stage: { id: '' },
        },
        pending.to,
        extra,
      );
    },
  };
};

import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Button } from '../../components/ui/button';
import { Select } from '../../components/ui/input';
import { cn } from '../../lib/cn';
import { useFormat } from '../../lib/format';
import { boardQuery } from './api';
import { useMoney, useStageName } from './money';
import { MoveDialogs } from './move-dialogs';
import type { BoardColumn, Deal, StageRef } from './types';
import { useDealMove } from './use-deal-move';

const DRAG_TYPE = 'application/x-custos-deal';

/** The Kanban board: a column per stage, cards movable by drag and drop, arrows or a menu. */
export function DealBoard({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const board = useQuery(boardQuery);
  const mover = useDealMove();
  const [dragOver, setDragOver] = useState<string | null>(null);
  if (board.isPending) return <Loading />;
  if (board.error) return <ErrorMessage error={board.error} />;
  const columns = board.data.columns;
  const stages = columns.map((c) => c.stage);
  const findDeal = (id: string) => columns.flatMap((c) => c.deals).find((d) => d.id === id);

  const drop = (event: DragEvent, stage: StageRef) => {
    event.preventDefault();
    setDragOver(null);
    const deal = findDeal(event.dataTransfer.getData(DRAG_TYPE) || event.dataTransfer.getData('text/plain'));
    if (deal) mover.request(deal, stage);
  };

  return (
    <div>
      {canWrite ? <p className="mb-2 text-sm text-slate-600">{t('sales.deals.dragHint')}</p> : null}
      {mover.pending ? null : <ErrorMessage error={mover.error} className="mb-3" />}
      <p role="status" aria-live="polite" className="sr-only" data-testid="move-notice">
        {mover.notice}
      </p>
      <div
        className="-mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-4 md:snap-none"
        data-testid="deal-board"
      >
        {columns.map((column, index) => (
          <section
            key={column.stage.id}
            aria-labelledby={`stage-${column.stage.id}`}
            data-testid="board-column"
            data-stage={column.stage.nameEn}
            className={cn(
              'flex w-[85vw] max-w-80 shrink-0 snap-start flex-col rounded-lg border bg-slate-50 sm:w-72',
              dragOver === column.stage.id ? 'border-brand-600 ring-2 ring-brand-100' : 'border-slate-200',
            )}
            onDragOver={(event) => {
              if (!canWrite) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              setDragOver(column.stage.id);
            }}
            onDragLeave={() => setDragOver((current) => (current === column.stage.id ? null : current))}
            onDrop={(event) => drop(event, column.stage)}
          >
            <ColumnHeader column={column} />
            <ul className="flex min-h-24 flex-col gap-2 p-2" data-testid="column-deals">
              {column.deals.length === 0 ? (
                <li className="py-4 text-center text-xs text-slate-400">{t('sales.deals.emptyColumn')}</li>
              ) : null}
              {column.deals.map((deal) => (
                <DealCard
                  key={deal.id}
                  deal={deal}
                  stages={stages}
                  previous={stages[index - 1]}
                  next={stages[index + 1]}
                  canWrite={canWrite}
                  onMove={(to) => mover.request(deal, to)}
                />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <MoveDialogs
        pending={mover.pending}
        error={mover.error}
        busy={mover.busy}
        onCancel={mover.cancel}
        onConfirm={mover.confirm}
      />
    </div>
  );
}

function ColumnHeader({ column }: { column: BoardColumn }) {
  const { t } = useTranslation();
  const money = useMoney();
  const stageName = useStageName();
  const tone = { open: 'text-slate-900', won: 'text-emerald-800', lost: 'text-red-800' }[
    column.stage.outcome
  ];
  return (
    <header className="border-b border-slate-200 px-3 py-2">
      <h2 id={`stage-${column.stage.id}`} className={cn('text-sm font-semibold', tone)}>
        {stageName(column.stage)}
      </h2>
      <p className="text-xs text-slate-600" data-testid="column-count">
        {t('sales.deals.count', { count: column.count })}
        {column.count > column.deals.length
          ? ` · ${t('sales.deals.capped', { shown: column.deals.length, count: column.count })}`
          : ''}
      </p>
      {column.totals.map((total) => (
        <p key={total.currency} className="text-xs text-slate-700" data-testid="column-sum">
          <span className="font-medium">{money(total.value, total.currency)}</span>
          {column.stage.outcome === 'open' ? (
            <span className="text-slate-500">
              {' · '}
              {t('sales.deals.weighted', { value: money(total.weighted, total.currency) })}
            </span>
          ) : null}
        </p>
      ))}
    </header>
  );
}

type CardProps = {
  deal: Deal;
  stages: StageRef[];
  previous?: StageRef;
  next?: StageRef;
  canWrite: boolean;
  onMove: (to: StageRef) => void;
};

function DealCard({ deal, stages, previous, next, canWrite, onMove }: CardProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const format = useFormat();
  const stageName = useStageName();
  const customer = deal.organization?.name ?? deal.person?.name ?? '';
  const secondary = deal.organization && deal.person ? deal.person.name : null;
  return (
    <li
      draggable={canWrite}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, deal.id);
        event.dataTransfer.setData('text/plain', deal.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      className={cn(
        'rounded-md border border-slate-200 bg-white p-3 shadow-xs',
        canWrite && 'cursor-grab active:cursor-grabbing',
      )}
      data-testid="deal-card"
      data-deal-id={deal.id}
    >
      <Link
        to="/deals/$dealId"
        params={{ dealId: deal.id }}
        className="block font-medium text-brand-700 hover:underline"
        data-testid="deal-link"
      >
        {deal.title}
      </Link>
      <p className="text-sm text-slate-700">{customer}</p>
      {secondary ? <p className="text-xs text-slate-500">{secondary}</p> : null}
      <p className="mt-1 flex flex-wrap justify-between gap-x-2 text-sm">
        <span className="font-medium" data-testid="deal-value">
          {money(deal.value, deal.currency)}
        </span>
        {deal.expectedClose ? (
          <span className="text-slate-500">{format.date(deal.expectedClose)}</span>
        ) : null}
      </p>
      {deal.lostReason ? <p className="mt-1 text-xs text-red-800">{deal.lostReason}</p> : null}
      {canWrite ? (
        <div className="mt-2 flex items-center gap-1">
          <Button
            variant="ghost"
            size="sm"
            className="px-2"
            disabled={!previous}
            aria-label={t('sales.deals.moveLeft', { title: deal.title })}
            title={previous ? stageName(previous) : undefined}
            onClick={() => previous && onMove(previous)}
          >
            ←
          </Button>
          <Select
            aria-label={t('sales.deals.moveToLabel', { title: deal.title })}
            className="h-8 min-w-0 flex-1 text-xs"
            value=""
            data-testid="move-select"
            onChange={(event) => {
              const to = stages.find((s) => s.id === event.target.value);
              if (to) onMove(to);
            }}
          >
            <option value="">{t('sales.deals.moveTo')}</option>
            {stages
              .filter((s) => s.id !== deal.stage.id)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {stageName(s)}
                </option>
              ))}
          </Select>
          <Button
            variant="ghost"
            size="sm"
            className="px-2"
            disabled={!next}
            aria-label={t('sales.deals.moveRight', { title: deal.title })}
            title={next ? stageName(next) : undefined}
            onClick={() => next && onMove(next)}
          >
            →
          </Button>
        </div>
      ) : null}
    </li>
  );
}

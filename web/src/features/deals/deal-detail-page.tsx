import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/detail-list';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button, buttonClass } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { boardQuery, dealQuery, useUpdateDeal } from './api';
import { STATUS_TONE } from './deals-list';
import { toApiAmount, useMoney, useStageName } from './money';
import { MoveDialogs } from './move-dialogs';
import type { DealDetail } from './types';
import { useDealMove } from './use-deal-move';

const route = getRouteApi('/_app/deals/$dealId');

export function DealDetailPage() {
  const { t } = useTranslation();
  const { dealId } = route.useParams();
  const user = useCurrentUser();
  const deal = useQuery(dealQuery(dealId));
  const money = useMoney();
  const format = useFormat();
  const stageName = useStageName();
  const canWrite = canDo(user?.role, 'contract.write');
  if (deal.isPending) return <Loading />;
  if (deal.error) return <ErrorMessage error={deal.error} />;
  const d = deal.data;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={<span data-testid="deal-title">{d.title}</span>}
        actions={
          canWrite ? (
            <Link to="/quotes/new" search={{ dealId: d.id }} className={buttonClass('secondary')}>
              {t('sales.deals.newQuote')}
            </Link>
          ) : null
        }
      >
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <Badge tone={STATUS_TONE[d.status]} data-testid="deal-status">
            {t(`sales.deals.status.${d.status}`)}
          </Badge>
          <span data-testid="deal-stage">{stageName(d.stage)}</span>
        </p>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardContent>
            <DetailList
              items={[
                {
                  label: t('sales.deals.fields.customer'),
                  value: (
                    <span className="flex flex-col">
                      {d.organization ? (
                        <Link
                          to="/organizations/$organizationId"
                          params={{ organizationId: d.organization.id }}
                          className="text-brand-700 hover:underline"
                        >
                          {d.organization.name}
                        </Link>
                      ) : null}
                      {d.person ? (
                        <Link
                          to="/persons/$personId"
                          params={{ personId: d.person.id }}
                          className="text-brand-700 hover:underline"
                        >
                          {d.person.name}
                        </Link>
                      ) : null}
                    </span>
                  ),
                },
                {
                  label: t('sales.deals.fields.value'),
                  value: money(d.value, d.currency),
                  testId: 'deal-value',
                },
                { label: t('sales.deals.fields.probability'), value: `${d.probability} %` },
                { label: t('sales.deals.fields.expectedClose'), value: format.date(d.expectedClose) },
                { label: t('sales.deals.fields.owner'), value: d.owner?.displayName },
                { label: t('sales.deals.fields.closedAt'), value: format.dateTime(d.closedAt) },
                { label: t('sales.deals.fields.lostReason'), value: d.lostReason },
              ]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('sales.deals.history')}</CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="flex flex-col gap-2 text-sm" data-testid="stage-history">
              {d.history.map((h) => (
                <li key={`${h.changedAt}-${h.toStage.id}`} className="flex flex-wrap justify-between gap-2">
                  <span>
                    {h.fromStage
                      ? t('sales.deals.historyEntry', {
                          from: stageName(h.fromStage),
                          to: stageName(h.toStage),
                        })
                      : t('sales.deals.historyCreated', { to: stageName(h.toStage) })}
                  </span>
                  <span className="text-slate-500">
                    {format.dateTime(h.changedAt)}
                    {h.changedBy ? ` · ${h.changedBy.displayName}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
      </div>
      {canWrite ? <DealActions deal={d} /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <DocumentsCard
          title={t('sales.deals.quotes')}
          empty={t('sales.deals.noQuotes')}
          items={d.quotes}
          kind="quotes"
          statusLabel={(s) => t(`sales.quotes.status.${s}` as 'sales.quotes.status.draft')}
        />
        <DocumentsCard
          title={t('sales.deals.orders')}
          empty={t('sales.deals.noOrders')}
          items={d.orders}
          kind="orders"
          statusLabel={(s) => t(`sales.orders.status.${s}` as 'sales.orders.status.open')}
        />
      </div>
    </div>
  );
}

function DocumentsCard({
  title,
  empty,
  items,
  kind,
  statusLabel,
}: {
  title: string;
  empty: string;
  items: DealDetail['quotes'];
  kind: 'quotes' | 'orders';
  statusLabel: (status: string) => string;
}) {
  const money = useMoney();
  const format = useFormat();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? <p className="text-sm text-slate-500">{empty}</p> : null}
        <ul className="flex flex-col gap-2 text-sm">
          {items.map((doc) => (
            <li key={doc.id} className="flex flex-wrap justify-between gap-2">
              {kind === 'quotes' ? (
                <Link
                  to="/quotes/$quoteId"
                  params={{ quoteId: doc.id }}
                  className="text-brand-700 hover:underline"
                >
                  {doc.number}
                </Link>
              ) : (
                <Link
                  to="/orders/$orderId"
                  params={{ orderId: doc.id }}
                  className="text-brand-700 hover:underline"
                >
                  {doc.number}
                </Link>
              )}
              <span>{statusLabel(doc.status)}</span>
              <span>{format.date(doc.date)}</span>
              <span className="font-medium">{money(doc.grossTotal, doc.currency)}</span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

/** Move the deal (same rules and dialogs as on the board) and change its value, probability or date. */
function DealActions({ deal }: { deal: DealDetail }) {
  const { t } = useTranslation();
  const stageName = useStageName();
  const board = useQuery(boardQuery);
  const mover = useDealMove();
  const update = useUpdateDeal(deal.id);
  const [value, setValue] = useState(deal.value);
  const [probability, setProbability] = useState(String(deal.probability));
  const [expectedClose, setExpectedClose] = useState(deal.expectedClose ?? '');
  const stages = (board.data?.columns ?? []).map((c) => c.stage).filter((s) => s.id !== deal.stage.id);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('sales.deals.edit')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Field label={t('sales.deals.moveTo')}>
          {(c) => (
            <Select
              {...c}
              value=""
              data-testid="detail-move-select"
              onChange={(event) => {
                const to = stages.find((s) => s.id === event.target.value);
                if (to) mover.request(deal, to);
              }}
            >
              <option value="">{t('sales.deals.moveTo')}</option>
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {stageName(s)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {mover.pending ? null : <ErrorMessage error={mover.error} />}
        <form
          noValidate
          className="grid gap-3 sm:grid-cols-4 sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate({
              version: deal.version,
              value: toApiAmount(value),
              ...(deal.status === 'open' ? { probability: Number(probability) } : {}),
              expectedClose: expectedClose || null,
            });
          }}
        >
          <Field label={t('sales.deals.fields.value')}>
            {(c) => (
              <Input {...c} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
            )}
          </Field>
          <Field label={t('sales.deals.fields.probability')}>
            {(c) => (
              <Input
                {...c}
                type="number"
                min={0}
                max={100}
                disabled={deal.status !== 'open'}
                value={probability}
                onChange={(e) => setProbability(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('sales.deals.fields.expectedClose')}>
            {(c) => (
              <Input
                {...c}
                type="date"
                value={expectedClose}
                onChange={(e) => setExpectedClose(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" disabled={update.isPending}>
            {t('common.save')}
          </Button>
        </form>
        <ErrorMessage error={update.error} />
        {update.isSuccess ? (
          <p role="status" className="text-sm text-emerald-800">
            {t('sales.deals.saved')}
          </p>
        ) : null}
      </CardContent>
      <MoveDialogs
        pending={mover.pending}
        error={mover.error}
        busy={mover.busy}
        onCancel={mover.cancel}
        onConfirm={mover.confirm}
      />
    </Card>
  );
}

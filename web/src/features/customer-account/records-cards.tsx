import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import { buttonClass } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import { AccountCard, Empty } from './account-card';
import type { AccountCase, AccountCases, AccountDeals, AccountOrders, AccountTask } from './api';
import { useMoney } from './money';

type Deal = AccountDeals['open'][number];

function DealItem({ deal }: { deal: Deal }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const stage = i18n.language.startsWith('en') ? deal.stage.nameEn : deal.stage.nameDe;
  const tone = deal.stage.outcome === 'won' ? 'success' : deal.stage.outcome === 'lost' ? 'neutral' : 'brand';
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2"
      data-testid="account-deal"
    >
      <div className="min-w-0">
        <Link
          to="/deals/$dealId"
          params={{ dealId: deal.id }}
          className="font-medium break-words text-brand-700 hover:underline"
        >
          {deal.title}
        </Link>
        <p className="text-xs text-slate-500">
          {deal.stage.outcome === 'open' && deal.expectedClose
            ? t('customerAccount.deals.expectedClose', { date: format.date(deal.expectedClose) })
            : deal.closedAt
              ? format.date(deal.closedAt)
              : null}
          {deal.owner ? ` · ${deal.owner.displayName}` : ''}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={tone}>{stage}</Badge>
        <span className="font-medium tabular-nums">{money(deal.value, deal.currency)}</span>
      </div>
    </li>
  );
}

export function DealsCard({ deals }: { deals: AccountDeals }) {
  const { t } = useTranslation();
  return (
    <AccountCard title={t('customerAccount.sections.deals')} testId="account-deals">
      {deals.open.length === 0 && deals.closed.length === 0 ? (
        <Empty>{t('customerAccount.deals.empty')}</Empty>
      ) : null}
      {deals.open.length ? (
        <ul className="divide-y divide-slate-100">
          {deals.open.map((deal) => (
            <DealItem key={deal.id} deal={deal} />
          ))}
        </ul>
      ) : null}
      {deals.closed.length ? (
        <div>
          <h3 className="text-sm font-medium text-slate-600">{t('customerAccount.deals.closedTitle')}</h3>
          <ul className="divide-y divide-slate-100">
            {deals.closed.map((deal) => (
              <DealItem key={deal.id} deal={deal} />
            ))}
          </ul>
        </div>
      ) : null}
    </AccountCard>
  );
}

export function OrdersCard({ orders }: { orders: AccountOrders }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  return (
    <AccountCard title={t('customerAccount.sections.orders')} testId="account-orders">
      {orders.items.length === 0 ? (
        <Empty>{t('customerAccount.orders.empty')}</Empty>
      ) : (
        <ul className="divide-y divide-slate-100">
          {orders.items.map((order) => (
            <li
              key={order.id}
              className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2"
              data-testid="account-order"
            >
              <div>
                <Link
                  to="/orders/$orderId"
                  params={{ orderId: order.id }}
                  className="font-medium break-words text-brand-700 hover:underline"
                >
                  {order.number}
                </Link>
                <p className="text-xs text-slate-500">{format.date(order.orderedAt)}</p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <Badge>{t(`customerAccount.orders.status.${order.status}`)}</Badge>
                <span className="font-medium tabular-nums">{money(order.grossTotal, order.currency)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {orders.total > orders.items.length ? (
        <p className="text-xs text-slate-500">
          {t('customerAccount.orders.shownOf', { shown: orders.items.length, total: orders.total })}
        </p>
      ) : null}
    </AccountCard>
  );
}

function CaseItem({ item }: { item: AccountCase }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="flex flex-col gap-1 py-2" data-testid="account-case">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs text-slate-500">{item.number}</span>
        <Badge>{t(`customerAccount.cases.status.${item.status}`)}</Badge>
        <Badge tone={item.priority === 'urgent' || item.priority === 'high' ? 'warning' : 'neutral'}>
          {t(`customerAccount.cases.priority.${item.priority}`)}
        </Badge>
        <span className="text-xs text-slate-500">{t(`customerAccount.cases.category.${item.category}`)}</span>
      </div>
      <Link
        to="/cases/$caseId"
        params={{ caseId: item.id }}
        className="font-medium break-words text-brand-700 hover:underline"
      >
        {item.subject}
      </Link>
      {item.slaDueAt ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
          {item.slaBreached ? (
            <Badge tone="danger" data-testid="sla-breached">
              {t('customerAccount.cases.slaBreached')}
            </Badge>
          ) : null}
          <span>{t('customerAccount.cases.slaDue', { date: format.dateTime(item.slaDueAt) })}</span>
          {item.assignee ? <span>· {item.assignee.displayName}</span> : null}
        </p>
      ) : item.closedAt ? (
        <p className="text-xs text-slate-500">{format.date(item.closedAt)}</p>
      ) : null}
    </li>
  );
}

/** Open cases with their SLA deadline; "open a case" leads to the case form with the customer filled in. */
export function CasesCard({
  cases,
  newCase,
}: {
  cases: AccountCases;
  /** Who the new case is for, or null when the role may not open cases. */
  newCase: { personId: string } | { organizationId: string } | null;
}) {
  const { t } = useTranslation();
  const action = newCase ? (
    // the case form of the service feature, with the customer filled in
    <Link to="/cases/new" search={newCase} className={buttonClass('primary', 'sm')} data-testid="open-case">
      {t('customerAccount.cases.new')}
    </Link>
  ) : null;
  return (
    <AccountCard title={t('customerAccount.sections.cases')} actions={action} testId="account-cases">
      {cases.open.length === 0 ? (
        <Empty>{t('customerAccount.cases.empty')}</Empty>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="open-cases">
          {cases.open.map((item) => (
            <CaseItem key={item.id} item={item} />
          ))}
        </ul>
      )}
      {cases.closed.length ? (
        <div>
          <h3 className="text-sm font-medium text-slate-600">{t('customerAccount.cases.closedTitle')}</h3>
          <ul className="divide-y divide-slate-100">
            {cases.closed.map((item) => (
              <CaseItem key={item.id} item={item} />
            ))}
          </ul>
        </div>
      ) : null}
    </AccountCard>
  );
}

export function TasksCard({ tasks }: { tasks: AccountTask[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <AccountCard title={t('customerAccount.sections.tasks')} testId="account-tasks">
      {tasks.length === 0 ? (
        <Empty>{t('customerAccount.tasks.empty')}</Empty>
      ) : (
        <ul className="divide-y divide-slate-100">
          {tasks.map((task) => (
            <li key={task.id} className="flex flex-col gap-1 py-2" data-testid="account-task">
              <p className="font-medium break-words">{task.title}</p>
              <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                {task.overdue ? <Badge tone="danger">{t('customerAccount.tasks.overdue')}</Badge> : null}
                <span>{t('customerAccount.tasks.due', { date: format.dateTime(task.dueAt) })}</span>
                {task.assignee ? <span>· {task.assignee.displayName}</span> : null}
                {task.link ? <span>· {t(`customerAccount.tasks.about.${task.link.kind}`)}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </AccountCard>
  );
}

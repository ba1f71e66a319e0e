import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import { useFormat } from '../../lib/format';
import { AccountCard, Empty } from './account-card';
import type { AccountInvoices, MoneyTotal } from './api';
import { useMoney } from './money';

function Totals({
  label,
  totals,
  tone,
  testId,
}: {
  label: string;
  totals: MoneyTotal[];
  tone: string;
  testId: string;
}) {
  const money = useMoney();
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`text-lg font-semibold ${tone}`} data-testid={testId}>
        {totals.map((total) => (
          <span key={total.currency} className="block">
            {money(total.amount, total.currency)}
          </span>
        ))}
      </dd>
    </div>
  );
}

/** Open invoices, oldest due first, with the totals per currency and the overdue ones marked. */
export function InvoicesCard({ invoices }: { invoices: AccountInvoices }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  return (
    <AccountCard title={t('customerAccount.sections.invoices')} testId="account-invoices">
      {invoices.openCount === 0 ? (
        <Empty>{t('customerAccount.invoices.empty')}</Empty>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3">
            <Totals
              label={t('customerAccount.invoices.openTotal')}
              totals={invoices.openTotal}
              tone="text-slate-900"
              testId="invoices-open-total"
            />
            {invoices.overdueTotal.length ? (
              <Totals
                label={t('customerAccount.invoices.overdueTotal')}
                totals={invoices.overdueTotal}
                tone="text-red-700"
                testId="invoices-overdue-total"
              />
            ) : null}
          </dl>
          <ul className="divide-y divide-slate-100" data-testid="open-invoices">
            {invoices.open.map((invoice) => (
              <li
                key={invoice.id}
                className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2"
                data-testid="account-invoice"
              >
                <div className="min-w-0">
                  <Link
                    to="/invoices/$invoiceId"
                    params={{ invoiceId: invoice.id }}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {invoice.number}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {t('customerAccount.invoices.due')} {format.date(invoice.dueAt)}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {invoice.overdue ? (
                    <Badge tone="danger" data-testid="overdue-badge">
                      {t('customerAccount.invoices.overdueDays', { count: invoice.daysOverdue })}
                    </Badge>
                  ) : null}
                  <span className="font-medium tabular-nums">
                    {money(invoice.grossTotal, invoice.currency)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
          {invoices.openCount > invoices.open.length ? (
            <p className="text-xs text-slate-500">
              {t('customerAccount.invoices.moreNotShown', {
                shown: invoices.open.length,
                total: invoices.openCount,
              })}
            </p>
          ) : null}
        </>
      )}
      <p className="text-xs text-slate-500">
        {t('customerAccount.invoices.paidCount', { count: invoices.paidCount })}
      </p>
    </AccountCard>
  );
}

import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DetailList } from '../../components/detail-list';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { todayIso, useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { LegalHoldButton } from '../retention/legal-hold-button';
import { invoiceQuery, useCancelInvoice, usePayInvoice, useUpdateInvoice } from './api';
import { useMoney } from './money';
import { InvoiceStatusBadge } from './status-badge';
import type { Invoice } from './types';

const route = getRouteApi('/_app/invoices/$invoiceId');

export function InvoiceDetailPage() {
  const { invoiceId } = route.useParams();
  const invoice = useQuery(invoiceQuery(invoiceId));
  if (invoice.isPending) return <Loading />;
  if (invoice.error) return <ErrorMessage error={invoice.error} />;
  return <InvoiceView invoice={invoice.data} />;
}

function InvoiceView({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const user = useCurrentUser();
  const canWrite = canDo(user?.role, 'billing.write');
  const amount = (value: string) => money(value, invoice.currency);
  const address = [
    invoice.billing.street,
    [invoice.billing.postalCode, invoice.billing.city].filter(Boolean).join(' '),
    invoice.billing.country,
  ].filter(Boolean);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {t('billing.detail.title', { number: invoice.number })}
            <InvoiceStatusBadge invoice={invoice} />
          </span>
        }
        actions={<LegalHoldButton objectType="invoice" objectId={invoice.id} />}
      >
        <p className="text-sm text-slate-600">
          <Link to="/invoices" className="text-brand-700 hover:underline">
            {t('billing.back')}
          </Link>
        </p>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t('billing.detail.customer')}</CardTitle>
          </CardHeader>
          <CardContent>
            <DetailList
              items={[
                {
                  label: t('billing.fields.customer'),
                  value: invoice.organization ? (
                    <Link
                      to="/organizations/$organizationId"
                      params={{ organizationId: invoice.organization.id }}
                      className="text-brand-700 hover:underline"
                    >
                      {invoice.organization.name}
                    </Link>
                  ) : invoice.person ? (
                    <Link
                      to="/persons/$personId"
                      params={{ personId: invoice.person.id }}
                      className="text-brand-700 hover:underline"
                    >
                      {invoice.person.name}
                    </Link>
                  ) : null,
                },
                {
                  label: t('billing.fields.billingName'),
                  value: invoice.billing.name,
                  testId: 'billing-name',
                },
                { label: t('billing.fields.billingAddress'), value: address.join(', ') },
                { label: t('billing.fields.billingEmail'), value: invoice.billing.email },
                { label: t('billing.fields.customerGroup'), value: invoice.customerGroup?.name },
                { label: t('billing.fields.issuedAt'), value: format.date(invoice.issuedAt) },
                { label: t('billing.fields.dueAt'), value: format.date(invoice.dueAt) },
                { label: t('billing.fields.paidAt'), value: format.date(invoice.paidAt) },
              ]}
            />
          </CardContent>
        </Card>
        <RetentionCard invoice={invoice} canWrite={canWrite} />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t('billing.detail.lines')}</CardTitle>
        </CardHeader>
        <div className="overflow-x-auto">
          <Table data-testid="invoice-lines">
            <THead>
              <Tr>
                <Th>{t('billing.fields.product')}</Th>
                <Th className="text-right">{t('billing.fields.quantity')}</Th>
                <Th className="text-right">{t('billing.fields.unitPrice')}</Th>
                <Th className="text-right">{t('billing.fields.taxRate')}</Th>
                <Th className="text-right">{t('billing.fields.net')}</Th>
              </Tr>
            </THead>
            <TBody>
              {invoice.lines.map((line) => (
                <Tr key={line.position}>
                  <Td>
                    <span className="font-medium">{line.product}</span>
                    {line.description ? (
                      <span className="block text-xs text-slate-500">{line.description}</span>
                    ) : null}
                  </Td>
                  <Td className="text-right tabular-nums">{line.quantity}</Td>
                  <Td className="text-right tabular-nums">{amount(line.unitPrice)}</Td>
                  <Td className="text-right tabular-nums">{line.taxRate} %</Td>
                  <Td className="text-right tabular-nums">{amount(line.net)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
        <CardContent className="border-t border-slate-100">
          <dl
            className="ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm"
            data-testid="invoice-totals"
          >
            <dt className="text-slate-600">{t('billing.fields.netTotal')}</dt>
            <dd className="text-right tabular-nums">{amount(invoice.netTotal)}</dd>
            {invoice.vatByRate.map((vat) => (
              <div key={vat.rate} className="contents">
                <dt className="text-slate-600">
                  {t('billing.detail.vatAt', { rate: vat.rate, net: amount(vat.net) })}
                </dt>
                <dd className="text-right tabular-nums">{amount(vat.tax)}</dd>
              </div>
            ))}
            <dt className="font-semibold">{t('billing.fields.gross')}</dt>
            <dd className="text-right font-semibold tabular-nums" data-testid="invoice-gross">
              {amount(invoice.grossTotal)}
            </dd>
          </dl>
        </CardContent>
      </Card>
      {canWrite && invoice.status === 'open' ? <StatusActions invoice={invoice} /> : null}
    </div>
  );
}

function RetentionCard({ invoice, canWrite }: { invoice: Invoice; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateInvoice(invoice.id);
  const r = invoice.retention;
  return (
    <Card data-testid="invoice-retention">
      <CardHeader>
        <CardTitle>{t('billing.retention.title')}</CardTitle>
        {r.restricted ? <Badge tone="warning">{t('billing.retention.restricted')}</Badge> : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <DetailList
          items={[
            { label: t('billing.retention.rule'), value: r.rule },
            { label: t('billing.retention.basis'), value: r.basis },
            {
              label: t('billing.retention.retainUntil'),
              value: format.date(r.retainUntil),
              testId: 'retain-until',
            },
            { label: t('billing.retention.deletableFrom'), value: format.date(r.deletableFrom) },
            {
              label: t('billing.retention.legalHold'),
              value: r.legalHold ? t('billing.retention.holdOn') : t('billing.retention.holdOff'),
              testId: 'legal-hold',
            },
          ]}
        />
        <p className="text-xs text-slate-500">{t('billing.retention.explain')}</p>
        {canWrite ? (
          <div>
            <Button
              variant="secondary"
              disabled={update.isPending}
              data-testid="toggle-hold"
              onClick={() => update.mutate({ version: invoice.version, legalHold: !r.legalHold })}
            >
              {r.legalHold ? t('billing.retention.releaseHold') : t('billing.retention.setHold')}
            </Button>
            <ErrorMessage error={update.error} className="mt-2" />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function StatusActions({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const pay = usePayInvoice(invoice.id);
  const cancel = useCancelInvoice(invoice.id);
  const [paidAt, setPaidAt] = useState(todayIso());
  const [confirming, setConfirming] = useState(false);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('billing.detail.actions')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            pay.mutate(paidAt);
          }}
        >
          <Field label={t('billing.fields.paidAt')}>
            {(c) => (
              <Input
                {...c}
                type="date"
                required
                value={paidAt}
                onChange={(e) => setPaidAt(e.target.value)}
                data-testid="paid-at"
              />
            )}
          </Field>
          <Button type="submit" disabled={pay.isPending} data-testid="mark-paid">
            {t('billing.detail.markPaid')}
          </Button>
          <Button
            type="button"
            variant="danger"
            onClick={() => setConfirming(true)}
            data-testid="cancel-invoice"
          >
            {t('billing.detail.cancel')}
          </Button>
        </form>
        <ErrorMessage error={pay.error ?? cancel.error} />
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title={t('billing.detail.cancelTitle', { number: invoice.number })}
          description={t('billing.detail.cancelText')}
          confirmLabel={t('billing.detail.cancel')}
          pending={cancel.isPending}
          onConfirm={() => cancel.mutate(undefined, { onSettled: () => setConfirming(false) })}
        />
      </CardContent>
    </Card>
  );
}

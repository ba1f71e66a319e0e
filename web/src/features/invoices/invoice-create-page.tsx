import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../components/currency-select';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { PersonPicker, type PersonRef } from '../../components/person-picker';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { todayIso } from '../../lib/format';
import { OrganizationPicker } from '../organizations/organization-picker';
import { useCreateInvoice } from './api';
import { toApiAmount } from './money';

type Line = {
  key: number;
  product: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
};
const TAX_RATES = ['19', '7', '0'];

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

let lineKey = 0;
const emptyLine = (): Line => ({
  key: ++lineKey,
  product: '',
  description: '',
  quantity: '1',
  unitPrice: '',
  taxRate: '19',
});

/** Issue an invoice: customer, dates, lines. Totals and VAT are computed by the server. */
export function InvoiceCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateInvoice();
  const [customerKind, setCustomerKind] = useState<'organization' | 'person'>('organization');
  const [organization, setOrganization] = useState<{ id: string; name: string } | null>(null);
  const [person, setPerson] = useState<PersonRef | null>(null);
  const [number, setNumber] = useState('');
  const [issuedAt, setIssuedAt] = useState(todayIso());
  const [dueAt, setDueAt] = useState(addDays(todayIso(), 14));
  const [currency, setCurrency] = useState('EUR');
  const [lines, setLines] = useState<Line[]>([emptyLine()]);
  const [missingCustomer, setMissingCustomer] = useState(false);

  const setLine = (key: number, patch: Partial<Line>) =>
    setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const customer = customerKind === 'organization' ? organization : person;
    setMissingCustomer(!customer);
    if (!customer) return;
    const invoice = await create
      .mutateAsync({
        ...(customerKind === 'organization' ? { organizationId: customer.id } : { personId: customer.id }),
        ...(number.trim() ? { number: number.trim() } : {}),
        issuedAt,
        dueAt,
        currency,
        lines: lines.map((l) => ({
          product: l.product,
          description: l.description || null,
          quantity: toApiAmount(l.quantity),
          unitPrice: toApiAmount(l.unitPrice),
          taxRate: toApiAmount(l.taxRate),
        })),
      })
      .catch(() => null);
    if (invoice) void navigate({ to: '/invoices/$invoiceId', params: { invoiceId: invoice.id } });
  };

  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t('billing.form.title')} />
      <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="invoice-form">
        <Card>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <fieldset className="flex flex-col gap-2 sm:col-span-2">
              <legend className="text-sm font-medium text-slate-800">{t('billing.form.customerKind')}</legend>
              <div className="flex gap-4">
                {(['organization', 'person'] as const).map((kind) => (
                  <label key={kind} className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name="customerKind"
                      value={kind}
                      checked={customerKind === kind}
                      onChange={() => setCustomerKind(kind)}
                    />
                    {t(`billing.form.${kind}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <Field
              label={t('billing.fields.customer')}
              required
              className="sm:col-span-2"
              error={
                missingCustomer ? { message: t('billing.form.customerRequired'), type: 'server' } : undefined
              }
            >
              {(c) =>
                customerKind === 'organization' ? (
                  <OrganizationPicker {...c} value={organization} onChange={setOrganization} />
                ) : (
                  <PersonPicker
                    {...c}
                    value={person}
                    onChange={setPerson}
                    placeholder={t('billing.form.personPlaceholder')}
                    noMatchText={t('billing.form.noMatch')}
                    showOrganization
                    valueTestId="invoice-person-value"
                    searchTestId="invoice-person-search"
                  />
                )
              }
            </Field>
            <Field label={t('billing.fields.number')} hint={t('billing.form.numberHint')}>
              {(c) => (
                <Input {...c} value={number} maxLength={50} onChange={(e) => setNumber(e.target.value)} />
              )}
            </Field>
            <Field label={t('billing.fields.currency')}>
              {(c) => <CurrencySelect {...c} value={currency} onChange={setCurrency} />}
            </Field>
            <Field label={t('billing.fields.issuedAt')} required>
              {(c) => (
                <Input
                  {...c}
                  type="date"
                  value={issuedAt}
                  onChange={(e) => setIssuedAt(e.target.value)}
                  data-testid="issued-at"
                />
              )}
            </Field>
            <Field label={t('billing.fields.dueAt')} required>
              {(c) => (
                <Input
                  {...c}
                  type="date"
                  value={dueAt}
                  onChange={(e) => setDueAt(e.target.value)}
                  data-testid="due-at"
                />
              )}
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('billing.detail.lines')}</CardTitle>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setLines((all) => [...all, emptyLine()])}
              data-testid="add-line"
            >
              {t('billing.form.addLine')}
            </Button>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {lines.map((line, index) => (
              <fieldset
                key={line.key}
                className="grid gap-3 border-b border-slate-100 pb-4 last:border-0 sm:grid-cols-[2fr_1fr_1fr_1fr_auto]"
                data-testid="invoice-line"
              >
                <legend className="sr-only">{t('billing.form.line', { n: index + 1 })}</legend>
                <Field label={t('billing.fields.product')} required>
                  {(c) => (
                    <Input
                      {...c}
                      value={line.product}
                      maxLength={200}
                      onChange={(e) => setLine(line.key, { product: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('billing.fields.quantity')} required>
                  {(c) => (
                    <Input
                      {...c}
                      inputMode="decimal"
                      value={line.quantity}
                      onChange={(e) => setLine(line.key, { quantity: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('billing.fields.unitPrice')} required hint={t('billing.form.amountHint')}>
                  {(c) => (
                    <Input
                      {...c}
                      inputMode="decimal"
                      value={line.unitPrice}
                      onChange={(e) => setLine(line.key, { unitPrice: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('billing.fields.taxRate')}>
                  {(c) => (
                    <Select
                      {...c}
                      value={line.taxRate}
                      onChange={(e) => setLine(line.key, { taxRate: e.target.value })}
                    >
                      {TAX_RATES.map((rate) => (
                        <option key={rate} value={rate}>
                          {rate} %
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <div className="flex items-end">
                  <Button
                    variant="ghost"
                    disabled={lines.length === 1}
                    onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}
                  >
                    {t('billing.form.removeLine')}
                  </Button>
                </div>
                <Field label={t('billing.fields.description')} className="sm:col-span-5">
                  {(c) => (
                    <Input
                      {...c}
                      value={line.description}
                      maxLength={2000}
                      onChange={(e) => setLine(line.key, { description: e.target.value })}
                    />
                  )}
                </Field>
              </fieldset>
            ))}
          </CardContent>
        </Card>
        <ErrorMessage error={create.error} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={create.isPending} data-testid="invoice-save">
            {t('billing.form.submit')}
          </Button>
          <Button variant="secondary" onClick={() => void navigate({ to: '/invoices' })}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}

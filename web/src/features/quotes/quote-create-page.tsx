import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../components/currency-select';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { PersonPicker, type PersonRef } from '../../components/person-picker';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { todayIso } from '../../lib/format';
import { dealQuery } from '../deals/api';
import { toApiAmount, useMoney, useRate } from '../deals/money';
import { OrganizationPicker } from '../organizations/organization-picker';
import { useCreateQuote } from './api';
import { centsToString, type DraftLine, previewTotals } from './line-preview';

const route = getRouteApi('/_app/quotes/new');
const emptyLine = (): DraftLine => ({
  product: '',
  description: '',
  quantity: '1',
  unitPrice: '',
  taxRate: '19',
});

/** A quote with its line items; the totals shown are a preview, the server computes them on saving. */
export function QuoteCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const money = useMoney();
  const rate = useRate();
  const search = route.useSearch();
  const deal = useQuery({ ...dealQuery(search.dealId ?? ''), enabled: Boolean(search.dealId) });
  const create = useCreateQuote();
  const [person, setPerson] = useState<PersonRef | null>(null);
  const [organization, setOrganization] = useState<{ id: string; name: string } | null>(null);
  const [issuedAt, setIssuedAt] = useState(todayIso());
  const [validUntil, setValidUntil] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [lines, setLines] = useState<DraftLine[]>([emptyLine()]);
  const preview = previewTotals(lines);
  const setLine = (index: number, patch: Partial<DraftLine>) =>
    setLines((all) => all.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  const fromDeal = deal.data
    ? [deal.data.organization?.name, deal.data.person?.name].filter(Boolean).join(' · ')
    : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const quote = await create.mutateAsync({
        dealId: search.dealId,
        personId: person?.id,
        organizationId: organization?.id,
        issuedAt,
        validUntil: validUntil || null,
        currency,
        lines: lines.map((l) => ({
          product: l.product.trim(),
          description: l.description.trim() || null,
          quantity: l.quantity.trim().replace(',', '.'),
          unitPrice: toApiAmount(l.unitPrice),
          taxRate: l.taxRate.trim().replace(',', '.'),
        })),
      });
      await navigate({ to: '/quotes/$quoteId', params: { quoteId: quote.id } });
    } catch {
      // shown below the form
    }
  };

  return (
    <div className="max-w-5xl">
      <PageHeader title={t('sales.quotes.new')} />
      <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="quote-form">
        <Card>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            {fromDeal !== null ? (
              <p className="text-sm sm:col-span-2">
                {t('sales.quotes.deal')}: <span className="font-medium">{deal.data?.title}</span> · {fromDeal}
              </p>
            ) : null}
            <Field label={t('sales.deals.fields.organization')}>
              {(c) => <OrganizationPicker {...c} value={organization} onChange={setOrganization} />}
            </Field>
            <Field label={t('sales.deals.fields.person')}>
              {(c) => (
                <PersonPicker
                  {...c}
                  value={person}
                  onChange={setPerson}
                  placeholder={t('sales.personPicker.placeholder')}
                  noMatchText={t('sales.personPicker.noMatch')}
                />
              )}
            </Field>
            <Field label={t('sales.quotes.fields.issuedAt')} required>
              {(c) => (
                <Input {...c} type="date" value={issuedAt} onChange={(e) => setIssuedAt(e.target.value)} />
              )}
            </Field>
            <Field label={t('sales.quotes.fields.validUntil')}>
              {(c) => (
                <Input
                  {...c}
                  type="date"
                  value={validUntil}
                  onChange={(e) => setValidUntil(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('sales.quotes.fields.currency')}>
              {(c) => <CurrencySelect {...c} value={currency} onChange={setCurrency} />}
            </Field>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('sales.quotes.lines')}</CardTitle>
            <Button
              variant="secondary"
              size="sm"
              disabled={lines.length >= 200}
              onClick={() => setLines((all) => [...all, emptyLine()])}
            >
              {t('sales.quotes.addLine')}
            </Button>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {lines.map((line, index) => (
              <fieldset
                // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity before they are saved
                key={index}
                className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto] sm:items-end"
                data-testid="quote-line"
              >
                <legend className="px-1 text-xs text-slate-500">
                  {t('sales.quotes.line', { n: index + 1 })}
                </legend>
                <Field label={t('sales.quotes.fields.product')} required>
                  {(c) => (
                    <Input
                      {...c}
                      maxLength={200}
                      value={line.product}
                      onChange={(e) => setLine(index, { product: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('sales.quotes.fields.quantity')}>
                  {(c) => (
                    <Input
                      {...c}
                      inputMode="decimal"
                      value={line.quantity}
                      onChange={(e) => setLine(index, { quantity: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('sales.quotes.fields.unitPrice')}>
                  {(c) => (
                    <Input
                      {...c}
                      inputMode="decimal"
                      value={line.unitPrice}
                      onChange={(e) => setLine(index, { unitPrice: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('sales.quotes.fields.taxRate')}>
                  {(c) => (
                    <Input
                      {...c}
                      inputMode="decimal"
                      value={line.taxRate}
                      onChange={(e) => setLine(index, { taxRate: e.target.value })}
                    />
                  )}
                </Field>
                <div className="flex items-center justify-between gap-2 sm:flex-col sm:items-end">
                  <span className="text-sm" data-testid="line-net">
                    {preview.nets[index] != null
                      ? money(centsToString(preview.nets[index] ?? 0n), currency)
                      : '–'}
                  </span>
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={lines.length === 1}
                    aria-label={t('sales.quotes.removeLine', { n: index + 1 })}
                    onClick={() => setLines((all) => all.filter((_, i) => i !== index))}
                  >
                    ✕
                  </Button>
                </div>
                <Field label={t('sales.quotes.fields.description')} className="sm:col-span-5">
                  {(c) => (
                    <Input
                      {...c}
                      maxLength={2000}
                      value={line.description}
                      onChange={(e) => setLine(index, { description: e.target.value })}
                    />
                  )}
                </Field>
              </fieldset>
            ))}
            <div className="ml-auto w-full max-w-sm text-sm" aria-live="polite" data-testid="quote-preview">
              <p className="mb-1 text-xs text-slate-500">{t('sales.quotes.preview')}</p>
              <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1">
                <dt>{t('sales.quotes.fields.netTotal')}</dt>
                <dd className="text-right">{money(centsToString(preview.net), currency)}</dd>
                {preview.rates.map((r) => (
                  <div key={r.rate} className="contents">
                    <dt className="text-slate-600">{t('sales.quotes.vatAt', { rate: rate(r.rate) })}</dt>
                    <dd className="text-right text-slate-600">{money(centsToString(r.tax), currency)}</dd>
                  </div>
                ))}
                <dt className="font-semibold">{t('sales.quotes.fields.grossTotal')}</dt>
                <dd className="text-right font-semibold">{money(centsToString(preview.gross), currency)}</dd>
              </dl>
            </div>
          </CardContent>
        </Card>
        <ErrorMessage error={create.error} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={create.isPending}>
            {t('sales.quotes.create')}
          </Button>
          <Button variant="secondary" onClick={() => window.history.back()}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}

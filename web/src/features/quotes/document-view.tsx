import { useTranslation } from 'react-i18next';
import { Card } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useMoney, useRate } from '../deals/money';
import type { Quote } from './types';

type Doc = Pick<Quote, 'lines' | 'vatByRate' | 'netTotal' | 'taxTotal' | 'grossTotal' | 'currency'>;

/** Line items, VAT per rate and totals of a quote or order, as the server computed them. */
export function DocumentLines({ doc }: { doc: Doc }) {
  const { t } = useTranslation();
  const money = useMoney();
  const rate = useRate();
  const f = (key: 'product' | 'quantity' | 'unitPrice' | 'taxRate' | 'net') =>
    t(`sales.quotes.fields.${key}`);
  return (
    <Card>
      <Table data-testid="document-lines">
        <THead>
          <tr>
            <Th>#</Th>
            <Th>{f('product')}</Th>
            <Th className="text-right">{f('quantity')}</Th>
            <Th className="text-right">{f('unitPrice')}</Th>
            <Th className="text-right">{f('taxRate')}</Th>
            <Th className="text-right">{f('net')}</Th>
          </tr>
        </THead>
        <TBody>
          {doc.lines.map((line) => (
            <Tr key={line.position}>
              <Td>{line.position}</Td>
              <Td>
                <span className="font-medium">{line.product}</span>
                {line.description ? (
                  <span className="block text-xs text-slate-500">{line.description}</span>
                ) : null}
              </Td>
              <Td className="text-right">{line.quantity}</Td>
              <Td className="text-right">{money(line.unitPrice, doc.currency)}</Td>
              <Td className="text-right">{rate(line.taxRate)}</Td>
              <Td className="text-right">{money(line.net, doc.currency)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <dl className="ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1 px-4 py-3 text-sm">
        <dt>{t('sales.quotes.fields.netTotal')}</dt>
        <dd className="text-right">{money(doc.netTotal, doc.currency)}</dd>
        {doc.vatByRate.map((r) => (
          <div key={r.rate} className="contents">
            <dt className="text-slate-600">{t('sales.quotes.vatAt', { rate: rate(r.rate) })}</dt>
            <dd className="text-right text-slate-600">{money(r.tax, doc.currency)}</dd>
          </div>
        ))}
        <dt className="font-semibold">{t('sales.quotes.fields.grossTotal')}</dt>
        <dd className="text-right font-semibold" data-testid="gross-total">
          {money(doc.grossTotal, doc.currency)}
        </dd>
      </dl>
    </Card>
  );
}

/** Customer of a document as text. */
export const customerOf = (doc: { person: { name: string } | null; organization: { name: string } | null }) =>
  [doc.organization?.name, doc.person?.name].filter(Boolean).join(' · ');

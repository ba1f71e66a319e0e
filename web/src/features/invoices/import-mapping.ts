import Papa from 'papaparse';
import type { ImportField, ImportMapping, ImportRequest } from './types';

export type ImportOptions = NonNullable<ImportRequest['options']>;
export type Delimiter = ImportOptions['delimiter'];

/** The invoice fields in the order the wizard lists them; the required ones first. */
export const IMPORT_FIELDS: readonly ImportField[] = [
  'number',
  'issuedAt',
  'product',
  'unitPrice',
  'taxRate',
  'customerNumber',
  'customerEmail',
  'dueAt',
  'paidAt',
  'quantity',
  'description',
  'currency',
  'billingName',
  'billingStreet',
  'billingPostalCode',
  'billingCity',
  'billingCountry',
  'customerGroup',
  'orderNumber',
  'externalRef',
];
export const REQUIRED_FIELDS: readonly ImportField[] = [
  'number',
  'issuedAt',
  'product',
  'unitPrice',
  'taxRate',
];

/** Header words German and English ERP exports use for each field (lower case, without punctuation). */
const SYNONYMS: Record<ImportField, string[]> = {
  number: [
    'belegnummer',
    'belegnr',
    'rechnungsnummer',
    'rechnungsnr',
    'renr',
    'invoice',
    'invoicenumber',
    'invoiceno',
    'number',
    'nr',
  ],
  issuedAt: ['belegdatum', 'rechnungsdatum', 'datum', 'date', 'invoicedate', 'issuedat', 'issued'],
  dueAt: ['fälligkeit', 'fällig', 'fälligam', 'faellig', 'duedate', 'due', 'dueat'],
  paidAt: ['bezahltam', 'bezahlt', 'zahlungsdatum', 'paidat', 'paid', 'paymentdate'],
  customerNumber: [
    'kundennummer',
    'kundennr',
    'debitor',
    'debitorennummer',
    'customernumber',
    'customerno',
    'customer',
  ],
  customerEmail: ['email', 'mail', 'emailadresse', 'customeremail'],
  billingName: ['name', 'rechnungsname', 'firma', 'kunde', 'kundenname', 'billingname', 'company'],
  billingStreet: ['straße', 'strasse', 'street', 'adresse', 'address'],
  billingPostalCode: ['plz', 'postleitzahl', 'postalcode', 'zip', 'postcode'],
  billingCity: ['ort', 'stadt', 'city', 'town'],
  billingCountry: ['land', 'country', 'länderkennzeichen'],
  customerGroup: ['kundengruppe', 'customergroup', 'group', 'segment'],
  product: ['artikel', 'artikelbezeichnung', 'produkt', 'leistung', 'product', 'item'],
  description: ['beschreibung', 'text', 'description', 'positionstext'],
  quantity: ['menge', 'anzahl', 'quantity', 'qty'],
  unitPrice: ['einzelpreis', 'preis', 'netto', 'ep', 'unitprice', 'price'],
  taxRate: ['ustsatz', 'ust', 'mwst', 'mwstsatz', 'steuersatz', 'vat', 'vatrate', 'taxrate', 'tax'],
  currency: ['währung', 'waehrung', 'currency', 'whg'],
  orderNumber: ['auftrag', 'auftragsnummer', 'auftragsnr', 'bestellnummer', 'order', 'ordernumber'],
  externalRef: ['referenz', 'reference', 'externalref', 'ref'],
};

const normal = (header: string) => header.toLowerCase().replace(/[\s._\-/()#%]+/g, '');

/** A first guess of the mapping from the headers; the user checks and corrects it. */
export const guessMapping = (headers: string[]): ImportMapping => {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of IMPORT_FIELDS) {
    const header = headers.find((h) => !used.has(h) && SYNONYMS[field].includes(normal(h)));
    if (header) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping as ImportMapping;
};

/** The delimiter that splits the header line into the most columns. */
export const guessDelimiter = (text: string): Delimiter => {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const candidates: Delimiter[] = [';', ',', '\t', '|'];
  return candidates.reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best), ';');
};

/** Header and the first rows, for the mapping step's preview. */
export const previewCsv = (text: string, delimiter: Delimiter, rows = 5) => {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter,
    preview: rows + 1,
    skipEmptyLines: true,
  });
  const [header = [], ...data] = parsed.data;
  return { headers: header.map((h) => h.trim()), rows: data };
};

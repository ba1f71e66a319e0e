import { describe, expect, it } from 'vitest';
import {
  buildActivityFacts,
  type DataTypeInput,
  type DpiaInput,
  factsFingerprint,
  orderCategories,
  type PersonStatsInput,
  type RegisterInput,
} from './ropa-facts.ts';

const SALES = {
  id: 'sales',
  label: { de: 'Vertrieb', en: 'Sales' },
  description: { de: 'Angebote', en: 'Quotes' },
  legalBases: ['contract', 'legitimate_interest', 'unknown_basis'],
};

const dataType = (over: Partial<DataTypeInput> = {}): DataTypeInput => ({
  id: 'quotes',
  purposeId: 'sales',
  name: { de: 'Angebote', en: 'Quotes' },
  legalBasis: 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 257 HGB',
  subjectGroup: 'Kunden',
  dataCategories: ['contract'],
  period: { de: '6 Jahre ab Jahresende', en: '6 years from year end' },
  startType: 'collection',
  startEvent: 'Angebot versandt',
  ...over,
});

const entry = (over: Partial<RegisterInput> = {}): RegisterInput => ({
  id: 'r1',
  name: 'Mailer Inc.',
  kind: 'processor',
  location: 'saas',
  country: 'US',
  thirdCountry: true,
  transferMechanism: 'dpf',
  purposes: ['sales'],
  dataCategories: ['contact'],
  ...over,
});

const build = (over: {
  dataTypes?: DataTypeInput[];
  persons?: PersonStatsInput[];
  register?: RegisterInput[];
  dpia?: DpiaInput[];
}) =>
  buildActivityFacts({
    purpose: SALES,
    dataTypes: over.dataTypes ?? [],
    persons: over.persons ?? [],
    register: over.register ?? [],
    dpia: over.dpia ?? [],
  });

describe('orderCategories', () => {
  it.each([
    { input: [], out: [] },
    { input: ['billing', 'identity'], out: ['identity', 'billing'] },
    { input: ['zz_own', 'contact', 'aa_own', 'contact'], out: ['contact', 'aa_own', 'zz_own'] },
  ])('$input → $out', ({ input, out }) => {
    expect(orderCategories(input)).toEqual(out);
  });
});

describe('buildActivityFacts', () => {
  it('knows nothing but the legal bases of a purpose nobody uses', () => {
    const facts = build({});
    expect(facts).toMatchObject({
      purposeId: 'sales',
      retentionBases: [],
      subjectKinds: [],
      subjectGroups: [],
      personCount: 0,
      dataCategories: [],
      special: false,
      recipients: [],
      transfers: [],
      erasure: [],
      dpia: null,
    });
    // unknown legal bases are left out, known ones carry their article
    expect(facts.legalBases.map((b) => b.article)).toEqual([
      'Art. 6 Abs. 1 lit. b DSGVO',
      'Art. 6 Abs. 1 lit. f DSGVO',
    ]);
  });

  it.each([
    {
      label: 'persons without special data',
      persons: [{ purposeId: 'sales', kind: 'prospect', count: 3, withSpecial: 0 }],
      kinds: ['prospect'],
      special: false,
      count: 3,
    },
    {
      label: 'persons of several kinds, in a fixed order',
      persons: [
        { purposeId: 'sales', kind: 'contact_person', count: 1, withSpecial: 0 },
        { purposeId: 'sales', kind: 'customer', count: 2, withSpecial: 1 },
      ],
      kinds: ['customer', 'contact_person'],
      special: true,
      count: 3,
    },
    {
      label: 'persons of another purpose only',
      persons: [{ purposeId: 'billing', kind: 'customer', count: 5, withSpecial: 5 }],
      kinds: [],
      special: false,
      count: 0,
    },
    {
      label: 'a kind with zero persons',
      persons: [{ purposeId: 'sales', kind: 'customer', count: 0, withSpecial: 0 }],
      kinds: [],
      special: false,
      count: 0,
    },
  ])('subjects: $label', ({ persons, kinds, special, count }) => {
    const facts = build({ persons });
    expect(facts.subjectKinds).toEqual(kinds);
    expect(facts.special).toBe(special);
    expect(facts.personCount).toBe(count);
    expect(facts.dataCategories.includes('special_health')).toBe(special);
    expect(facts.dataCategories.includes('identity')).toBe(count > 0);
  });

  it('takes categories, bases, groups and erasure periods from the purpose’s data types only', () => {
    const facts = build({
      dataTypes: [
        dataType({ id: 'z_orders', dataCategories: ['contract', 'billing'], subjectGroup: 'Kunden' }),
        dataType(),
        dataType({ id: 'invoices', purposeId: 'billing', dataCategories: ['billing'] }),
      ],
    });
    expect(facts.erasure.map((e) => e.dataTypeId)).toEqual(['quotes', 'z_orders']);
    expect(facts.dataCategories).toEqual(['contract', 'billing']);
    expect(facts.retentionBases).toEqual(['Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 257 HGB']);
    expect(facts.subjectGroups).toEqual(['Kunden']);
    expect(facts.erasure[0]).toEqual({
      dataTypeId: 'quotes',
      name: { de: 'Angebote', en: 'Quotes' },
      period: { de: '6 Jahre ab Jahresende', en: '6 years from year end' },
      startType: 'collection',
      startEvent: 'Angebot versandt',
    });
  });

  it.each([
    { label: 'a processor in the EU', e: entry({ country: 'DE', thirdCountry: false }), rec: 1, tr: 0 },
    { label: 'a US processor under the DPF', e: entry(), rec: 1, tr: 1 },
    {
      label: 'a third-country system without mechanism',
      e: entry({ transferMechanism: null }),
      rec: 1,
      tr: 1,
    },
    {
      label: 'the CRM itself (internal system)',
      e: entry({ kind: 'internal_system', thirdCountry: false }),
      rec: 0,
      tr: 0,
    },
    { label: 'an entry for another purpose', e: entry({ purposes: ['billing'] }), rec: 0, tr: 0 },
  ])('register: $label', ({ e, rec, tr }) => {
    const facts = build({ register: [e] });
    expect(facts.recipients.length).toBe(rec);
    expect(facts.transfers.length).toBe(tr);
    if (tr)
      expect(facts.transfers[0]).toEqual({
        id: 'r1',
        name: 'Mailer Inc.',
        country: e.country,
        mechanism: e.transferMechanism,
      });
  });

  it('picks the DPIA status of its purpose', () => {
    const dpia: DpiaInput[] = [
      { purposeId: 'billing', required: false, status: 'none', signedOffAt: null, reviewAt: null },
      { purposeId: 'sales', required: true, status: 'draft', signedOffAt: null, reviewAt: null },
    ];
    expect(build({ dpia }).dpia?.status).toBe('draft');
  });
});

describe('factsFingerprint', () => {
  const base = build({
    dataTypes: [dataType()],
    persons: [{ purposeId: 'sales', kind: 'customer', count: 2, withSpecial: 0 }],
  });
  it.each([
    { label: 'more persons of a kind already there', persons: 50, same: true },
    { label: 'the same facts', persons: 2, same: true },
  ])('stays the same for $label', ({ persons, same }) => {
    const other = build({
      dataTypes: [dataType()],
      persons: [{ purposeId: 'sales', kind: 'customer', count: persons, withSpecial: 0 }],
    });
    expect(factsFingerprint(other) === factsFingerprint(base)).toBe(same);
  });
  it.each([
    { label: 'a new data type', over: { dataTypes: [dataType(), dataType({ id: 'orders' })] } },
    {
      label: 'a changed period',
      over: { dataTypes: [dataType({ period: { de: '8 Jahre', en: '8 years' } })] },
    },
    { label: 'a new recipient', over: { dataTypes: [dataType()], register: [entry()] } },
    {
      label: 'special-category data appearing',
      over: {
        dataTypes: [dataType()],
        persons: [{ purposeId: 'sales', kind: 'customer', count: 2, withSpecial: 1 }],
      },
    },
  ])('changes with $label', ({ over }) => {
    const other = build({
      persons: [{ purposeId: 'sales', kind: 'customer', count: 2, withSpecial: 0 }],
      ...over,
    });
    expect(factsFingerprint(other)).not.toBe(factsFingerprint(base));
  });
});

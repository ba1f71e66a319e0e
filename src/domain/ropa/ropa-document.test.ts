import { describe, expect, it } from 'vitest';
import {
  type ActivityInput,
  activityFields,
  buildRopaDocument,
  liveTexts,
  missingForConfirmation,
  type RopaSettingsInput,
  statusOf,
} from './ropa-document.ts';
import { type ActivityFacts, buildActivityFacts, type DpiaInput } from './ropa-facts.ts';

const NOW = new Date('2026-03-02T09:00:00Z');

const facts = (over: Partial<ActivityFacts> = {}): ActivityFacts => ({
  ...buildActivityFacts({
    purpose: {
      id: 'sales',
      label: { de: 'Vertrieb', en: 'Sales' },
      description: { de: 'Angebote', en: 'Quotes' },
      legalBases: ['contract'],
    },
    dataTypes: [],
    persons: [{ purposeId: 'sales', kind: 'customer', count: 1, withSpecial: 0 }],
    register: [],
    dpia: [],
  }),
  ...over,
});

const PURPOSE = { label: { de: 'Vertrieb', en: 'Sales' }, description: { de: 'Angebote', en: 'Quotes' } };

const SETTINGS: RopaSettingsInput = {
  controllerName: 'Muster GmbH',
  controllerAddress: 'Hauptstraße 1',
  controllerContact: 'info@muster.example',
  jointControllers: null,
  representative: null,
  dpoName: 'Erika Beispiel',
  dpoContact: null,
  toms: 'Verschlüsselung',
};

const activity = (over: Partial<ActivityInput> = {}): ActivityInput => ({
  id: 'a1',
  part: 'controller',
  purposeId: 'sales',
  status: 'draft',
  confirmedAt: null,
  changed: false,
  name: null,
  description: null,
  legalBases: null,
  subjectCategories: null,
  dataCategories: null,
  recipients: null,
  transfers: null,
  erasure: null,
  toms: null,
  controllerName: null,
  controllerContact: null,
  controllerRepresentative: null,
  controllerDpo: null,
  processingCategories: null,
  ...over,
});

describe('liveTexts', () => {
  it('writes the live facts in German and English', () => {
    const de = liveTexts({ facts: facts(), purpose: PURPOSE, generalToms: 'TOMs', language: 'de' });
    const en = liveTexts({ facts: facts(), purpose: PURPOSE, generalToms: 'TOMs', language: 'en' });
    expect(de).toMatchObject({
      name: 'Vertrieb',
      purposes: 'Angebote',
      legalBases: 'Art. 6 Abs. 1 lit. b DSGVO (Vertrag oder vorvertragliche Maßnahme)',
      subjectCategories: 'Kunden',
      transfers: 'Keine Übermittlung an Drittländer oder internationale Organisationen.',
      toms: 'TOMs',
      dpia: 'Noch nicht geprüft',
    });
    expect(de.dataCategories).toContain('Identitätsdaten');
    expect(en).toMatchObject({ name: 'Sales', subjectCategories: 'Customers', dpia: 'Not yet assessed' });
    expect(en.dataCategories).toContain('Identity data');
  });

  it.each([
    { mechanism: 'dpf', de: 'Mailer Inc.: US, EU-US Data Privacy Framework' },
    { mechanism: 'scc', de: 'Mailer Inc.: US, Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)' },
    { mechanism: null, de: 'Mailer Inc.: US, kein Übermittlungsinstrument dokumentiert' },
  ])('names the transfer mechanism $mechanism', ({ mechanism, de }) => {
    const f = facts({ transfers: [{ id: 'r', name: 'Mailer Inc.', country: 'US', mechanism }] });
    expect(liveTexts({ facts: f, purpose: PURPOSE, generalToms: null, language: 'de' }).transfers).toContain(
      de,
    );
  });

  const dpia = (over: Partial<DpiaInput>): DpiaInput => ({
    purposeId: 'sales',
    required: false,
    status: 'none',
    signedOffAt: null,
    reviewAt: null,
    ...over,
  });
  it.each([
    { d: dpia({}), de: 'Nicht erforderlich (Schwellwertanalyse)', en: 'Not required (screening)' },
    { d: dpia({ required: true }), de: 'Erforderlich, nicht durchgeführt', en: 'Required, not carried out' },
    { d: dpia({ required: true, status: 'draft' }), de: 'In Bearbeitung', en: 'In progress' },
    {
      d: dpia({ required: true, status: 'signed_off', signedOffAt: '2026-01-10', reviewAt: '2027-01-10' }),
      de: 'Abgeschlossen am 10.01.2026, Überprüfung bis 10.01.2027',
      en: 'Signed off on 10 Jan 2026, review by 10 Jan 2027',
    },
    {
      d: dpia({ required: true, status: 'review_due', reviewAt: '2026-02-01' }),
      de: 'Überprüfung fällig seit 01.02.2026',
      en: 'Review due since 1 Feb 2026',
    },
  ])('DPIA status $d.status (required $d.required)', ({ d, de, en }) => {
    const f = facts({ dpia: d });
    expect(liveTexts({ facts: f, purpose: PURPOSE, generalToms: null, language: 'de' }).dpia).toBe(de);
    expect(liveTexts({ facts: f, purpose: PURPOSE, generalToms: null, language: 'en' }).dpia).toBe(en);
  });
});

describe('activityFields', () => {
  const live = liveTexts({ facts: facts(), purpose: PURPOSE, generalToms: 'TOMs', language: 'de' });
  it('uses the DPO’s text where written and the live text elsewhere', () => {
    const fields = activityFields({
      activity: activity({ recipients: 'Steuerberater' }),
      live,
      language: 'de',
    });
    expect(fields.map((f) => f.key)).toEqual([
      'name',
      'purposes',
      'legalBases',
      'subjectCategories',
      'dataCategories',
      'recipients',
      'transfers',
      'erasure',
      'toms',
      'dpia',
    ]);
    expect(fields.find((f) => f.key === 'recipients')).toMatchObject({
      value: 'Steuerberater',
      source: 'manual',
    });
    expect(fields.find((f) => f.key === 'name')).toMatchObject({ value: 'Vertrieb', source: 'live' });
  });
  it('treats a blank text as none', () => {
    const fields = activityFields({ activity: activity({ name: '  ' }), live, language: 'de' });
    expect(fields.find((f) => f.key === 'name')?.source).toBe('live');
  });
  it('builds the Art. 30(2) fields of a processor activity in the export language', () => {
    const a = activity({
      part: 'processor',
      purposeId: null,
      name: 'Hotline',
      controllerName: 'Beispiel AG',
      controllerDpo: 'Max Muster',
      transfers: 'keine',
    });
    const en = activityFields({ activity: a, live: { toms: 'General TOMs' }, language: 'en' });
    expect(en.map((f) => f.key)).toEqual([
      'name',
      'controller',
      'processingCategories',
      'processorTransfers',
      'processorToms',
    ]);
    expect(en[1]?.value).toBe('Beispiel AG\nData protection officer: Max Muster');
    expect(en[4]).toMatchObject({ value: 'General TOMs', source: 'live' });
    expect(en[3]).toMatchObject({ value: 'keine', source: 'manual' });
  });
});

describe('missingForConfirmation', () => {
  const fieldsOf = (
    a: ActivityInput,
    l = liveTexts({ facts: facts(), purpose: PURPOSE, generalToms: null, language: 'de' }),
  ) => activityFields({ activity: a, live: l, language: 'de' });
  it.each([
    { label: 'complete', settings: SETTINGS, a: activity(), missing: [] },
    {
      label: 'no controller details',
      settings: { ...SETTINGS, controllerName: null, controllerContact: ' ' },
      a: activity(),
      missing: ['controllerName', 'controllerContact'],
    },
    {
      label: 'a processor activity without categories of processing',
      settings: SETTINGS,
      a: activity({ part: 'processor', name: 'Hotline', controllerName: 'Beispiel AG' }),
      missing: ['processingCategories'],
    },
  ])('$label', ({ settings, a, missing }) => {
    expect(missingForConfirmation({ settings, part: a.part, fields: fieldsOf(a) })).toEqual(missing);
  });
  it('needs subjects and data categories for a purpose nobody uses yet, unless the DPO writes them', () => {
    const empty = liveTexts({
      facts: facts({ subjectKinds: [], dataCategories: [] }),
      purpose: PURPOSE,
      generalToms: null,
      language: 'de',
    });
    expect(
      missingForConfirmation({ settings: SETTINGS, part: 'controller', fields: fieldsOf(activity(), empty) }),
    ).toEqual(['subjectCategories', 'dataCategories']);
    const written = activity({ subjectCategories: 'Kunden', dataCategories: 'Kontaktdaten' });
    expect(
      missingForConfirmation({ settings: SETTINGS, part: 'controller', fields: fieldsOf(written, empty) }),
    ).toEqual([]);
  });
});

describe('statusOf and buildRopaDocument', () => {
  it.each([
    { status: 'draft', changed: false, out: 'draft' },
    { status: 'confirmed', changed: false, out: 'confirmed' },
    { status: 'confirmed', changed: true, out: 'changed' },
  ] as const)('$status, changed $changed → $out', ({ status, changed, out }) => {
    expect(statusOf({ status, changed })).toBe(out);
  });

  it('splits the activities into the parts asked for, with headings and header in the language', () => {
    const live = liveTexts({ facts: facts(), purpose: PURPOSE, generalToms: 'TOMs', language: 'en' });
    const doc = buildRopaDocument({
      language: 'en',
      now: NOW,
      settings: SETTINGS,
      parts: ['controller', 'processor'],
      activities: [
        { activity: activity({ status: 'confirmed', confirmedAt: NOW }), live },
        {
          activity: activity({
            id: 'p1',
            part: 'processor',
            purposeId: null,
            name: 'Hotline',
            controllerName: 'B AG',
          }),
          live: {},
        },
      ],
    });
    expect(doc.title).toBe('Record of processing activities');
    expect(doc.parts.map((p) => [p.heading, p.activities.map((a) => a.title)])).toEqual([
      ['Record of the controller (Art. 30(1) GDPR)', ['Sales']],
      ['Record of the processor (Art. 30(2) GDPR)', ['Hotline']],
    ]);
    expect(doc.parts[0]?.header[0]).toEqual({
      label: 'Name and contact details of the controller (Art. 30(1)(a) GDPR)',
      value: 'Muster GmbH\nHauptstraße 1\ninfo@muster.example',
    });
    expect(doc.parts[1]?.header.map((h) => h.label)).not.toContain('Joint controllers (Art. 26 GDPR)');
    expect(doc.parts[0]?.activities[0]?.statusText).toBe('Confirmed (confirmed on 2 Mar 2026)');
    const only = buildRopaDocument({
      language: 'de',
      now: NOW,
      settings: SETTINGS,
      parts: ['processor'],
      activities: [],
    });
    expect(only.parts.map((p) => p.heading)).toEqual([
      'Verzeichnis des Auftragsverarbeiters (Art. 30 Abs. 2 DSGVO)',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertLetterApplicable,
  DEFAULT_LETTER_TEMPLATES,
  formatLetterDate,
  LETTER_KINDS,
  LETTER_LOCALES,
  type LetterArt15Facts,
  letterValues,
  renderDataSummary,
  renderLetter,
  renderTemplate,
  validateTemplate,
} from './letter-templates.ts';

const NOW = new Date('2026-11-02T09:30:00Z');

const invalidPlaceholder = (text: string) => {
  try {
    validateTemplate(text);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_template');
    return (error as AppError).params.placeholder;
  }
  return undefined;
};

const FACTS: LetterArt15Facts = {
  purposes: [{ id: 'sales', label: 'Vertrieb', legalBasis: 'Vertrag (Art. 6 Abs. 1 lit. b)' }],
  categories: [
    { id: 'identity', label: 'Identität' },
    { id: 'contact', label: 'Kontaktdaten' },
  ],
  recipients: [
    {
      name: 'Druckerei Müller GmbH',
      kind: 'processor',
      country: 'DE',
      categories: ['Anschrift'],
      lastDisclosedAt: '2026-05-04T10:00:00Z',
    },
  ],
  retention: [{ subject: 'Rechnungen', rule: '8 Jahre (§ 147 AO)' }],
  rights: ['Berichtigung (Art. 16)', 'Beschwerde bei einer Aufsichtsbehörde (Art. 77)'],
  source: {
    kind: 'import',
    detail: 'Messe 2025',
    collectedAt: '2025-03-01T08:00:00Z',
    importBatches: ['B-7'],
  },
  automatedDecisions: 'Es findet keine automatisierte Entscheidungsfindung statt.',
};

describe('validateTemplate', () => {
  it.each([
    ['known placeholders', 'Sehr geehrte/r {{personName}}, Frist {{ dueAt }}.'],
    ['no placeholder', 'Guten Tag.'],
    ['single braces are text', 'Preis {netto} und }'],
    [
      'every placeholder',
      '{{personName}}{{requestNumber}}{{requestType}}{{receivedAt}}{{dueAt}}{{extendedDueAt}}{{extensionReason}}{{refusalReason}}{{refusalDetails}}{{companyName}}{{today}}{{art15Facts}}{{dataSummary}}',
    ],
  ])('accepts %s', (_, text) => {
    expect(() => validateTemplate(text)).not.toThrow();
  });

  it.each([
    ['an unknown name', 'Hallo {{vorname}}', '{{vorname}}'],
    ['a misspelt name (case)', 'Hallo {{PersonName}}', '{{PersonName}}'],
    ['an empty placeholder', 'Hallo {{}}', '{{}}'],
    ['a name with a dot', '{{person.name}}', '{{person.name}}'],
  ])('refuses %s', (_, text, placeholder) => {
    expect(invalidPlaceholder(text)).toBe(placeholder);
  });

  it.each([
    ['an unclosed placeholder', 'Hallo {{personName} und'],
    ['a stray closing', 'Hallo personName}} und'],
  ])('refuses %s', (_, text) => {
    expect(invalidPlaceholder(text)).toBeTruthy();
  });
});

describe('renderTemplate', () => {
  it('fills placeholders, tolerates spaces inside the braces and renders absent values empty', () => {
    expect(
      renderTemplate({
        template: '{{personName}} / {{ requestNumber }} / [{{extendedDueAt}}]',
        values: { personName: 'Jörg Weiß', requestNumber: 'DSR-2026-0001', extendedDueAt: null },
      }),
    ).toBe('Jörg Weiß / DSR-2026-0001 / []');
  });

  it('does not re-expand placeholders inside values (a name cannot inject text)', () => {
    expect(
      renderTemplate({
        template: '{{personName}}',
        values: { personName: '{{companyName}}', companyName: 'X' },
      }),
    ).toBe('{{companyName}}');
  });

  it('refuses an invalid template', () => {
    expect(() => renderTemplate({ template: '{{nope}}', values: {} })).toThrow(AppError);
  });
});

describe('formatLetterDate', () => {
  it.each([
    ['2026-12-02', 'de', '02.12.2026'],
    ['2026-12-02', 'en', '2 December 2026'],
    ['2026-01-31', 'de', '31.01.2026'],
    // an instant is read on the Berlin calendar: 23:30 UTC on 31 Dec is already 1 Jan in Berlin
    ['2026-12-31T23:30:00Z', 'de', '01.01.2027'],
    ['2026-06-30T21:59:00Z', 'en', '30 June 2026'],
    ['2026-06-30T22:00:00Z', 'en', '1 July 2026'],
  ] as const)('%s in %s is %s', (value, locale, expected) => {
    expect(formatLetterDate(value, locale)).toBe(expected);
  });

  it('formats a Date and passes null through', () => {
    expect(formatLetterDate(NOW, 'de')).toBe('02.11.2026');
    expect(formatLetterDate(null, 'de')).toBeNull();
  });
});

describe('the built-in templates', () => {
  const cases = LETTER_KINDS.flatMap((kind) => LETTER_LOCALES.map((locale) => [kind, locale] as const));

  it.each(cases)('%s (%s) is valid, greets the person and names the request', (kind, locale) => {
    const t = DEFAULT_LETTER_TEMPLATES[kind][locale];
    validateTemplate(t.subject);
    validateTemplate(t.body);
    expect(
      t.body.startsWith(locale === 'de' ? 'Sehr geehrte/r {{personName}},' : 'Dear {{personName}},'),
    ).toBe(true);
    expect(`${t.subject} ${t.body}`).toContain('{{requestNumber}}');
    expect(t.body).toContain('{{companyName}}');
  });

  it.each([
    ['acknowledgement', 'Art. 12 Abs. 3', 'Art. 12(3)'],
    ['identity_request', 'Art. 12 Abs. 6', 'Art. 12(6)'],
    ['extension_notice', 'Art. 12 Abs. 3', 'Art. 12(3)'],
    ['access_answer', 'Art. 15', 'Art. 15'],
    ['rectification_confirmation', 'Art. 16', 'Art. 16'],
    ['erasure_confirmation', 'Art. 17', 'Art. 17'],
    ['restriction_confirmation', 'Art. 18', 'Art. 18'],
    ['objection_confirmation', 'Art. 21', 'Art. 21'],
    ['refusal', 'Art. 12 Abs. 4', 'Art. 12(4)'],
  ] as const)('%s cites %s / %s', (kind, deArticle, enArticle) => {
    expect(DEFAULT_LETTER_TEMPLATES[kind].de.body).toContain(deArticle);
    expect(DEFAULT_LETTER_TEMPLATES[kind].en.body).toContain(enArticle);
  });

  it('the refusal names the complaint to a supervisory authority and the court', () => {
    expect(DEFAULT_LETTER_TEMPLATES.refusal.de.body).toMatch(
      /Aufsichtsbehörde.*Art\. 77.*gerichtlichen Rechtsbehelf/s,
    );
    expect(DEFAULT_LETTER_TEMPLATES.refusal.en.body).toMatch(
      /supervisory authority.*Art\. 77.*judicial remedy/s,
    );
  });

  it('the extension notice states the new date and the reasons', () => {
    for (const locale of LETTER_LOCALES) {
      expect(DEFAULT_LETTER_TEMPLATES.extension_notice[locale].body).toContain('{{extendedDueAt}}');
      expect(DEFAULT_LETTER_TEMPLATES.extension_notice[locale].body).toContain('{{extensionReason}}');
    }
  });

  it('the access answer holds the Art. 15 facts and the data summary', () => {
    for (const locale of LETTER_LOCALES) {
      expect(DEFAULT_LETTER_TEMPLATES.access_answer[locale].body).toContain('{{art15Facts}}');
      expect(DEFAULT_LETTER_TEMPLATES.access_answer[locale].body).toContain('{{dataSummary}}');
    }
  });
});

describe('letterValues and renderLetter', () => {
  const request = {
    number: 'DSR-2026-0007',
    type: 'access',
    receivedAt: new Date('2026-11-01T12:00:00Z'),
    dueAt: '2026-12-01',
    extendedDueAt: null,
    extensionReason: null,
    refusalReason: null,
    refusalDetails: null,
  };

  it('renders a German acknowledgement', () => {
    const values = letterValues({
      locale: 'de',
      request,
      personName: 'Jürgen Größe',
      companyName: 'Muster GmbH',
      now: NOW,
    });
    const letter = renderLetter(DEFAULT_LETTER_TEMPLATES.acknowledgement.de, values);
    expect(letter.subject).toBe('Eingangsbestätigung zu Ihrem Antrag DSR-2026-0007');
    expect(letter.body).toContain('Sehr geehrte/r Jürgen Größe,');
    expect(letter.body).toContain('Antrags auf Auskunft (Art. 15 DSGVO) vom 01.11.2026');
    expect(letter.body).toContain('spätestens bis zum 01.12.2026');
    expect(letter.body).toMatch(/Muster GmbH\nDatenschutz$/);
  });

  it('renders an English acknowledgement', () => {
    const values = letterValues({
      locale: 'en',
      request,
      personName: 'Ann Lee',
      companyName: 'Muster GmbH',
      now: NOW,
    });
    const letter = renderLetter(DEFAULT_LETTER_TEMPLATES.acknowledgement.en, values);
    expect(letter.body).toContain('request for access (Art. 15 GDPR) of 1 November 2026');
    expect(letter.body).toContain('by 1 December 2026 at the latest');
  });

  it('renders a refusal with its reason in words and no blank run where the details are absent', () => {
    const values = letterValues({
      locale: 'de',
      request: { ...request, refusalReason: 'excessive' },
      personName: 'A B',
      companyName: 'C',
      now: NOW,
    });
    const letter = renderLetter(DEFAULT_LETTER_TEMPLATES.refusal.de, values);
    expect(letter.body).toContain(
      'Gründe: Der Antrag ist – insbesondere wegen seiner häufigen Wiederholung – exzessiv',
    );
    expect(letter.body).not.toMatch(/\n{3}/);
  });

  it('renders the Art. 15 facts (a)–(h) and the counts per table', () => {
    const values = letterValues({
      locale: 'de',
      request,
      personName: 'A B',
      companyName: 'C',
      now: NOW,
      facts: FACTS,
      tables: { persons: [{}], interactions: [{}, {}, {}], invoices: [], custom_table: [{}] },
    });
    const body = renderLetter(DEFAULT_LETTER_TEMPLATES.access_answer.de, values).body;
    expect(body).toContain('1. Zwecke der Verarbeitung und Rechtsgrundlagen (Art. 15 Abs. 1 lit. a DSGVO):');
    expect(body).toContain('– Vertrieb (Rechtsgrundlage: Vertrag (Art. 6 Abs. 1 lit. b))');
    expect(body).toContain('– Druckerei Müller GmbH (processor, DE): Anschrift; zuletzt am 04.05.2026');
    expect(body).toContain('– Rechnungen: 8 Jahre (§ 147 AO)');
    expect(body).toContain('import – Messe 2025, erhoben am 01.03.2025; Import: B-7');
    expect(body).toContain('7. Automatisierte Entscheidungsfindung');
    expect(body).toContain('– Stammdaten: 1');
    expect(body).toContain('– Kontakte und Notizen: 3');
    expect(body).toContain('– custom_table: 1');
    expect(body).not.toContain('Rechnungen: 0');
  });

  it('says so when nothing was disclosed and no records exist', () => {
    const values = letterValues({
      locale: 'en',
      request,
      personName: 'A',
      companyName: 'C',
      now: NOW,
      facts: { ...FACTS, recipients: [] },
      tables: {},
    });
    expect(values.art15Facts).toContain('We have not disclosed your data to anyone.');
    expect(values.dataSummary).toBe(renderDataSummary({}, 'en'));
    expect(values.dataSummary).toContain('no records');
  });
});

describe('assertLetterApplicable', () => {
  const open = { type: 'access', status: 'open', extendedDueAt: null };
  it.each([
    ['acknowledgement', open, true],
    ['identity_request', { ...open, type: 'erasure' }, true],
    ['extension_notice', open, false],
    ['extension_notice', { ...open, extendedDueAt: '2027-02-01' }, true],
    ['access_answer', open, true],
    ['access_answer', { ...open, type: 'portability' }, true],
    ['access_answer', { ...open, type: 'erasure' }, false],
    ['erasure_confirmation', { ...open, type: 'erasure' }, true],
    ['erasure_confirmation', open, false],
    ['rectification_confirmation', { ...open, type: 'rectification', status: 'completed' }, true],
    ['restriction_confirmation', { ...open, type: 'objection' }, false],
    ['objection_confirmation', { ...open, type: 'objection' }, true],
    ['refusal', open, false],
    ['refusal', { ...open, status: 'refused' }, true],
  ] as const)('%s for %o: %s', (kind, request, fits) => {
    if (fits) expect(() => assertLetterApplicable(kind, request)).not.toThrow();
    else
      expect(() => assertLetterApplicable(kind, request)).toThrow(
        expect.objectContaining({ code: 'letter_not_applicable' }),
      );
  });
});

import { describe, expect, it } from 'vitest';
import { detectSensitive, redact } from './detect.ts';
import { SENSITIVE_KINDS } from './types.ts';

describe('detectSensitive', () => {
  const text =
    'Kunde hat Diabetes, IBAN DE44 5001 0517 5407 3249 31, ist Gewerkschaftsmitglied und schwanger.';

  it('returns hits sorted by offset with kind, category, span, confidence and rule', () => {
    const hits = detectSensitive({ text });
    expect(hits.map((h) => [h.kind, h.category, text.slice(h.start, h.end), h.ruleId])).toEqual([
      ['health', 'special_health', 'Diabetes', 'lexicon.health.de'],
      ['iban', 'billing', 'DE44 5001 0517 5407 3249 31', 'identifier.iban.ibantools'],
      ['trade_union', 'special_trade_union', 'Gewerkschaftsmitglied', 'lexicon.trade_union.de'],
      ['health', 'special_health', 'schwanger', 'lexicon.health.de'],
    ]);
    for (const h of hits) expect(h.confidence).toBeGreaterThan(0.5);
  });

  it('never copies the matched text into a hit (a queue may store and log it)', () => {
    const hits = detectSensitive({ text });
    const serialised = JSON.stringify(hits);
    for (const secret of ['Diabetes', 'DE44', '3249', 'Gewerkschaft', 'schwanger'])
      expect(serialised).not.toContain(secret);
    for (const h of hits)
      expect(Object.keys(h).sort()).toEqual(['category', 'confidence', 'end', 'kind', 'ruleId', 'start']);
  });

  it('merges overlapping hits of one kind (German and English lexicons both know "Diabetes")', () => {
    expect(detectSensitive({ text: 'Diabetes' })).toHaveLength(1);
    expect(detectSensitive({ text: 'Erbkrankheit' }).map((h) => h.kind)).toEqual(['genetic', 'health']);
  });

  it('finds nothing in an everyday note', () => {
    expect(
      detectSensitive({ text: 'Kunde möchte Rückruf am Montag, Bestellnummer 4000 0012 3456 7890.' }),
    ).toEqual([]);
    expect(detectSensitive({ text: '' })).toEqual([]);
  });

  it('keeps offsets into the original text with astral characters before the hit', () => {
    const t = '😀 Sie ist schwanger';
    const [hit] = detectSensitive({ text: t });
    expect(t.slice(hit!.start, hit!.end)).toBe('schwanger');
  });

  it('only reports known kinds', () => {
    for (const h of detectSensitive({ text })) expect(SENSITIVE_KINDS).toContain(h.kind);
  });
});

describe('redact', () => {
  it.each([
    [
      'de' as const,
      'Kunde hat Diabetes und IBAN DE44500105175407324931.',
      'Kunde hat [entfernt: Gesundheit] und IBAN [entfernt: IBAN].',
    ],
    [
      'en' as const,
      'She is pregnant, card 4111 1111 1111 1111.',
      'She is [removed: health], card [removed: card number].',
    ],
    ['de' as const, 'Keine Treffer hier.', 'Keine Treffer hier.'],
  ])('%s: %s', (locale, text, expected) => {
    expect(redact({ text, hits: detectSensitive({ text }), locale })).toBe(expected);
  });

  it('joins overlapping spans into one placeholder naming every kind', () => {
    const text = 'In der Familie gibt es eine Erbkrankheit.';
    expect(redact({ text, hits: detectSensitive({ text }) })).toBe(
      'In der Familie gibt es eine [entfernt: Genetik, Gesundheit].',
    );
  });

  it('ignores spans outside the text', () => {
    const hit = {
      kind: 'health',
      category: 'special_health',
      start: 5,
      end: 50,
      confidence: 1,
      ruleId: 'x',
    } as const;
    expect(redact({ text: 'kurz', hits: [hit] })).toBe('kurz');
  });
});

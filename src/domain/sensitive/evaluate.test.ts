import { describe, expect, it } from 'vitest';
import { detectSensitive } from './detect.ts';
import { evaluate } from './evaluate.ts';
import { LABELLED_SENTENCES } from './labelled-sentences.ts';
import { sentence } from './labelling.ts';
import { SENSITIVE_KINDS } from './types.ts';

describe('evaluate', () => {
  it('counts found labels, correct hits, misses and false hits per kind', () => {
    const s = sentence('de');
    const result = evaluate({
      sentences: [
        s('Sie ist schwanger.', ['health', 'schwanger']),
        s('Er ist Katholik.', ['religion', 'Katholik']),
        s('Herr X.'),
      ],
      detect: ({ text }) =>
        text.startsWith('Sie')
          ? [{ kind: 'health', category: 'special_health', start: 8, end: 17, confidence: 1, ruleId: 't' }]
          : text.startsWith('Herr')
            ? [{ kind: 'iban', category: 'billing', start: 0, end: 4, confidence: 1, ruleId: 't' }]
            : [],
    });
    expect(result.perKind.health).toMatchObject({ expected: 1, found: 1, hits: 1, precision: 1, recall: 1 });
    expect(result.perKind.religion).toMatchObject({ expected: 1, found: 0, recall: 0, precision: 1 });
    expect(result.perKind.iban).toMatchObject({ hits: 1, correctHits: 0, precision: 0 });
    expect(result.overall).toMatchObject({
      expected: 2,
      found: 1,
      hits: 2,
      correctHits: 1,
      precision: 0.5,
      recall: 0.5,
    });
    expect(result.misses).toEqual([{ sentence: 1, kind: 'religion', span: 'Katholik' }]);
  });
});

describe('the labelled set', () => {
  it('has at least 200 sentences, roughly half German and half English, with positives for every kind', () => {
    expect(LABELLED_SENTENCES.length).toBeGreaterThanOrEqual(200);
    const de = LABELLED_SENTENCES.filter((s) => s.locale === 'de').length;
    expect(de / LABELLED_SENTENCES.length).toBeGreaterThan(0.4);
    expect(de / LABELLED_SENTENCES.length).toBeLessThan(0.6);
    for (const locale of ['de', 'en'] as const)
      for (const kind of SENSITIVE_KINDS)
        expect(
          LABELLED_SENTENCES.some((s) => s.locale === locale && s.expect.some(([k]) => k === kind)),
          `${locale} ${kind}`,
        ).toBe(true);
    expect(LABELLED_SENTENCES.filter((s) => s.expect.length === 0).length).toBeGreaterThanOrEqual(80);
  });

  it('reaches precision and recall of at least 0.95 overall', () => {
    const result = evaluate({ sentences: LABELLED_SENTENCES, detect: detectSensitive });
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    console.log(
      [
        `sensitive-data detector, ${result.sentences} sentences: precision ${pct(result.overall.precision)}, recall ${pct(result.overall.recall)}`,
        ...SENSITIVE_KINDS.map(
          (k) =>
            `  ${k}: precision ${pct(result.perKind[k].precision)}, recall ${pct(result.perKind[k].recall)}`,
        ),
      ].join('\n'),
    );
    expect(result.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.overall.recall).toBeGreaterThanOrEqual(0.95);
  });
});

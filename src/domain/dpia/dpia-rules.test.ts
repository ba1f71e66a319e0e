import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertSignOff,
  assessRisk,
  type DpiaRisk,
  defaultReviewDate,
  isDpiaMissing,
  missingContent,
  overallResidual,
  type PurposeDpiaState,
  purposeDpiaState,
  QUESTIONS,
  type SignOffInput,
} from './dpia-rules.ts';

const TODAY = '2026-03-02';
const answers = Object.fromEntries(QUESTIONS.map((q) => [q.key, `Antwort zu ${q.key}`]));
const risk = (overrides: Partial<DpiaRisk> = {}): DpiaRisk => ({
  id: 'r1',
  title: 'Unbefugter Zugriff auf Gesundheitsdaten',
  likelihood: 3,
  severity: 4,
  measures: [{ text: 'Verschlüsselung je Person' }],
  residualLikelihood: 1,
  residualSeverity: 2,
  ...overrides,
});
const complete: SignOffInput = {
  answers,
  risks: [risk()],
  dpoOpinion: 'Vertretbar mit den Maßnahmen.',
  consultationAt: null,
  reviewAt: '2027-03-02',
  today: TODAY,
};

const codeOf = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, params: e.params, details: e.details };
    throw e;
  }
  return null;
};

describe('assertSignOff', () => {
  it.each([
    { label: 'complete', input: {}, expected: null },
    {
      label: 'no answers at all',
      input: { answers: {} },
      expected: {
        code: 'dpia_incomplete',
        fields: [
          'answers.processing',
          'answers.data_subjects',
          'answers.systems_recipients',
          'answers.necessity',
          'answers.minimisation',
          'answers.subject_rights',
        ],
      },
    },
    {
      label: 'the optional legitimate interest left empty',
      input: { answers: { ...answers, legitimate_interest: '' } },
      expected: null,
    },
    {
      label: 'a blank answer',
      input: { answers: { ...answers, necessity: '   ' } },
      expected: { code: 'dpia_incomplete', fields: ['answers.necessity'] },
    },
    { label: 'no risk', input: { risks: [] }, expected: { code: 'dpia_incomplete', fields: ['risks'] } },
    {
      label: 'no DPO opinion',
      input: { dpoOpinion: ' ', risks: [] },
      expected: { code: 'dpia_incomplete', fields: ['risks', 'dpoOpinion'] },
    },
    {
      label: 'a risk without measures',
      input: { risks: [risk(), risk({ id: 'r2', measures: [] })] },
      expected: { code: 'dpia_measures_missing', riskIds: ['r2'] },
    },
    {
      label: 'measures missing wins over a missing residual risk',
      input: { risks: [risk({ measures: [], residualLikelihood: null })] },
      expected: { code: 'dpia_measures_missing', riskIds: ['r1'] },
    },
    {
      label: 'a residual risk not assessed',
      input: { risks: [risk({ residualSeverity: null })] },
      expected: { code: 'dpia_incomplete', fields: ['residualRisk'], riskIds: ['r1'] },
    },
    {
      label: 'a high residual risk without consultation',
      input: { risks: [risk(), risk({ id: 'r2', residualLikelihood: 2, residualSeverity: 3 })] },
      expected: { code: 'dpia_high_residual_risk' },
    },
    {
      label: 'a very high residual risk without consultation',
      input: { risks: [risk({ residualLikelihood: 4, residualSeverity: 4 })] },
      expected: { code: 'dpia_high_residual_risk' },
    },
    {
      label: 'a high residual risk with the Art. 36 consultation documented',
      input: { risks: [risk({ residualLikelihood: 4, residualSeverity: 4 })], consultationAt: '2026-02-20' },
      expected: null,
    },
    {
      label: 'a medium residual risk (the highest that needs no consultation)',
      input: { risks: [risk({ residualLikelihood: 2, residualSeverity: 2 })] },
      expected: null,
    },
    { label: 'review date today', input: { reviewAt: TODAY }, expected: { code: 'invalid_date_range' } },
    {
      label: 'review date in the past',
      input: { reviewAt: '2025-12-31' },
      expected: { code: 'invalid_date_range' },
    },
    { label: 'review date tomorrow', input: { reviewAt: '2026-03-03' }, expected: null },
  ] as unknown as {
    label: string;
    input: Partial<SignOffInput>;
    expected: null | { code: string; fields?: string[]; riskIds?: string[] };
  }[])('$label', ({ input, expected }) => {
    const result = codeOf(() => assertSignOff({ ...complete, ...input }));
    if (expected === null) {
      expect(result).toBeNull();
      return;
    }
    expect(result?.code).toBe(expected.code);
    const details = (result?.details ?? {}) as { fields?: string[]; riskIds?: string[] };
    if (expected.fields) {
      expect(details.fields).toEqual(expected.fields);
      expect(result?.params.fields).toBe(expected.fields.join(', '));
    }
    if (expected.riskIds) expect(details.riskIds).toEqual(expected.riskIds);
  });

  it('names missing content before anything else', () => {
    expect(missingContent({ answers: {}, risks: [], dpoOpinion: null })).toContain('risks');
    expect(codeOf(() => assertSignOff({ ...complete, risks: [], reviewAt: TODAY }))?.code).toBe(
      'dpia_incomplete',
    );
  });
});

describe('assessRisk and overallResidual', () => {
  it.each([
    { r: risk(), level: 'very_high', residual: 'low' },
    { r: risk({ likelihood: 1, severity: 1, residualLikelihood: null }), level: 'low', residual: null },
    {
      r: risk({ likelihood: 2, severity: 3, residualLikelihood: 2, residualSeverity: 3 }),
      level: 'high',
      residual: 'high',
    },
  ])('$r.likelihood × $r.severity → $level, residual $residual', ({ r, level, residual }) => {
    expect(assessRisk(r)).toEqual({ level, residualLevel: residual });
  });
  it('takes the highest residual risk and ignores unassessed ones', () => {
    expect(overallResidual([])).toBeNull();
    expect(overallResidual([risk({ residualLikelihood: null })])).toBeNull();
    expect(
      overallResidual([
        risk(),
        risk({ residualLikelihood: 3, residualSeverity: 1 }),
        risk({ residualSeverity: null }),
      ]),
    ).toBe('medium');
  });
});

describe('defaultReviewDate', () => {
  it.each([
    ['2026-03-02', '2027-03-02'],
    ['2026-12-31', '2027-12-31'],
    ['2028-02-29', '2029-02-28'],
    ['2027-02-28', '2028-02-28'],
    ['2026-01-01', '2027-01-01'],
  ])('%s → %s', (today, review) => {
    expect(defaultReviewDate(today)).toBe(review);
  });
});

describe('purposeDpiaState and isDpiaMissing', () => {
  it.each([
    { signed: null, draft: false, state: 'none' },
    { signed: null, draft: true, state: 'draft' },
    { signed: '2027-03-02', draft: false, state: 'signed_off' },
    { signed: TODAY, draft: false, state: 'signed_off' },
    { signed: '2026-03-01', draft: false, state: 'review_due' },
    { signed: '2026-03-01', draft: true, state: 'review_due' },
    { signed: '2027-03-02', draft: true, state: 'signed_off' },
  ] as { signed: string | null; draft: boolean; state: PurposeDpiaState }[])(
    'signed-off review $signed, draft $draft → $state',
    ({ signed, draft, state }) => {
      expect(purposeDpiaState({ signedOffReviewAt: signed, hasDraft: draft, today: TODAY })).toBe(state);
    },
  );
  it.each([
    { required: false, state: 'none', missing: false },
    { required: false, state: 'review_due', missing: false },
    { required: true, state: 'none', missing: true },
    { required: true, state: 'draft', missing: true },
    { required: true, state: 'review_due', missing: true },
    { required: true, state: 'signed_off', missing: false },
  ] as { required: boolean; state: PurposeDpiaState; missing: boolean }[])(
    'required $required, $state → missing $missing',
    (input) => {
      expect(isDpiaMissing(input)).toBe(input.missing);
    },
  );
});

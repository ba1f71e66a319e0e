import { AppError } from '../errors.ts';
import { highestLevel, isHighLevel, type RiskLevel, riskLevel } from './risk-matrix.ts';

/**
 * The rules of a DPIA (Art. 35(7) GDPR): the guided questionnaire of (a) the systematic description and
 * (b) necessity and proportionality, the risks (c) with their measures (d) and residual risk, what a
 * sign-off needs, the review date and the status of a purpose.
 */

export const QUESTION_STEPS = ['description', 'necessity'] as const;
export type QuestionStep = (typeof QUESTION_STEPS)[number];

export const QUESTIONS = [
  /** Art. 35(7)(a): the processing operations and the purposes */
  { key: 'processing', step: 'description', required: true },
  /** categories of personal data and of data subjects */
  { key: 'data_subjects', step: 'description', required: true },
  /** systems, processors and recipients involved, storage locations */
  { key: 'systems_recipients', step: 'description', required: true },
  /** the legitimate interest pursued, where applicable (Art. 35(7)(a) last part) */
  { key: 'legitimate_interest', step: 'description', required: false },
  /** Art. 35(7)(b): why the processing is necessary for the purpose */
  { key: 'necessity', step: 'necessity', required: true },
  /** data minimisation and storage limitation (Art. 5(1)(c), (e)) */
  { key: 'minimisation', step: 'necessity', required: true },
  /** how data subjects are informed and can exercise their rights (Art. 12-22) */
  { key: 'subject_rights', step: 'necessity', required: true },
] as const satisfies readonly { key: string; step: QuestionStep; required: boolean }[];

export const QUESTION_KEYS = QUESTIONS.map((q) => q.key);
export type QuestionKey = (typeof QUESTIONS)[number]['key'];

export const MEASURE_KINDS = ['technical', 'organisational'] as const;

export type DpiaRisk = {
  id: string;
  title: string;
  likelihood: number;
  severity: number;
  measures: readonly { text: string }[];
  residualLikelihood: number | null;
  residualSeverity: number | null;
};

/** The level before and after the measures (residual null until both steps are set). */
export const assessRisk = (risk: DpiaRisk): { level: RiskLevel; residualLevel: RiskLevel | null } => ({
  level: riskLevel(risk),
  residualLevel:
    risk.residualLikelihood !== null && risk.residualSeverity !== null
      ? riskLevel({ likelihood: risk.residualLikelihood, severity: risk.residualSeverity })
      : null,
});

/** The highest residual risk over all risks (null when none is assessed). */
export const overallResidual = (risks: readonly DpiaRisk[]): RiskLevel | null =>
  highestLevel(risks.flatMap((r) => assessRisk(r).residualLevel ?? []));

export type SignOffInput = {
  answers: Readonly<Record<string, string | undefined>>;
  risks: readonly DpiaRisk[];
  /** the DPO's advice (Art. 35(2)) */
  dpoOpinion: string | null;
  consultationAt: string | null;
  /** the review date asked for (YYYY-MM-DD) */
  reviewAt: string;
  /** today in Berlin (YYYY-MM-DD) */
  today: string;
};

/** What a sign-off still lacks in the content: unanswered questions, no risk at all, no DPO opinion. */
export const missingContent = (input: Pick<SignOffInput, 'answers' | 'risks' | 'dpoOpinion'>): string[] => {
  const missing: string[] = QUESTIONS.filter((q) => q.required && !input.answers[q.key]?.trim()).map(
    (q) => `answers.${q.key}`,
  );
  if (input.risks.length === 0) missing.push('risks');
  if (!input.dpoOpinion?.trim()) missing.push('dpoOpinion');
  return missing;
};

/**
 * Refuses a sign-off, in this order: content missing (422 dpia_incomplete), a risk without measures
 * (422 dpia_measures_missing), a risk without its residual assessment (422 dpia_incomplete), a high
 * residual risk without a documented Art. 36 consultation (409 dpia_high_residual_risk), a review date
 * not after today (422 invalid_date_range).
 */
export const assertSignOff = (input: SignOffInput): void => {
  const missing = missingContent(input);
  if (missing.length > 0)
    throw new AppError('dpia_incomplete', {
      params: { fields: missing.join(', ') },
      details: { fields: missing },
    });
  const withoutMeasures = input.risks.filter((r) => r.measures.length === 0).map((r) => r.id);
  if (withoutMeasures.length > 0)
    throw new AppError('dpia_measures_missing', { details: { riskIds: withoutMeasures } });
  const withoutResidual = input.risks.filter((r) => assessRisk(r).residualLevel === null).map((r) => r.id);
  if (withoutResidual.length > 0)
    throw new AppError('dpia_incomplete', {
      params: { fields: 'residualRisk' },
      details: { fields: ['residualRisk'], riskIds: withoutResidual },
    });
  if (isHighLevel(overallResidual(input.risks)) && !input.consultationAt)
    throw new AppError('dpia_high_residual_risk');
  if (input.reviewAt <= input.today)
    throw new AppError('invalid_date_range', { params: { detail: 'reviewAt must lie after today' } });
};

/** The default review date: one year after today (29 February becomes 28 February). */
export const defaultReviewDate = (today: string): string => {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const year = y + 1;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

export const PURPOSE_DPIA_STATES = ['none', 'draft', 'signed_off', 'review_due'] as const;
export type PurposeDpiaState = (typeof PURPOSE_DPIA_STATES)[number];

/**
 * Where a purpose stands: signed_off while the latest signed-off DPIA's review date has not passed,
 * review_due once it has (a review draft does not change that), draft while only a draft exists.
 */
export const purposeDpiaState = (input: {
  signedOffReviewAt: string | null;
  hasDraft: boolean;
  today: string;
}): PurposeDpiaState => {
  if (input.signedOffReviewAt !== null)
    return input.signedOffReviewAt < input.today ? 'review_due' : 'signed_off';
  return input.hasDraft ? 'draft' : 'none';
};

/** A required purpose without a valid signed-off DPIA is a finding of the self-check (dpia_missing). */
export const isDpiaMissing = (input: { required: boolean; state: PurposeDpiaState }) =>
  input.required && input.state !== 'signed_off';

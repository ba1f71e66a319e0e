/**
 * The risk matrix of a DPIA: likelihood × severity, each on four steps (after the DSK Kurzpapier
 * Nr. 18 and the CNIL method: 1 negligible/geringfügig, 2 limited/überschaubar, 3 significant/
 * substanziell, 4 maximum/groß), giving one of four levels.
 *
 *                severity 1   2          3          4
 *   likelihood 1    low       low        medium     medium
 *              2    low       medium     high       high
 *              3    medium    high       very_high  very_high
 *              4    medium    high       very_high  very_high
 */

export const SCALE = [1, 2, 3, 4] as const;
export type Step = (typeof SCALE)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

const MATRIX: Record<Step, Record<Step, RiskLevel>> = {
  1: { 1: 'low', 2: 'low', 3: 'medium', 4: 'medium' },
  2: { 1: 'low', 2: 'medium', 3: 'high', 4: 'high' },
  3: { 1: 'medium', 2: 'high', 3: 'very_high', 4: 'very_high' },
  4: { 1: 'medium', 2: 'high', 3: 'very_high', 4: 'very_high' },
};

export const isStep = (n: number): n is Step => n === 1 || n === 2 || n === 3 || n === 4;

/** The level of one cell of the matrix. */
export const riskLevel = (input: { likelihood: number; severity: number }): RiskLevel => {
  const { likelihood, severity } = input;
  if (!isStep(likelihood) || !isStep(severity))
    throw new RangeError(`likelihood and severity must be 1 to 4, got ${likelihood} × ${severity}`);
  return MATRIX[likelihood][severity];
};

/** The higher of levels (null when there are none). */
export const highestLevel = (levels: readonly RiskLevel[]): RiskLevel | null =>
  levels.reduce<RiskLevel | null>(
    (max, level) => (max === null || RISK_LEVELS.indexOf(level) > RISK_LEVELS.indexOf(max) ? level : max),
    null,
  );

/** A high or very high risk: with it left after the measures, Art. 36 requires prior consultation. */
export const isHighLevel = (level: RiskLevel | null) => level === 'high' || level === 'very_high';

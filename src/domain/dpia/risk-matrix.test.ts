import { describe, expect, it } from 'vitest';
import { highestLevel, isHighLevel, RISK_LEVELS, type RiskLevel, riskLevel } from './risk-matrix.ts';

describe('riskLevel (4 × 4 matrix, likelihood × severity)', () => {
  // every cell, row by row (likelihood 1..4), column by column (severity 1..4)
  const rows: [number, RiskLevel[]][] = [
    [1, ['low', 'low', 'medium', 'medium']],
    [2, ['low', 'medium', 'high', 'high']],
    [3, ['medium', 'high', 'very_high', 'very_high']],
    [4, ['medium', 'high', 'very_high', 'very_high']],
  ];
  const cells = rows.flatMap(([likelihood, levels]) =>
    levels.map((level, i) => ({ likelihood, severity: i + 1, level })),
  );
  it.each(cells)(
    'likelihood $likelihood × severity $severity is $level',
    ({ likelihood, severity, level }) => {
      expect(riskLevel({ likelihood, severity })).toBe(level);
    },
  );

  it('is symmetric and never falls when a step rises', () => {
    for (const { likelihood, severity } of cells) {
      const level = RISK_LEVELS.indexOf(riskLevel({ likelihood, severity }));
      expect(riskLevel({ likelihood: severity, severity: likelihood })).toBe(
        riskLevel({ likelihood, severity }),
      );
      if (likelihood < 4)
        expect(
          RISK_LEVELS.indexOf(riskLevel({ likelihood: likelihood + 1, severity })),
        ).toBeGreaterThanOrEqual(level);
      if (severity < 4)
        expect(RISK_LEVELS.indexOf(riskLevel({ likelihood, severity: severity + 1 }))).toBeGreaterThanOrEqual(
          level,
        );
    }
  });

  it.each([
    { likelihood: 0, severity: 1 },
    { likelihood: 1, severity: 5 },
    { likelihood: 2.5, severity: 2 },
    { likelihood: Number.NaN, severity: 2 },
  ])('refuses steps outside 1..4: $likelihood × $severity', (input) => {
    expect(() => riskLevel(input)).toThrow(RangeError);
  });
});

describe('highestLevel and isHighLevel', () => {
  it.each([
    { levels: [], highest: null, high: false },
    { levels: ['low'], highest: 'low', high: false },
    { levels: ['low', 'medium'], highest: 'medium', high: false },
    { levels: ['medium', 'high', 'low'], highest: 'high', high: true },
    { levels: ['very_high', 'high'], highest: 'very_high', high: true },
  ] as { levels: RiskLevel[]; highest: RiskLevel | null; high: boolean }[])(
    '$levels → $highest',
    ({ levels, highest, high }) => {
      expect(highestLevel(levels)).toBe(highest);
      expect(isHighLevel(highestLevel(levels))).toBe(high);
    },
  );
});

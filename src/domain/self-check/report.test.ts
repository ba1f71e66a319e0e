import { describe, expect, it } from 'vitest';
import { CHECK_IDS, type CheckId, type Finding, MAX_REFS } from './checks.ts';
import {
  buildReport,
  CHECK_INFO,
  exitCodeOf,
  isOk,
  mergeFindings,
  orderFindings,
  type ReportFinding,
  SEVERITIES,
  severityOf,
  summaryLine,
} from './report.ts';

const AT = new Date('2026-05-04T08:00:00Z');
const f = (check: CheckId, count: number, ids: string[] = []): Finding => ({
  check,
  count,
  refs: ids.map((id) => ({ type: 'person', id })),
});
const rf = (check: CheckId, count: number): ReportFinding => ({
  ...f(check, count),
  severity: severityOf(check),
});

describe('self-check catalogue', () => {
  it('describes every check with a severity, an article and a German and English label', () => {
    expect(Object.keys(CHECK_INFO).sort()).toEqual([...CHECK_IDS].sort());
    for (const id of CHECK_IDS) {
      const info = CHECK_INFO[id];
      expect(SEVERITIES).toContain(info.severity);
      expect(info.article).toMatch(/Art\.|DIN|§/);
      expect(info.de.length).toBeGreaterThan(10);
      expect(info.en.length).toBeGreaterThan(10);
    }
  });

  it.each([
    ['person_without_purpose', 'violation'],
    ['retention_overdue', 'violation'],
    ['deletion_rule_missing', 'warning'],
    ['special_without_art9', 'violation'],
    ['consent_without_proof', 'violation'],
    ['request_overdue', 'violation'],
    ['breach_overdue', 'violation'],
    ['processor_without_avv', 'violation'],
    ['transfer_without_mechanism', 'violation'],
    ['dpia_missing', 'violation'],
  ] as const)('%s is a %s', (check, severity) => {
    expect(severityOf(check)).toBe(severity);
  });
});

describe('mergeFindings', () => {
  it('has every check exactly once, in CHECK_IDS order, count 0 where nobody reported', () => {
    const merged = mergeFindings([]);
    expect(merged.map((x) => x.check)).toEqual([...CHECK_IDS]);
    expect(merged.every((x) => x.count === 0 && x.refs.length === 0 && x.detail === undefined)).toBe(true);
  });

  it('adds up two contributions to one check, joins refs without duplicates and sums numeric detail', () => {
    const merged = mergeFindings([
      { ...f('retention_overdue', 2, ['a', 'b']), detail: { invoices: 2, note: 'x' } },
      { ...f('retention_overdue', 3, ['b', 'c']), detail: { invoices: 1, interactions: 2, note: 'y' } },
    ]);
    const r = merged.find((x) => x.check === 'retention_overdue')!;
    expect(r.count).toBe(5);
    expect(r.refs.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(r.detail).toEqual({ invoices: 3, interactions: 2, note: 'y' });
  });

  it(`cuts references to ${MAX_REFS} but keeps the full count`, () => {
    const ids = Array.from({ length: 80 }, (_, i) => `p${i}`);
    const r = mergeFindings([f('person_without_purpose', 80, ids)])[0]!;
    expect(r.count).toBe(80);
    expect(r.refs).toHaveLength(MAX_REFS);
    expect(r.refs[0]!.id).toBe('p0');
  });

  it.each([-1, 1.5, Number.NaN])('refuses a contributor count of %s', (count) => {
    expect(() => mergeFindings([f('dpia_missing', count)])).toThrow(RangeError);
  });
});

describe('orderFindings and isOk', () => {
  it('puts failing violations first, then warnings, then passing checks, each in catalogue order', () => {
    const ordered = orderFindings([
      rf('person_without_purpose', 0),
      rf('retention_overdue', 0),
      rf('deletion_rule_missing', 4),
      rf('special_without_art9', 0),
      rf('consent_without_proof', 0),
      rf('request_overdue', 1),
      rf('breach_overdue', 0),
      rf('processor_without_avv', 0),
      rf('transfer_without_mechanism', 0),
      rf('dpia_missing', 2),
    ]);
    expect(ordered.map((x) => x.check)).toEqual([
      'request_overdue',
      'dpia_missing',
      'deletion_rule_missing',
      'person_without_purpose',
      'retention_overdue',
      'special_without_art9',
      'consent_without_proof',
      'breach_overdue',
      'processor_without_avv',
      'transfer_without_mechanism',
    ]);
  });

  it.each([
    [[], true],
    [[rf('person_without_purpose', 0)], true],
    [[rf('deletion_rule_missing', 3)], true],
    [[rf('deletion_rule_missing', 3), rf('breach_overdue', 1)], false],
    [[rf('request_overdue', 1)], false],
  ] as const)('isOk(%j) is %s', (findings, ok) => {
    expect(isOk(findings)).toBe(ok);
  });
});

describe('buildReport and the exit rule', () => {
  it('a clean report is ok, lists all checks with count 0 and the time of the check', () => {
    const report = buildReport({ findings: [], checkedAt: AT });
    expect(report).toMatchObject({ checkedAt: '2026-05-04T08:00:00.000Z', ok: true });
    expect(report.findings).toHaveLength(CHECK_IDS.length);
    expect(exitCodeOf([report])).toBe(0);
  });

  it('one violation makes the report red and the exit code 1; a warning alone does not', () => {
    const red = buildReport({ findings: [f('special_without_art9', 1, ['x'])], checkedAt: AT });
    expect(red.ok).toBe(false);
    expect(red.findings[0]).toMatchObject({ check: 'special_without_art9', severity: 'violation', count: 1 });
    const amber = buildReport({ findings: [f('deletion_rule_missing', 2)], checkedAt: AT });
    expect(amber.ok).toBe(true);
    expect(exitCodeOf([amber])).toBe(0);
    expect(exitCodeOf([amber, red])).toBe(1);
    expect(exitCodeOf([])).toBe(0);
  });

  it.each([
    [
      rf('request_overdue', 3),
      'en',
      /^FAIL request_overdue\s+3 {2}Data subject requests past their deadline \(Art\. 12\(3\) GDPR\)$/,
    ],
    [rf('deletion_rule_missing', 1), 'en', /^WARN deletion_rule_missing\s+1 /],
    [rf('breach_overdue', 0), 'de', /^ok {3}breach_overdue\s+0 {2}Datenpannen/],
  ] as const)('summary line of %j in %s', (finding, locale, pattern) => {
    expect(summaryLine(finding, locale)).toMatch(pattern);
  });

  it('the summary line names no reference', () => {
    const line = summaryLine({
      ...rf('person_without_purpose', 1),
      refs: [{ type: 'person', id: 'secret-id' }],
    });
    expect(line).not.toContain('secret-id');
  });
});

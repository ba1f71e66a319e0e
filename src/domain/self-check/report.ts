import { CHECK_IDS, type CheckId, type Finding, type FindingRef, MAX_REFS } from './checks.ts';

/**
 * The self-check report, free of I/O: which checks are violations and which warnings, their labels
 * (de/en, with the article they enforce), how the findings of all contributors become one report with
 * every check in it (count 0 included), the order the dashboard shows them in, and the exit rule of
 * `custos check`.
 */

/**
 * violation: the live data breaks a rule of the GDPR; the report is not ok and `custos check` exits 1.
 * warning: a gap in the documentation that lets violations happen unnoticed; shown, but still ok.
 */
export const SEVERITIES = ['violation', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

type CheckInfo = { severity: Severity; article: string; de: string; en: string };

export const CHECK_INFO: Record<CheckId, CheckInfo> = {
  person_without_purpose: {
    severity: 'violation',
    article: 'Art. 5(1)(b), Art. 6(1) GDPR',
    de: 'Personendaten ohne erklärten Zweck oder mit unzulässiger Rechtsgrundlage',
    en: 'Personal data without a declared purpose or with a legal basis the purpose does not allow',
  },
  retention_overdue: {
    severity: 'violation',
    article: 'Art. 5(1)(e), Art. 17(1)(a) GDPR',
    de: 'Daten über ihre Aufbewahrungsfrist hinaus gespeichert',
    en: 'Data kept past its retention period',
  },
  deletion_rule_missing: {
    severity: 'warning',
    article: 'Art. 5(1)(e) GDPR, DIN 66398',
    de: 'Datenarten ohne Löschregel im Löschkonzept',
    en: 'Kinds of records without a deletion rule in the deletion concept',
  },
  special_without_art9: {
    severity: 'violation',
    article: 'Art. 9(1), 9(2) GDPR',
    de: 'Besondere Kategorien (Art. 9) ohne Ausnahme nach Art. 9 Abs. 2',
    en: 'Special-category data (Art. 9) without an Art. 9(2) condition',
  },
  consent_without_proof: {
    severity: 'violation',
    article: 'Art. 7(1) GDPR, § 7a UWG',
    de: 'Werbeeinwilligungen in Kraft ohne Nachweis',
    en: 'Marketing consents in force without proof',
  },
  request_overdue: {
    severity: 'violation',
    article: 'Art. 12(3) GDPR',
    de: 'Betroffenenanfragen nach Ablauf der Frist nicht beantwortet',
    en: 'Data subject requests past their deadline',
  },
  breach_overdue: {
    severity: 'violation',
    article: 'Art. 33(1) GDPR',
    de: 'Datenpannen nach 72 Stunden weder gemeldet noch begründet',
    en: 'Breaches neither notified nor justified after 72 hours',
  },
  processor_without_avv: {
    severity: 'violation',
    article: 'Art. 28(3) GDPR',
    de: 'Auftragsverarbeiter ohne Vertrag zur Auftragsverarbeitung (AVV)',
    en: 'Processors without a data processing agreement',
  },
  transfer_without_mechanism: {
    severity: 'violation',
    article: 'Art. 44–49 GDPR',
    de: 'Übermittlungen in Drittländer ohne Garantie nach Kapitel V',
    en: 'Third-country transfers without a Chapter V mechanism',
  },
  dpia_missing: {
    severity: 'violation',
    article: 'Art. 35(1) GDPR',
    de: 'Zwecke, die eine DSFA erfordern, ohne abgeschlossene oder mit überfälliger DSFA',
    en: 'Purposes needing a DPIA without a signed-off one, or with its review overdue',
  },
};

export const severityOf = (check: CheckId): Severity => CHECK_INFO[check].severity;

export const labelOf = (check: CheckId, locale: 'de' | 'en'): string => CHECK_INFO[check][locale];

export type ReportFinding = Finding & { severity: Severity };

export type SelfCheckReport = {
  checkedAt: string;
  ok: boolean;
  findings: ReportFinding[];
};

const mergeDetail = (a: Finding['detail'], b: Finding['detail']): Finding['detail'] => {
  if (!a) return b;
  if (!b) return a;
  const out: Record<string, number | string> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const prior = out[key];
    out[key] = typeof prior === 'number' && typeof value === 'number' ? prior + value : value;
  }
  return out;
};

const refKey = (ref: FindingRef) => `${ref.type}:${ref.id}`;

/**
 * One finding per check: findings of the same check (two contributors) add up, their references are
 * joined without duplicates and cut to MAX_REFS; a check nobody reported counts 0. A negative or
 * fractional count is a contributor's bug and is refused.
 */
export const mergeFindings = (findings: readonly Finding[]): Finding[] =>
  CHECK_IDS.map((check) => {
    const mine = findings.filter((f) => f.check === check);
    const refs: FindingRef[] = [];
    const seen = new Set<string>();
    let count = 0;
    let detail: Finding['detail'];
    for (const f of mine) {
      if (!Number.isInteger(f.count) || f.count < 0) throw new RangeError(`bad count for ${check}`);
      count += f.count;
      detail = mergeDetail(detail, f.detail);
      for (const ref of f.refs) {
        if (refs.length >= MAX_REFS || seen.has(refKey(ref))) continue;
        seen.add(refKey(ref));
        refs.push(ref);
      }
    }
    return detail ? { check, count, refs, detail } : { check, count, refs };
  });

const rank = (f: ReportFinding) => (f.count === 0 ? 2 : f.severity === 'violation' ? 0 : 1);

/**
 * The order of the dashboard and the CLI: failing violations first, then warnings, then the checks
 * that pass; within each group the order of CHECK_IDS (stable, so the view does not jump around).
 */
export const orderFindings = (findings: readonly ReportFinding[]): ReportFinding[] =>
  [...findings].sort((a, b) => rank(a) - rank(b) || CHECK_IDS.indexOf(a.check) - CHECK_IDS.indexOf(b.check));

/** The report is ok when no violation has a count above 0 (warnings do not spoil it). */
export const isOk = (findings: readonly Pick<ReportFinding, 'count' | 'severity'>[]): boolean =>
  findings.every((f) => f.severity !== 'violation' || f.count === 0);

export const buildReport = (input: { findings: readonly Finding[]; checkedAt: Date }): SelfCheckReport => {
  const findings = orderFindings(
    mergeFindings(input.findings).map((f) => ({ ...f, severity: severityOf(f.check) })),
  );
  return { checkedAt: input.checkedAt.toISOString(), ok: isOk(findings), findings };
};

/** `custos check` exits 1 when any tenant's report has a violation, 0 when all are clean. */
export const exitCodeOf = (reports: readonly Pick<SelfCheckReport, 'ok'>[]): 0 | 1 =>
  reports.every((r) => r.ok) ? 0 : 1;

/**
 * One line per check for an operator's monitoring: status, id, count and label, never a reference
 * or any personal data. `FAIL` for violations, `WARN` for warnings, `ok` for passing checks.
 */
export const summaryLine = (finding: ReportFinding, locale: 'de' | 'en' = 'en'): string => {
  const status = finding.count === 0 ? 'ok  ' : finding.severity === 'violation' ? 'FAIL' : 'WARN';
  return `${status} ${finding.check.padEnd(27)} ${String(finding.count).padStart(7)}  ${labelOf(finding.check, locale)} (${CHECK_INFO[finding.check].article})`;
};

import PDFDocument from 'pdfkit';
import { CRITERION_LABELS, type Criterion } from '../../domain/dpia/criteria.ts';
import type { QuestionKey } from '../../domain/dpia/dpia-rules.ts';
import type { RiskLevel } from '../../domain/dpia/risk-matrix.ts';
import { winAnsiText } from '../letters/letter-pdf.ts';
import type { DpiaView } from './dpia.service.ts';

/**
 * A DPIA as a printable A4 PDF, structured after Art. 35(7) GDPR: (a) systematic description,
 * (b) necessity and proportionality, (c) risks on the 4 × 4 matrix, (d) measures and residual risk,
 * then the DPO's opinion, the Art. 36 consultation and the sign-off with its review date.
 */

const MM = 72 / 25.4;
const LEFT = 20 * MM;
const WIDTH = (210 - 40) * MM;

type Labels = {
  title: string;
  controller: string;
  purpose: string;
  revision: string;
  status: string;
  statuses: Record<DpiaView['status'], string>;
  printed: string;
  triggers: string;
  noTriggers: string;
  a: string;
  b: string;
  c: string;
  d: string;
  questions: Record<QuestionKey, string>;
  unanswered: string;
  noRisks: string;
  risk: string;
  likelihood: string;
  severity: string;
  level: string;
  levels: Record<RiskLevel, string>;
  measures: string;
  noMeasures: string;
  kinds: { technical: string; organisational: string };
  residual: string;
  notAssessed: string;
  overallResidual: string;
  opinion: string;
  consultation: string;
  consultationNone: string;
  signOff: string;
  signedOffBy: string;
  reviewAt: string;
  notSignedOff: string;
};

const LABELS: Record<'de' | 'en', Labels> = {
  de: {
    title: 'Datenschutz-Folgenabschätzung (Art. 35 DSGVO)',
    controller: 'Verantwortlicher',
    purpose: 'Zweck der Verarbeitung',
    revision: 'Fassung',
    status: 'Status',
    statuses: { draft: 'Entwurf', signed_off: 'freigegeben', superseded: 'durch Überprüfung ersetzt' },
    printed: 'Erstellt am',
    triggers: 'Gründe der Schwellwertanalyse',
    noTriggers: 'Keine Auslöser festgestellt.',
    a: 'a) Systematische Beschreibung der Verarbeitungsvorgänge und Zwecke',
    b: 'b) Notwendigkeit und Verhältnismäßigkeit',
    c: 'c) Risiken für die Rechte und Freiheiten der betroffenen Personen',
    d: 'd) Abhilfemaßnahmen und Restrisiko',
    questions: {
      processing: 'Verarbeitungsvorgänge und Zwecke',
      data_subjects: 'Kategorien personenbezogener Daten und betroffener Personen',
      systems_recipients: 'Systeme, Auftragsverarbeiter und Empfänger',
      legitimate_interest: 'Berechtigte Interessen',
      necessity: 'Notwendigkeit für den Zweck',
      minimisation: 'Datenminimierung und Speicherbegrenzung',
      subject_rights: 'Information und Rechte der Betroffenen',
    },
    unanswered: '(nicht beantwortet)',
    noRisks: 'Keine Risiken erfasst.',
    risk: 'Risiko',
    likelihood: 'Eintrittswahrscheinlichkeit',
    severity: 'Schwere',
    level: 'Risikostufe',
    levels: { low: 'gering', medium: 'mittel', high: 'hoch', very_high: 'sehr hoch' },
    measures: 'Maßnahmen',
    noMeasures: 'Keine Maßnahmen festgelegt.',
    kinds: { technical: 'technisch', organisational: 'organisatorisch' },
    residual: 'Restrisiko',
    notAssessed: 'nicht bewertet',
    overallResidual: 'Höchstes Restrisiko',
    opinion: 'Stellungnahme des Datenschutzbeauftragten (Art. 35 Abs. 2 DSGVO)',
    consultation: 'Vorherige Konsultation der Aufsichtsbehörde (Art. 36 DSGVO)',
    consultationNone: 'Nicht erfolgt.',
    signOff: 'Freigabe',
    signedOffBy: 'Freigegeben von',
    reviewAt: 'Überprüfung bis',
    notSignedOff: 'Noch nicht freigegeben.',
  },
  en: {
    title: 'Data protection impact assessment (Art. 35 GDPR)',
    controller: 'Controller',
    purpose: 'Purpose of processing',
    revision: 'Revision',
    status: 'Status',
    statuses: { draft: 'draft', signed_off: 'signed off', superseded: 'superseded by a review' },
    printed: 'Printed on',
    triggers: 'Reasons from the screening',
    noTriggers: 'No triggers found.',
    a: '(a) Systematic description of the processing operations and purposes',
    b: '(b) Necessity and proportionality',
    c: '(c) Risks to the rights and freedoms of data subjects',
    d: '(d) Measures and residual risk',
    questions: {
      processing: 'Processing operations and purposes',
      data_subjects: 'Categories of personal data and data subjects',
      systems_recipients: 'Systems, processors and recipients',
      legitimate_interest: 'Legitimate interests',
      necessity: 'Necessity for the purpose',
      minimisation: 'Data minimisation and storage limitation',
      subject_rights: 'Information and rights of data subjects',
    },
    unanswered: '(not answered)',
    noRisks: 'No risks recorded.',
    risk: 'Risk',
    likelihood: 'Likelihood',
    severity: 'Severity',
    level: 'Risk level',
    levels: { low: 'low', medium: 'medium', high: 'high', very_high: 'very high' },
    measures: 'Measures',
    noMeasures: 'No measures set.',
    kinds: { technical: 'technical', organisational: 'organisational' },
    residual: 'Residual risk',
    notAssessed: 'not assessed',
    overallResidual: 'Highest residual risk',
    opinion: 'Opinion of the data protection officer (Art. 35(2) GDPR)',
    consultation: 'Prior consultation of the supervisory authority (Art. 36 GDPR)',
    consultationNone: 'Not carried out.',
    signOff: 'Sign-off',
    signedOffBy: 'Signed off by',
    reviewAt: 'Review by',
    notSignedOff: 'Not signed off yet.',
  },
};

const QUESTION_ORDER: { key: QuestionKey; step: 'a' | 'b' }[] = [
  { key: 'processing', step: 'a' },
  { key: 'data_subjects', step: 'a' },
  { key: 'systems_recipients', step: 'a' },
  { key: 'legitimate_interest', step: 'a' },
  { key: 'necessity', step: 'b' },
  { key: 'minimisation', step: 'b' },
  { key: 'subject_rights', step: 'b' },
];

const when = (iso: string, language: 'de' | 'en') =>
  new Date(iso).toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
const dayOf = (day: string, language: 'de' | 'en') =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'UTC',
    dateStyle: 'medium',
  });

export const renderDpiaPdf = (input: {
  language: 'de' | 'en';
  controller: string;
  purposeLabel: string;
  printedAt: Date;
  dpia: DpiaView;
}): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const { language, dpia } = input;
    const l = LABELS[language];
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 20 * MM, bottom: 20 * MM, left: LEFT, right: 20 * MM },
      info: {
        Title: winAnsiText(`${l.title}: ${dpia.title}`),
        Author: winAnsiText(input.controller),
        Creator: 'Custos',
      },
      lang: language === 'de' ? 'de-DE' : 'en-GB',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const line = (label: string, value: string) =>
      doc
        .font('Helvetica-Bold')
        .text(winAnsiText(`${label}: `), { continued: true, width: WIDTH })
        .font('Helvetica')
        .text(winAnsiText(value), { width: WIDTH });
    const heading = (text: string) =>
      doc
        .moveDown(0.8)
        .font('Helvetica-Bold')
        .fontSize(12)
        .text(winAnsiText(text), { width: WIDTH })
        .fontSize(10);
    const para = (text: string) =>
      doc.font('Helvetica').text(winAnsiText(text), { width: WIDTH, lineGap: 1 });

    doc.font('Helvetica-Bold').fontSize(16).text(winAnsiText(l.title), { width: WIDTH });
    doc.fontSize(12).text(winAnsiText(dpia.title), { width: WIDTH });
    doc.moveDown(0.5).fontSize(10);
    line(l.controller, input.controller);
    line(l.purpose, `${input.purposeLabel} (${dpia.purposeId})`);
    line(l.revision, String(dpia.revision));
    line(l.status, l.statuses[dpia.status]);
    line(l.printed, when(input.printedAt.toISOString(), language));

    heading(l.triggers);
    if (dpia.triggers.length === 0) para(l.noTriggers);
    for (const t of dpia.triggers) para(`- ${CRITERION_LABELS[t as Criterion]?.[language] ?? t}`);

    for (const step of ['a', 'b'] as const) {
      heading(l[step]);
      for (const q of QUESTION_ORDER.filter((x) => x.step === step)) {
        doc.font('Helvetica-Bold').text(winAnsiText(l.questions[q.key]), { width: WIDTH });
        para(dpia.answers[q.key]?.trim() || l.unanswered);
        doc.moveDown(0.3);
      }
    }

    heading(l.c);
    if (dpia.risks.length === 0) para(l.noRisks);
    dpia.risks.forEach((r, i) => {
      doc.font('Helvetica-Bold').text(winAnsiText(`${l.risk} ${i + 1}: ${r.title}`), { width: WIDTH });
      if (r.description) para(r.description);
      line(
        l.level,
        `${l.levels[r.level]} (${l.likelihood} ${r.likelihood}/4, ${l.severity} ${r.severity}/4)`,
      );
      doc.moveDown(0.3);
    });

    heading(l.d);
    dpia.risks.forEach((r, i) => {
      doc.font('Helvetica-Bold').text(winAnsiText(`${l.risk} ${i + 1}: ${r.title}`), { width: WIDTH });
      if (r.measures.length === 0) para(l.noMeasures);
      for (const m of r.measures) para(`- ${m.text} (${l.kinds[m.kind]})`);
      line(
        l.residual,
        r.residualLevel
          ? `${l.levels[r.residualLevel]} (${l.likelihood} ${r.residualLikelihood}/4, ${l.severity} ${r.residualSeverity}/4)`
          : l.notAssessed,
      );
      doc.moveDown(0.3);
    });
    line(l.overallResidual, dpia.residualLevel ? l.levels[dpia.residualLevel] : l.notAssessed);

    heading(l.opinion);
    para(dpia.dpoOpinion ?? l.unanswered);
    heading(l.consultation);
    para(
      dpia.consultationAt
        ? `${dayOf(dpia.consultationAt, language)}${dpia.consultationReference ? `: ${dpia.consultationReference}` : ''}`
        : l.consultationNone,
    );
    heading(l.signOff);
    if (dpia.signedOffAt) {
      line(l.signedOffBy, `${dpia.signedOffBy ?? ''}, ${when(dpia.signedOffAt, language)}`);
      if (dpia.reviewAt) line(l.reviewAt, dayOf(dpia.reviewAt, language));
    } else para(l.notSignedOff);
    doc.end();
  });

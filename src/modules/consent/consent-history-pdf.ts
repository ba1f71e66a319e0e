import PDFDocument from 'pdfkit';
import { winAnsiText } from '../letters/letter-pdf.ts';
import type { ConsentView } from './consent.types.ts';

/**
 * A person's consent ledger as a printable A4 PDF: every consent with the full wording text and
 * version (and its SHA-256), the method and proof, when it was given, withdrawn or superseded, and
 * until when the proof is kept. Built-in Helvetica (WinAnsi), like the letters.
 */

const MM = 72 / 25.4;
const LEFT = 20 * MM;
const WIDTH = (210 - 40) * MM;

const LABELS = {
  de: {
    title: 'Einwilligungsnachweis',
    person: 'Person',
    controller: 'Verantwortlicher',
    printed: 'Erstellt am',
    none: 'Für diese Person sind keine Einwilligungen verzeichnet.',
    consent: 'Einwilligung',
    purpose: 'Zweck',
    channel: 'Kanal',
    address: 'Adresse',
    state: 'Status',
    states: { valid: 'gültig', withdrawn: 'widerrufen', superseded: 'ersetzt' },
    method: 'Art der Erteilung',
    givenAt: 'Erteilt am',
    withdrawnAt: 'Widerrufen am',
    supersededAt: 'Ersetzt am',
    supersededBy: 'Ersetzt durch',
    lastUsed: 'Zuletzt verwendet',
    retained: 'Nachweis aufbewahrt bis',
    proof: 'Nachweis',
    wording: 'Einwilligungstext',
    version: 'Version',
    advertiser: 'Werbender',
    scope: 'Produkte',
  },
  en: {
    title: 'Consent record',
    person: 'Person',
    controller: 'Controller',
    printed: 'Printed on',
    none: 'No consents are recorded for this person.',
    consent: 'Consent',
    purpose: 'Purpose',
    channel: 'Channel',
    address: 'Address',
    state: 'State',
    states: { valid: 'valid', withdrawn: 'withdrawn', superseded: 'superseded' },
    method: 'Method',
    givenAt: 'Given at',
    withdrawnAt: 'Withdrawn at',
    supersededAt: 'Superseded at',
    supersededBy: 'Superseded by',
    lastUsed: 'Last used',
    retained: 'Proof kept until',
    proof: 'Proof',
    wording: 'Wording',
    version: 'Version',
    advertiser: 'Advertiser',
    scope: 'Products',
  },
} as const;

const when = (iso: string | null, language: 'de' | 'en') =>
  iso
    ? new Date(iso).toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', {
        timeZone: 'Europe/Berlin',
        dateStyle: 'medium',
        timeStyle: 'medium',
      })
    : '';

const proofLines = (proof: Record<string, unknown>) =>
  Object.entries(proof)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);

export const renderConsentHistoryPdf = (input: {
  language: 'de' | 'en';
  controller: string;
  personName: string;
  personId: string;
  printedAt: Date;
  consents: ConsentView[];
}): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const l = LABELS[input.language];
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 20 * MM, bottom: 20 * MM, left: LEFT, right: 20 * MM },
      info: { Title: winAnsiText(l.title), Author: winAnsiText(input.controller), Creator: 'Custos' },
      lang: input.language === 'de' ? 'de-DE' : 'en-GB',
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

    doc.font('Helvetica-Bold').fontSize(16).text(winAnsiText(l.title), { width: WIDTH });
    doc.moveDown(0.5).fontSize(10);
    line(l.controller, input.controller);
    line(l.person, `${input.personName} (${input.personId})`);
    line(l.printed, when(input.printedAt.toISOString(), input.language));
    doc.moveDown(1);
    if (input.consents.length === 0) doc.font('Helvetica').text(winAnsiText(l.none), { width: WIDTH });

    for (const c of input.consents) {
      doc
        .font('Helvetica-Bold')
        .fontSize(12)
        .text(winAnsiText(`${l.consent} ${c.id}`), { width: WIDTH });
      doc.fontSize(10);
      line(l.purpose, c.purposeId);
      line(l.channel, c.channel);
      if (c.address) line(l.address, c.address);
      line(l.state, l.states[c.state]);
      line(l.method, c.method);
      line(l.givenAt, when(c.givenAt, input.language));
      if (c.withdrawnAt)
        line(
          l.withdrawnAt,
          `${when(c.withdrawnAt, input.language)} (${c.withdrawalMethod ?? ''})${c.withdrawalNote ? ` ${c.withdrawalNote}` : ''}`,
        );
      if (c.supersededAt) line(l.supersededAt, when(c.supersededAt, input.language));
      if (c.supersededById) line(l.supersededBy, c.supersededById);
      if (c.lastUsedAt) line(l.lastUsed, when(c.lastUsedAt, input.language));
      if (c.proofRetainedUntil) line(l.retained, when(c.proofRetainedUntil, input.language));
      const proof = proofLines(c.proof);
      if (proof.length > 0) line(l.proof, proof.join('; '));
      line(
        l.wording,
        `${l.version} ${c.wording.version} (${c.wording.language}), SHA-256 ${c.wording.textSha256}`,
      );
      line(l.advertiser, c.wording.advertiser);
      if (c.wording.productScope) line(l.scope, c.wording.productScope);
      doc
        .moveDown(0.3)
        .font('Helvetica-Oblique')
        .text(winAnsiText(c.wording.text), { width: WIDTH, lineGap: 1 });
      doc.moveDown(1);
    }
    doc.end();
  });

import PDFDocument from 'pdfkit';
import { rowsToCsv } from '../../domain/requests/subject-export.ts';
import type { RopaDocument } from '../../domain/ropa/ropa-document.ts';
import { FIELD_LABELS, HEADER_LABELS, TEXTS } from '../../domain/ropa/ropa-labels.ts';
import { winAnsiText } from '../letters/letter-pdf.ts';

/**
 * The record of processing activities as a printable A4 PDF (built-in Helvetica, WinAnsi, like the
 * letters) and as CSV (one row per activity, one column per Art. 30 field; spreadsheet formulas
 * defused, UTF-8 BOM, CRLF).
 */

const MM = 72 / 25.4;
const LEFT = 20 * MM;
const WIDTH = (210 - 40) * MM;

const when = (iso: string, language: 'de' | 'en') =>
  new Date(iso).toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });

export const renderRopaPdf = (document: RopaDocument, author: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const l = document.language;
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 20 * MM, bottom: 20 * MM, left: LEFT, right: 20 * MM },
      info: { Title: winAnsiText(document.title), Author: winAnsiText(author), Creator: 'Custos' },
      lang: l === 'de' ? 'de-DE' : 'en-GB',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const block = (label: string, value: string) => {
      doc.font('Helvetica-Bold').fontSize(9).text(winAnsiText(label), { width: WIDTH });
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(winAnsiText(value.trim() === '' ? '-' : value), { width: WIDTH, lineGap: 1 });
      doc.moveDown(0.4);
    };

    doc.font('Helvetica-Bold').fontSize(18).text(winAnsiText(document.title), { width: WIDTH });
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(winAnsiText(`${TEXTS.generatedAt[l]}: ${when(document.generatedAt, l)}`), { width: WIDTH });
    document.parts.forEach((part, index) => {
      if (index > 0) doc.addPage();
      doc.moveDown(1).font('Helvetica-Bold').fontSize(14).text(winAnsiText(part.heading), { width: WIDTH });
      doc.moveDown(0.5);
      for (const h of part.header) block(h.label, h.value);
      if (part.activities.length === 0)
        doc.font('Helvetica-Oblique').fontSize(10).text(winAnsiText(TEXTS.none[l]), { width: WIDTH });
      for (const a of part.activities) {
        doc.moveDown(0.6);
        doc.font('Helvetica-Bold').fontSize(12).text(winAnsiText(a.title), { width: WIDTH });
        doc
          .font('Helvetica-Oblique')
          .fontSize(9)
          .text(winAnsiText(`${FIELD_LABELS.status[l]}: ${a.statusText}`), { width: WIDTH });
        doc.moveDown(0.3);
        for (const f of a.fields) if (f.key !== 'name') block(f.label, f.value);
      }
    });
    doc.end();
  });

/** One row per activity: part, id, status, who keeps the record and every field under its label in the export language. */
export const renderRopaCsv = (document: RopaDocument): string => {
  const l = document.language;
  const generalToms = HEADER_LABELS.generalToms[l];
  const rows = document.parts.flatMap((part) =>
    part.activities.map((a) => ({
      [TEXTS.part[l]]: part.heading,
      [TEXTS.activityId[l]]: a.id,
      [TEXTS.purposeId[l]]: a.purposeId ?? '',
      [FIELD_LABELS.status[l]]: a.statusText,
      // Art. 30(1)(a) / 30(2)(a) on every row; the general measures are in each activity's own field
      ...Object.fromEntries(
        part.header.filter((h) => h.label !== generalToms).map((h) => [h.label, h.value]),
      ),
      ...Object.fromEntries(a.fields.map((f) => [f.label, f.value])),
    })),
  );
  return rowsToCsv(rows);
};

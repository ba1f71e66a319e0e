import PDFDocument from 'pdfkit';
import { winAnsiText } from '../letters/letter-pdf.ts';

/**
 * The letters of a letter campaign as one PDF, one letter per recipient, each starting on a new page,
 * laid out like the request letters (DIN 5008 form B: letterhead, return line and address field for a
 * DL window envelope, date, subject in bold, body, fold and punch marks). Built-in Helvetica only.
 */

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const LEFT = 25 * MM;
const RIGHT = 20 * MM;
const WIDTH = A4.width - LEFT - RIGHT;

export type CampaignLetter = {
  recipient: { name: string; lines: string[] };
  subject: string;
  body: string;
};

export const renderCampaignLettersPdf = (input: {
  sender: string;
  place: string | null;
  date: string;
  locale: 'de' | 'en';
  title: string;
  letters: CampaignLetter[];
}): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 20 * MM, bottom: 20 * MM, left: LEFT, right: RIGHT },
      info: { Title: winAnsiText(input.title), Author: winAnsiText(input.sender), Creator: 'Custos' },
      lang: input.locale === 'de' ? 'de-DE' : 'en-GB',
      autoFirstPage: false,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const marks = () => {
      doc.save().lineWidth(0.5).strokeColor('#999999');
      for (const [y, len] of [
        [105, 5],
        [148.5, 7],
        [210, 5],
      ] as const)
        doc
          .moveTo(5 * MM, y * MM)
          .lineTo((5 + len) * MM, y * MM)
          .stroke();
      doc.restore();
    };
    doc.on('pageAdded', marks);

    for (const letter of input.letters) {
      doc.addPage();
      doc
        .font('Helvetica-Bold')
        .fontSize(14)
        .text(winAnsiText(input.sender), LEFT, 15 * MM, { width: WIDTH, align: 'right' });
      const fieldX = 20 * MM;
      const fieldWidth = 85 * MM;
      doc
        .font('Helvetica')
        .fontSize(7)
        .text(winAnsiText(input.sender), fieldX + 5 * MM, 50 * MM, {
          width: fieldWidth - 5 * MM,
          underline: true,
          lineBreak: false,
          ellipsis: true,
        });
      doc
        .fontSize(11)
        .text(
          winAnsiText([letter.recipient.name, ...letter.recipient.lines].join('\n')),
          fieldX + 5 * MM,
          62.7 * MM,
          { width: fieldWidth - 5 * MM, height: 27 * MM, ellipsis: true },
        );
      const infoX = 125 * MM;
      doc
        .fontSize(9)
        .text(winAnsiText(input.place ? `${input.place}, ${input.date}` : input.date), infoX, 50 * MM, {
          width: A4.width - RIGHT - infoX,
        });
      doc
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(winAnsiText(letter.subject), LEFT, 98.5 * MM, { width: WIDTH });
      doc.moveDown(1.5);
      doc.font('Helvetica').fontSize(11).text(winAnsiText(letter.body), LEFT, doc.y, {
        width: WIDTH,
        lineGap: 2,
      });
    }
    doc.end();
  });

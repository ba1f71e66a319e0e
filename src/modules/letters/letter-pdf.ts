import PDFDocument from 'pdfkit';

/**
 * A letter as PDF on A4, laid out after DIN 5008 form B: letterhead, return-address line and
 * recipient in the address field (window envelope DL), date in the information block, subject in bold,
 * body, fold and punch marks. Built-in Helvetica only (no font files shipped): it encodes WinAnsi
 * (Windows-1252), which covers German (ä ö ü Ä Ö Ü ß), „“ – € §; other characters are transliterated.
 */

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const LEFT = 25 * MM;
const RIGHT = 20 * MM;
const WIDTH = A4.width - LEFT - RIGHT;

/** Every character Helvetica (WinAnsiEncoding) can show: ASCII, Latin-1 and the Windows-1252 extras. */
const WIN_ANSI = new Set<string>([
  '\n',
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)),
  ...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ',
]);

const REPLACEMENTS: Record<string, string> = {
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u00ad': '',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
};

/** Text Helvetica can show: a character outside WinAnsi loses its accent (ć → c), else becomes "?". */
export const winAnsiText = (text: string): string =>
  Array.from(text.replace(/\r\n?/g, '\n').replace(/\t/g, '    '))
    .map((c) => {
      if (WIN_ANSI.has(c)) return c;
      if (c in REPLACEMENTS) return REPLACEMENTS[c] as string;
      const base = c.normalize('NFD').replace(/\p{M}/gu, '');
      return base && Array.from(base).every((b) => WIN_ANSI.has(b)) ? base : '?';
    })
    .join('');

export type LetterPdfInput = {
  sender: string;
  recipient: { name: string; lines: string[] };
  place: string | null;
  date: string;
  subject: string;
  body: string;
  /** e.g. the request number; letters of a campaign have none */
  reference?: { label: string; value: string };
  locale: 'de' | 'en';
};

type Doc = InstanceType<typeof PDFDocument>;

/** An A4 document with fold and punch marks on every page; `done` resolves to the PDF once ended. */
const letterDocument = (input: { title: string; sender: string; locale: 'de' | 'en' }) => {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: LEFT, right: RIGHT },
    info: { Title: winAnsiText(input.title), Author: winAnsiText(input.sender), Creator: 'Custos' },
    lang: input.locale === 'de' ? 'de-DE' : 'en-GB',
    autoFirstPage: false,
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.on('pageAdded', () => {
    // fold marks (105 mm, 210 mm) and the punch mark (148.5 mm) at the left edge
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
  });
  return { doc, done };
};

/** One letter from a new page on: letterhead, address field, information block, subject, body. */
const drawLetter = (doc: Doc, input: LetterPdfInput) => {
  doc.addPage();
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(winAnsiText(input.sender), LEFT, 15 * MM, { width: WIDTH, align: 'right' });

  // address field (form B: 45 mm from the top, 20 mm from the left, 85 × 45 mm): return line, recipient
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
      winAnsiText([input.recipient.name, ...input.recipient.lines].join('\n')),
      fieldX + 5 * MM,
      62.7 * MM,
      {
        width: fieldWidth - 5 * MM,
        height: 27 * MM,
        ellipsis: true,
      },
    );

  // information block (right, 50 mm from the top): reference and date
  const infoX = 125 * MM;
  const infoWidth = A4.width - RIGHT - infoX;
  doc.fontSize(9);
  if (input.reference)
    doc
      .text(winAnsiText(`${input.reference.label}: ${input.reference.value}`), infoX, 50 * MM, {
        width: infoWidth,
      })
      .moveDown(0.5)
      .text(winAnsiText(input.place ? `${input.place}, ${input.date}` : input.date), { width: infoWidth });
  else
    doc.text(winAnsiText(input.place ? `${input.place}, ${input.date}` : input.date), infoX, 50 * MM, {
      width: infoWidth,
    });

  // subject (bold) and body
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(winAnsiText(input.subject), LEFT, 98.5 * MM, { width: WIDTH });
  doc.moveDown(1.5);
  doc.font('Helvetica').fontSize(11).text(winAnsiText(input.body), LEFT, doc.y, {
    width: WIDTH,
    lineGap: 2,
    paragraphGap: 0,
  });
};

export const renderLetterPdf = (input: LetterPdfInput): Promise<Buffer> => {
  const { doc, done } = letterDocument({ title: input.subject, sender: input.sender, locale: input.locale });
  drawLetter(doc, input);
  doc.end();
  return done;
};

/** Several letters in one PDF (a letter campaign), each starting on a new page. */
export const renderLettersPdf = (input: {
  title: string;
  sender: string;
  locale: 'de' | 'en';
  letters: LetterPdfInput[];
}): Promise<Buffer> => {
  const { doc, done } = letterDocument(input);
  for (const letter of input.letters) drawLetter(doc, letter);
  doc.end();
  return done;
};

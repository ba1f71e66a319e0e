import { renderLettersPdf } from '../letters/letter-pdf.ts';

/**
 * The letters of a letter campaign as one PDF, one letter per recipient, each starting on a new page,
 * laid out like the request letters (DIN 5008 form B: letterhead, return line and address field for a
 * DL window envelope, date, subject in bold, body, fold and punch marks; src/modules/letters).
 */

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
  renderLettersPdf({
    title: input.title,
    sender: input.sender,
    locale: input.locale,
    letters: input.letters.map((letter) => ({
      ...letter,
      sender: input.sender,
      place: input.place,
      date: input.date,
      locale: input.locale,
    })),
  });

import type { MatchRecord } from '../src/domain/matching/types.ts';
import {
  CITIES,
  FIRST_NAMES,
  MAIL_DOMAINS,
  type Prng,
  prng,
  STREETS,
  surname,
  transliterate,
} from './german-data.ts';

/**
 * A German test set for duplicate detection with known truth (deterministic per seed): originals,
 * households (same surname, address and landline, another person), and duplicates with the errors
 * German customer data has: transliteration (ü → ue, ß → ss), phonetic spellings (Meier/Meyer,
 * ph/f, dt/t), swapped first and last name, typos, "Str." for "Straße", a move to another city,
 * a swapped day and month, missing fields. Ids are `g<N>-<K>`: K 0 is the original, same N = same person.
 */

const PHONETIC: readonly [RegExp, string][] = [
  [/ei/, 'ey'],
  [/ey/, 'ei'],
  [/ai/, 'ei'],
  [/ay/, 'ai'],
  [/ph/, 'f'],
  [/th/, 't'],
  [/dt$/, 't'],
  [/ck/, 'k'],
  [/tz/, 'z'],
  [/mann$/, 'man'],
  [/ie/, 'i'],
  [/ff/, 'f'],
  [/chs/, 'x'],
  [/ä/, 'e'],
];

const umlautFree = (s: string) =>
  s
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss');

const phoneticVariant = (r: Prng, s: string) => {
  const rules = PHONETIC.filter(([re]) => re.test(s));
  if (!rules.length) return umlautFree(s);
  const [re, to] = r.pick(rules);
  return s.replace(re, to);
};

const typo = (r: Prng, s: string) => {
  if (s.length < 4) return s;
  const i = 1 + r.int(s.length - 2);
  const kind = r.int(3);
  const letter = 'aeinrstlmhcdgu'[r.int(14)]!;
  if (kind === 0) return s.slice(0, i) + letter + s.slice(i + 1);
  if (kind === 1) return s.slice(0, i) + s.slice(i + 1);
  return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const address = (r: Prng) => {
  const [city, from, to, area] = r.pick(CITIES);
  const number = 1 + r.int(120);
  return {
    city,
    postalCode: pad(from + r.int(to - from + 1), 5),
    street: r.pick(STREETS),
    houseNumber: r.chance(0.15) ? `${number}${'abc'[r.int(3)]}` : String(number),
    area,
  };
};

const person = (r: Prng, n: number, last: string): MatchRecord => {
  const id = `g${n}-0`;
  const first = r.pick(FIRST_NAMES);
  const a = address(r);
  const year = 1930 + r.int(76);
  const birth = `${year}-${pad(1 + r.int(12))}-${pad(1 + r.int(28))}`;
  const record: MatchRecord = {
    id,
    firstName: first,
    lastName: last,
    street: a.street,
    houseNumber: a.houseNumber,
    postalCode: a.postalCode,
    city: a.city,
    birthDate: birth,
  };
  if (r.chance(0.6))
    record.email = `${transliterate(first)}.${transliterate(last)}${n.toString(36)}@${r.weighted(MAIL_DOMAINS)}`;
  if (r.chance(0.5)) record.phone = `${a.area} ${100000 + r.int(8_900_000)}`;
  return record;
};

/** One duplicate: 1 to 3 corruptions, never so many that nothing is left to recognise the person. */
const corrupt = (r: Prng, original: MatchRecord, id: string): MatchRecord => {
  const d: MatchRecord = { ...original, id };
  const n = 1 + r.int(3);
  let moved = false;
  let birthGone = false;
  for (let i = 0; i < n; i++) {
    switch (r.int(10)) {
      case 0:
        d.lastName = umlautFree(d.lastName ?? '');
        d.firstName = umlautFree(d.firstName ?? '');
        d.street = d.street?.replace(/ß/g, 'ss');
        break;
      case 1:
        d.lastName = phoneticVariant(r, d.lastName ?? '');
        break;
      case 2:
        [d.firstName, d.lastName] = [d.lastName, d.firstName];
        break;
      case 3:
        if (r.chance(0.5)) d.lastName = typo(r, d.lastName ?? '');
        else d.firstName = typo(r, d.firstName ?? '');
        break;
      case 4:
        d.street = d.street
          ?.replace(/straße$/i, r.chance(0.5) ? 'str.' : 'strasse')
          .replace(/Straße$/, 'Str.');
        d.houseNumber = d.houseNumber?.replace(/(\d)([a-c])$/, '$1 $2');
        break;
      case 5:
        if (!birthGone && !moved) {
          const a = address(r);
          Object.assign(d, {
            street: a.street,
            houseNumber: a.houseNumber,
            postalCode: a.postalCode,
            city: a.city,
          });
          delete d.phone;
          moved = true;
        }
        break;
      case 6: {
        const b = d.birthDate;
        if (b && Number(b.slice(8, 10)) <= 12 && r.chance(0.5))
          d.birthDate = `${b.slice(0, 5)}${b.slice(8, 10)}-${b.slice(5, 7)}`;
        else if (b) d.birthDate = `${b.slice(0, 2)}${b.slice(2, 3)}${(Number(b[3]) + 1) % 10}${b.slice(4)}`;
        break;
      }
      case 7:
        if (!moved && !birthGone) {
          delete d.birthDate;
          birthGone = true;
        }
        break;
      case 8:
        delete d.email;
        if (r.chance(0.5)) delete d.phone;
        break;
      default:
        d.birthDate = d.birthDate?.replace(/-/g, '');
        d.firstName = d.firstName?.toUpperCase();
        d.lastName = d.lastName?.toUpperCase();
    }
  }
  return d;
};

export type GermanTestSet = { records: MatchRecord[]; groupOf: (id: string) => string; duplicates: number };

/** `count` records: originals, household members (about 5 %) and duplicates (about `duplicateShare`). */
export const generateGermanPersons = ({
  count,
  seed = 8,
  duplicateShare = 0.2,
}: {
  count: number;
  seed?: number;
  duplicateShare?: number;
}): GermanTestSet => {
  const r = prng(seed);
  const records: MatchRecord[] = [];
  let n = 0;
  let duplicates = 0;
  while (records.length < count) {
    n += 1;
    const group = n;
    const original = person(r, group, surname(r));
    records.push(original);
    if (r.chance(0.05) && records.length < count) {
      // another person of the same household: same surname, address and landline
      n += 1;
      const member = person(r, n, original.lastName!);
      Object.assign(member, {
        street: original.street,
        houseNumber: original.houseNumber,
        postalCode: original.postalCode,
        city: original.city,
        phone: original.phone,
      });
      if (!member.phone) delete member.phone;
      records.push(member);
    }
    let k = 0;
    while (records.length < count && r.chance(k === 0 ? duplicateShare / (1 - duplicateShare) : 0.2)) {
      k += 1;
      duplicates += 1;
      records.push(corrupt(r, original, `g${group}-${k}`));
    }
  }
  return { records, groupOf: (id) => id.slice(0, id.indexOf('-')), duplicates };
};

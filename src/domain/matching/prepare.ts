import {
  digitsOnly,
  nameCore,
  normaliseBirthDate,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normalisePostalCode,
  normaliseText,
  parseAddress,
} from './normalise.ts';
import { cologne } from './phonetic.ts';
import type { MatchRecord, PreparedRecord } from './types.ts';

type Name = { name: string; code: string };
type Address = { street: string; houseNumber: string };

/**
 * Names and streets repeat a lot (a million persons have far fewer distinct surnames), so their
 * normal form is cached per raw value. A cache is dropped when it grows past its limit.
 */
const cached = <T>(limit: number, compute: (raw: string) => T) => {
  let cache = new Map<string, T>();
  return (raw: string): T => {
    let v = cache.get(raw);
    if (v === undefined) {
      v = compute(raw);
      if (cache.size >= limit) cache = new Map();
      cache.set(raw, v);
    }
    return v;
  };
};

const EMPTY_NAME: Name = { name: '', code: '' };
const nameOf = cached<Name>(200_000, (raw) => ({ name: normaliseName(raw), code: cologne(nameCore(raw)) }));
const addressOf = cached<Address>(200_000, (raw) => {
  const [street, houseNumber] = raw.split('\u0000');
  return parseAddress({ street, houseNumber });
});

/** Normalises a record once: names, phonetic codes, parsed address, birth date digits, identifiers. */
export const prepareRecord = ({ record }: { record: MatchRecord }): PreparedRecord => {
  const first = record.firstName ? nameOf(record.firstName) : EMPTY_NAME;
  const last = record.lastName ? nameOf(record.lastName) : EMPTY_NAME;
  const address = addressOf(`${record.street ?? ''}\u0000${record.houseNumber ?? ''}`);
  return {
    first: first.name,
    last: last.name,
    firstCode: first.code,
    lastCode: last.code,
    street: address.street,
    houseNumber: address.houseNumber,
    extra: normaliseText(record.addressExtra),
    postalCode: normalisePostalCode(record.postalCode),
    city: normaliseText(record.city),
    birth: normaliseBirthDate(record.birthDate),
    nationalId: digitsOnly(record.nationalId) || normaliseText(record.nationalId).replace(/ /g, ''),
    email: normaliseEmail(record.email),
    phone: normalisePhone(record.phone),
  };
};

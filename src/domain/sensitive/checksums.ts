/** Check-digit algorithms for the identifiers the detector validates. All take digits/characters only. */

/** Luhn (ISO/IEC 7812-1) over a string of digits. */
export const luhnValid = (digits: string): boolean => {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};

/** ISO 7064 MOD 11,10 check digit of the German tax identification number (first ten digits). */
export const mod11_10CheckDigit = (digits: string): number => {
  let product = 10;
  for (const ch of digits) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
};

/**
 * German tax identification number (§ 139b AO): 11 digits, no leading zero; within the first ten
 * digits exactly one digit occurs twice or three times (three times never in a row), and the rest at
 * most once; the eleventh digit is the MOD 11,10 check digit.
 */
export const taxIdValid = (value: string): boolean => {
  if (!/^[1-9]\d{10}$/.test(value)) return false;
  const body = value.slice(0, 10);
  const counts = new Map<string, number>();
  for (const ch of body) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const repeated = [...counts.values()].filter((n) => n > 1);
  if (repeated.length !== 1 || repeated[0]! > 3) return false;
  if (repeated[0] === 3 && /(\d)\1\1/.test(body)) return false;
  return mod11_10CheckDigit(body) === Number(value[10]);
};

/**
 * German pension insurance number (Versicherungsnummer, § 147 SGB VI): area (2 digits), birth date
 * DDMMYY, first letter of the birth name, serial (2 digits), check digit. The letter becomes its
 * two-digit alphabet position; the 12 digits are weighted 2,1,2,5,7,1,2,1,2,1,2,1, the digit sums of
 * the products added, and the check digit is that sum mod 10.
 */
export const pensionInsuranceNumberValid = (value: string): boolean => {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})([A-Z])(\d{2})(\d)$/.exec(value.toUpperCase());
  if (!m) return false;
  const [, area, day, month, year, letter, serial, check] = m;
  const dd = Number(day);
  const mm = Number(month);
  if (dd < 1 || dd > 31 || mm < 1 || mm > 12) return false;
  const letterNo = String(letter!.charCodeAt(0) - 64).padStart(2, '0');
  const digits = `${area}${day}${month}${year}${letterNo}${serial}`;
  const weights = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const p = Number(digits[i]) * weights[i]!;
    sum += Math.floor(p / 10) + (p % 10);
  }
  return sum % 10 === Number(check);
};

/** ICAO 9303 check digit (weights 7,3,1; digits as themselves, A=10 … Z=35; '<' = 0). */
export const icaoCheckDigit = (value: string): number => {
  const weights = [7, 3, 1];
  let sum = 0;
  [...value.toUpperCase()].forEach((ch, i) => {
    const v = ch === '<' ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * weights[i % 3]!;
  });
  return sum % 10;
};

/**
 * Number of a German ID card or passport (since 2010): nine characters from the alphabet without
 * vowels and ambiguous letters (C F G H J K L M N P R T V W X Y Z and digits), then the ICAO check digit.
 */
export const germanDocumentNumberValid = (value: string): boolean => {
  const v = value.toUpperCase();
  if (!/^[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d$/.test(v)) return false;
  return icaoCheckDigit(v.slice(0, 9)) === Number(v[9]);
};

import {
  electronicFormatIBAN,
  extractIBAN,
  friendlyFormatIBAN,
  ValidationErrorsIBAN,
  validateBIC,
  validateIBAN,
} from 'ibantools';

/**
 * IBAN and BIC checks with ibantools: the IBAN is brought to its electronic form (no spaces, upper
 * case), then its country, length for the country, BBAN format and ISO 7064 checksum are checked.
 * The print form groups it in fours ("DE89 3704 0044 0532 0130 00").
 */
export type IbanProblem = 'empty' | 'unknown_country' | 'wrong_length' | 'wrong_format' | 'wrong_checksum';

export type IbanCheck =
  | { valid: true; electronic: string; formatted: string; country: string }
  | { valid: false; problem: IbanProblem };

const PROBLEMS: Partial<Record<ValidationErrorsIBAN, IbanProblem>> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'empty',
  [ValidationErrorsIBAN.NoIBANCountry]: 'unknown_country',
  [ValidationErrorsIBAN.WrongBBANLength]: 'wrong_length',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'wrong_format',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'wrong_checksum',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'wrong_checksum',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'wrong_checksum',
};

/** Checks an IBAN as typed (spaces, lower case and a leading "IBAN" are fine). */
export const checkIban = (options: { input: string }): IbanCheck => {
  const typed = options.input.trim().replace(/^IBAN[:\s]*/i, '');
  const electronic = electronicFormatIBAN(typed);
  if (!electronic) return { valid: false, problem: 'empty' };
  const result = validateIBAN(electronic);
  if (!result.valid) {
    // the first error in order of the checks above; an unexpected code counts as a wrong format
    const first = [...result.errorCodes].sort((a, b) => a - b)[0];
    return { valid: false, problem: (first !== undefined && PROBLEMS[first]) || 'wrong_format' };
  }
  return {
    valid: true,
    electronic,
    formatted: friendlyFormatIBAN(electronic) ?? electronic,
    country: extractIBAN(electronic).countryCode ?? electronic.slice(0, 2),
  };
};

/** Checks a BIC (8 or 11 characters: bank, country, location, optional branch). */
export const checkBic = (options: { input: string }): { valid: boolean; normalized: string } => {
  const normalized = options.input.trim().replace(/\s+/g, '').toUpperCase();
  return { valid: normalized.length > 0 && validateBIC(normalized).valid, normalized };
};

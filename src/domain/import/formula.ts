/**
 * CSV / spreadsheet formula injection (OWASP "CSV injection"). A cell starting with = + - @, or with
 * a tab or carriage return that some programs strip first, is run as a formula by Excel and
 * LibreOffice (`=cmd|' /C calc'!A0`, `@SUM(...)`). Imports flag such cells; every CSV export of
 * Custos escapes them with a leading apostrophe. The one definition for both.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const isFormulaLike = (value: string): boolean => FORMULA_START.test(value);

/** A value for a CSV export: a formula-like value gets a leading single quote, others stay as they are. */
export const escapeCsvCell = (value: string): string => (isFormulaLike(value) ? `'${value}` : value);

/** A signed number or phone number ("+49 30 1234567", "-12,50"): starts with + or - but is no formula. */
const SIGNED_NUMBER = /^[+-][\d\s()./,-]*$/;

/**
 * For import findings: formula-like, except plain signed numbers and phone numbers, which are
 * common in contact data and harmless once stored (exports escape them anyway).
 */
export const isSuspiciousFormula = (value: string): boolean =>
  isFormulaLike(value) && !SIGNED_NUMBER.test(value);

/**
 * Spreadsheet values as import text: numbers without binary float artefacts (0.1 + 0.2 is
 * "0.3", not "0.30000000000000004"; 15 significant digits, as Excel itself shows), dates as ISO
 * dates ("2025-03-01", with the time only when there is one). Pure.
 */
export const numberText = (value: number): string => {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  const rounded = Number(value.toPrecision(15));
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  // very small or large numbers: plain digits rather than exponent notation
  return rounded
    .toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(rounded))) + 14)))
    .replace(/\.?0+$/, '');
};

/** A spreadsheet date (exceljs gives it as a UTC Date): "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" with a time of day. */
export const dateText = (value: Date): string => {
  if (Number.isNaN(value.getTime())) return '';
  // serial day fractions come back a millisecond off (10:29:59.999): round to the second
  const rounded = new Date(Math.round(value.getTime() / 1000) * 1000);
  const iso = rounded.toISOString();
  if (iso.slice(11, 19) === '00:00:00') return iso.slice(0, 10);
  return iso.slice(0, 19);
};

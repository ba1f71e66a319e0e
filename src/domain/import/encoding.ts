/**
 * Which encoding a text file is in, from its first bytes. Byte order marks decide (UTF-8, UTF-16 LE
 * and BE); without one, NUL bytes in every other position mean UTF-16 without BOM, other NUL bytes a
 * binary file (refused with `import_encoding_unknown`); then the sample is tried as strict UTF-8
 * (`TextDecoder` with `fatal: true`), and Windows-1252 is the fallback (what German Excel writes as
 * "CSV (Trennzeichen-getrennt)"; ISO-8859-1 is read as Windows-1252, as WHATWG prescribes).
 *
 * Mixed encodings: the decision is made once per file from the sample. Bytes later in the file that
 * do not fit it become U+FFFD (UTF-8), or UTF-8 sequences read as Windows-1252 show as "Ã¼"-style
 * mojibake; `hasEncodingDamage` finds both, and the reader turns them into a `mixed_encoding`
 * finding on the row (an error: the batch cannot be committed until the file is saved in one encoding).
 */
import { AppError } from '../errors.ts';
import type { ImportEncoding } from './types.ts';

export type DetectedEncoding = { encoding: ImportEncoding; bomLength: number };

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

const nulShare = (bytes: Uint8Array, parity: 0 | 1) => {
  let nul = 0;
  let total = 0;
  for (let i = parity; i < bytes.length; i += 2) {
    total += 1;
    if (bytes[i] === 0) nul += 1;
  }
  return total === 0 ? 0 : nul / total;
};

/** The encoding of a file from a sample of its first bytes (64 KiB is plenty). */
export const detectEncoding = (input: { sample: Uint8Array }): DetectedEncoding => {
  const { sample } = input;
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  if (sample.includes(0)) {
    if (sample.length >= 4 && nulShare(sample, 1) > 0.9 && nulShare(sample, 0) < 0.1)
      return { encoding: 'utf-16le', bomLength: 0 };
    if (sample.length >= 4 && nulShare(sample, 0) > 0.9 && nulShare(sample, 1) < 0.1)
      return { encoding: 'utf-16be', bomLength: 0 };
    throw new AppError('import_encoding_unknown');
  }
  try {
    // stream: true tolerates a multi-byte character cut off at the end of the sample
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'windows-1252', bomLength: 0 };
  }
};

/** Bytes 0x80–0x9F of Windows-1252 (the rest is ISO-8859-1); undefined positions stay C1 controls. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export type ChunkDecoder = { decode: (bytes?: Uint8Array, options?: { stream?: boolean }) => string };

/**
 * Node's TextDecoder (seen on v20) decodes "windows-1252" as plain ISO-8859-1 (0x80 stays U+0080 rather
 * than "€"), so Windows-1252 is decoded here; a single-byte code needs no state.
 */
const latin1 = new TextDecoder('latin1');
const windows1252: ChunkDecoder = {
  decode: (bytes) =>
    bytes
      ? latin1.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c)
      : '',
};

/** A streaming decoder for the detected encoding (non-fatal: damage shows as U+FFFD, see above). */
export const createDecoder = (encoding: ImportEncoding): ChunkDecoder =>
  encoding === 'windows-1252' ? windows1252 : new TextDecoder(encoding, { fatal: false, ignoreBOM: true });

/** UTF-8 bytes read as Windows-1252: "Ã" or "Â" followed by a character of the 0x80–0xBF range. */
const MOJIBAKE =
  /[ÃÂ][\u0080-\u00bf\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]/;

/** True when a decoded value shows bytes of another encoding than the file's. */
export const hasEncodingDamage = (input: { value: string; encoding: ImportEncoding }): boolean =>
  input.value.includes('\uFFFD') || (input.encoding === 'windows-1252' && MOJIBAKE.test(input.value));

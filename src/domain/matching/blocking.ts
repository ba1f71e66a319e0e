import type { PreparedRecord } from './types.ts';

/**
 * Blocking keys: two records are compared only if they share at least one key. Every key is a plain
 * concatenation of normalised columns (the phonetic codes stored beside the names), so the same keys
 * can be computed in SQL and indexed. '' means the record has no key of that kind.
 */
export type BlockingKey = { name: string; key: (r: PreparedRecord) => string };

const both = (...parts: string[]) => (parts.every((p) => p !== '') ? parts.join('|') : '');
/** The two name codes in a fixed order, so a swapped first and last name gives the same key. */
const namePair = (r: PreparedRecord) =>
  r.firstCode && r.lastCode
    ? r.firstCode <= r.lastCode
      ? `${r.firstCode}/${r.lastCode}`
      : `${r.lastCode}/${r.firstCode}`
    : '';

export const BLOCKING_KEYS: readonly BlockingKey[] = [
  { name: 'nationalId', key: (r) => (r.nationalId.length >= 5 ? r.nationalId : '') },
  { name: 'email', key: (r) => r.email },
  { name: 'phone', key: (r) => (r.phone.length >= 6 ? r.phone : '') },
  { name: 'lastName+birth', key: (r) => both(r.lastCode, r.birth) },
  { name: 'firstName+birth', key: (r) => both(r.firstCode, r.birth) },
  { name: 'names+birthYear', key: (r) => both(namePair(r), r.birth.slice(0, 4)) },
  { name: 'lastName+initial+postcode', key: (r) => both(r.lastCode, r.first.slice(0, 1), r.postalCode) },
  { name: 'names+postcode', key: (r) => both(namePair(r), r.postalCode) },
  { name: 'postcode+number+street', key: (r) => both(r.postalCode, r.houseNumber, r.street.slice(0, 4)) },
  { name: 'birth+postcode', key: (r) => both(r.birth, r.postalCode) },
  { name: 'lastName+street+number', key: (r) => both(r.lastCode, r.street.slice(0, 4), r.houseNumber) },
];

/** Blocks larger than this are left out (too common to say anything; other keys still pair them). */
export const DEFAULT_MAX_BLOCK = 100;

export type Blocks = {
  /** hashes[k][i]: 32-bit hash of the k-th key of record i, 0 = no key. */
  hashes: Uint32Array[];
  /** sizes[k][i]: how many records share that key (capped at 65,535). */
  sizes: Uint16Array[];
  /** Per key kind: record indices sorted by key, and where each kept block starts and ends. */
  order: Uint32Array[];
  runs: Uint32Array[];
  maxBlock: number;
};

/** FNV-1a over the key's UTF-16 code units; never 0 (0 means "no key"). */
const hashKey = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
};

/**
 * Groups the records by every blocking key with typed arrays: each key is hashed to 32 bits and the
 * records are sorted by (hash, index) packed into one float64, so grouping a million records is one
 * native numeric sort per key kind. A hash collision only adds candidates (scoring sorts them out).
 * Singletons and blocks over `maxBlock` are dropped.
 */
export const buildBlocks = ({
  records,
  maxBlock = DEFAULT_MAX_BLOCK,
  keys = BLOCKING_KEYS,
}: {
  records: readonly PreparedRecord[];
  maxBlock?: number;
  keys?: readonly BlockingKey[];
}): Blocks => {
  const n = records.length;
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const hashBits = Math.min(32, 53 - indexBits);
  const hashScale = 2 ** indexBits;
  const hashMask = 2 ** hashBits;
  const result: Blocks = { hashes: [], sizes: [], order: [], runs: [], maxBlock };
  for (const kind of keys) {
    const hashes = new Uint32Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const k = kind.key(records[i]!);
      if (k) {
        hashes[i] = hashBits === 32 ? hashKey(k) : hashKey(k) % hashMask || 1;
        count += 1;
      }
    }
    const packed = new Float64Array(count);
    for (let i = 0, j = 0; i < n; i++) if (hashes[i]) packed[j++] = hashes[i]! * hashScale + i;
    packed.sort();
    const order = new Uint32Array(count);
    for (let j = 0; j < count; j++) order[j] = packed[j]! % hashScale;
    const sizes = new Uint16Array(n);
    const runs: number[] = [];
    for (let start = 0; start < count; ) {
      const h = hashes[order[start]!]!;
      let end = start + 1;
      while (end < count && hashes[order[end]!] === h) end += 1;
      const size = end - start;
      for (let j = start; j < end; j++) sizes[order[j]!] = Math.min(size, 65_535);
      if (size >= 2 && size <= maxBlock) runs.push(start, end);
      start = end;
    }
    result.hashes.push(hashes);
    result.sizes.push(sizes);
    result.order.push(order);
    result.runs.push(Uint32Array.from(runs));
  }
  return result;
};

/**
 * Calls `visit(a, b)` once for every pair that shares a key of a kept block: a pair is visited under
 * the first key kind that pairs it, so no global set of pairs is needed.
 */
export const forEachCandidate = ({
  blocks,
  visit,
}: {
  blocks: Blocks;
  visit: (a: number, b: number) => void;
}) => {
  const { hashes, sizes, order, runs, maxBlock } = blocks;
  for (let k = 0; k < runs.length; k++) {
    const kindRuns = runs[k]!;
    const kindOrder = order[k]!;
    for (let r = 0; r < kindRuns.length; r += 2) {
      const start = kindRuns[r]!;
      const end = kindRuns[r + 1]!;
      for (let x = start; x < end; x++) {
        const a = kindOrder[x]!;
        for (let y = x + 1; y < end; y++) {
          const b = kindOrder[y]!;
          let seen = false;
          for (let j = 0; j < k; j++) {
            const h = hashes[j]![a]!;
            if (h !== 0 && h === hashes[j]![b] && sizes[j]![a]! <= maxBlock) {
              seen = true;
              break;
            }
          }
          if (!seen) visit(a, b);
        }
      }
    }
  }
};

/** Precision, recall and F1 of found pairs against known truth (pairs as unordered id pairs). */

export type Quality = {
  truePairs: number;
  found: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
};

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Every pair within each group of ids that share a truth key (e.g. the N of FEBRL's rec-N-…). */
export const truthPairs = ({ ids, groupOf }: { ids: readonly string[]; groupOf: (id: string) => string }) => {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const g = groupOf(id);
    const list = groups.get(g);
    if (list) list.push(id);
    else groups.set(g, [id]);
  }
  const pairs = new Set<string>();
  for (const list of groups.values())
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) pairs.add(pairKey(list[i]!, list[j]!));
  return pairs;
};

/** FEBRL truth: `rec-N-org` and `rec-N-dup-K` are the same person. */
export const febrlGroup = (id: string) => /^rec-(\d+)-/.exec(id)?.[1] ?? id;

export const evaluatePairs = ({
  found,
  truth,
}: {
  found: readonly { a: string; b: string }[];
  truth: ReadonlySet<string>;
}): Quality => {
  const seen = new Set(found.map((p) => pairKey(p.a, p.b)));
  let correct = 0;
  for (const k of seen) if (truth.has(k)) correct += 1;
  const precision = seen.size ? correct / seen.size : 1;
  const recall = truth.size ? correct / truth.size : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePairs: truth.size, found: seen.size, correct, precision, recall, f1 };
};

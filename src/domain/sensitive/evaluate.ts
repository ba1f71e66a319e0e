import type { LabelledSentence } from './labelling.ts';
import { SENSITIVE_KINDS, type SensitiveHit, type SensitiveKind } from './types.ts';

export type Score = {
  expected: number;
  found: number;
  hits: number;
  correctHits: number;
  precision: number;
  recall: number;
};
export type Evaluation = {
  sentences: number;
  perKind: Record<SensitiveKind, Score>;
  overall: Score;
  /** Labelled spans no hit covered, and hits that cover no labelled span (for the report and debugging). */
  misses: { sentence: number; kind: SensitiveKind; span: string }[];
  falseHits: { sentence: number; kind: SensitiveKind; span: string }[];
};

const score = (expected: number, found: number, hits: number, correctHits: number): Score => ({
  expected,
  found,
  hits,
  correctHits,
  // with nothing to find (or nothing found), the figure is 1: no miss, no false alarm
  precision: hits === 0 ? 1 : correctHits / hits,
  recall: expected === 0 ? 1 : found / expected,
});

/**
 * Precision and recall per kind over a labelled set. Recall counts labelled spans covered by a hit of
 * the same kind; precision counts hits that overlap a labelled span of their kind. Overall figures are
 * micro-averaged over all kinds.
 */
export const evaluate = ({
  sentences,
  detect,
}: {
  sentences: LabelledSentence[];
  detect: (input: { text: string }) => SensitiveHit[];
}): Evaluation => {
  const counts = Object.fromEntries(
    SENSITIVE_KINDS.map((k) => [k, { expected: 0, found: 0, hits: 0, correct: 0 }]),
  ) as Record<SensitiveKind, { expected: number; found: number; hits: number; correct: number }>;
  const misses: Evaluation['misses'] = [];
  const falseHits: Evaluation['falseHits'] = [];
  sentences.forEach((sentence, i) => {
    const hits = detect({ text: sentence.text });
    const labels = sentence.expect.map(([kind, span]) => {
      const start = sentence.text.indexOf(span);
      if (start < 0) throw new Error(`labelled span not in sentence ${i}: ${span}`);
      return { kind, start, end: start + span.length, span };
    });
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
      a.start < b.end && b.start < a.end;
    for (const label of labels) {
      counts[label.kind].expected++;
      if (hits.some((h) => h.kind === label.kind && overlaps(h, label))) counts[label.kind].found++;
      else misses.push({ sentence: i, kind: label.kind, span: label.span });
    }
    for (const h of hits) {
      counts[h.kind].hits++;
      if (labels.some((l) => l.kind === h.kind && overlaps(h, l))) counts[h.kind].correct++;
      else falseHits.push({ sentence: i, kind: h.kind, span: sentence.text.slice(h.start, h.end) });
    }
  });
  const perKind = Object.fromEntries(
    SENSITIVE_KINDS.map((k) => [
      k,
      score(counts[k].expected, counts[k].found, counts[k].hits, counts[k].correct),
    ]),
  ) as Record<SensitiveKind, Score>;
  const total = Object.values(counts).reduce(
    (a, c) => ({
      expected: a.expected + c.expected,
      found: a.found + c.found,
      hits: a.hits + c.hits,
      correct: a.correct + c.correct,
    }),
    { expected: 0, found: 0, hits: 0, correct: 0 },
  );
  return {
    sentences: sentences.length,
    perKind,
    overall: score(total.expected, total.found, total.hits, total.correct),
    misses,
    falseHits,
  };
};

/**
 * `npm run bench:sensitive`: precision and recall of the sensitive-data detector (issue 8) per kind
 * over the labelled set in src/domain/sensitive/ (German and English sentences, hard negatives
 * included), the held-out batch on its own, and the detector's speed on warm regular expressions.
 * Prints the figures and appends them to bench/RESULTS.md unless BENCH_RECORD=0.
 */
import { detectSensitive } from '../src/domain/sensitive/detect.ts';
import { type Evaluation, evaluate } from '../src/domain/sensitive/evaluate.ts';
import { LABELLED_SENTENCES } from '../src/domain/sensitive/labelled-sentences.ts';
import { LABELLED_HOLDOUT } from '../src/domain/sensitive/labelled-sentences-holdout.ts';
import { SENSITIVE_KINDS } from '../src/domain/sensitive/types.ts';
import { appendResults, commandLine, machine } from './percentiles.ts';

const startedAt = new Date().toISOString();
const pct = (v: number) => (v * 100).toFixed(1);

const all = evaluate({ sentences: LABELLED_SENTENCES, detect: detectSensitive });
const byLocale = (locale: 'de' | 'en') =>
  evaluate({ sentences: LABELLED_SENTENCES.filter((s) => s.locale === locale), detect: detectSensitive });
const de = byLocale('de');
const en = byLocale('en');
const holdout = evaluate({ sentences: LABELLED_HOLDOUT, detect: detectSensitive });

// speed on warm regular expressions (the first call compiles them)
const rounds = 20;
const started = performance.now();
for (let r = 0; r < rounds; r++) for (const s of LABELLED_SENTENCES) detectSensitive({ text: s.text });
const msPerSentence = (performance.now() - started) / (rounds * LABELLED_SENTENCES.length);

const row = (name: string, e: Evaluation['overall']) =>
  `| ${name} | ${e.expected} | ${e.found} | ${e.hits} | ${e.correctHits} | ${pct(e.precision)} | ${pct(e.recall)} |`;

const section = `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — sensitive-data detector (issue 8)

- Machine: ${machine()}
- Command: \`${commandLine('bench:sensitive')}\` (bench/sensitive.bench.ts); the same figures are asserted (≥ 95 %) by
  \`npx vitest run src/domain/sensitive/evaluate.test.ts\`.
- Data: ${all.sentences} labelled sentences (${de.sentences} German, ${en.sentences} English; ${LABELLED_SENTENCES.filter((s) => s.expect.length === 0).length} without any sensitive span),
  of which ${holdout.sentences} are a held-out batch. A labelled span counts as found when a hit of its kind overlaps it;
  a hit counts as correct when it overlaps a labelled span of its kind. Overall figures are micro-averaged.

| kind | labelled spans | found | hits | correct hits | precision % | recall % |
|---|---:|---:|---:|---:|---:|---:|
${SENSITIVE_KINDS.map((k) => row(k, all.perKind[k])).join('\n')}
| **overall** | ${all.overall.expected} | ${all.overall.found} | ${all.overall.hits} | ${all.overall.correctHits} | **${pct(all.overall.precision)}** | **${pct(all.overall.recall)}** |
${row('German sentences', de.overall)}
${row('English sentences', en.overall)}
${row('held-out batch', holdout.overall)}

- Speed: ${msPerSentence.toFixed(2)} ms per sentence on warm regular expressions (${rounds} passes over the set).
- Remaining false hits: ${all.falseHits.map((f) => `${f.kind} in sentence ${f.sentence}`).join(', ') || 'none'}; misses: ${all.misses.map((m) => `${m.kind} in sentence ${m.sentence}`).join(', ') || 'none'}.
`;

process.stdout.write(`${section}\n`);
const file = appendResults('sensitive', startedAt, section, {
  startedAt,
  overall: all.overall,
  perKind: all.perKind,
  de: de.overall,
  en: en.overall,
  holdout: holdout.overall,
  msPerSentence,
});
process.stdout.write(`${file}\n`);

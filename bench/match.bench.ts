// Duplicate detection (issue 8): accuracy on FEBRL dataset1/dataset2 and the German test set, and the
// time of the engine and of `custos match` over 1,000,000 generated persons.
// Run: npm run bench:match   (BENCH_MATCH_PERSONS=200000 for a shorter run, BENCH_RECORD=0 to not record)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { findDuplicates, type MatchPair } from '../src/domain/matching/engine.ts';
import { evaluatePairs, febrlGroup, type Quality, truthPairs } from '../src/domain/matching/evaluate.ts';
import { prepareRecord } from '../src/domain/matching/prepare.ts';
import { DEFAULT_MATCH_THRESHOLD } from '../src/domain/matching/score.ts';
import { MATCH_FIELDS, type MatchRecord } from '../src/domain/matching/types.ts';
import { parseMatchMap, readMatchRecords } from '../src/modules/matching/match.cli.ts';
import { generateGermanPersons } from './german-persons.ts';
import { appendResults, commandLine, int, log, machine } from './percentiles.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FEBRL = path.join(ROOT, 'test', 'fixtures', 'febrl');
const PERSONS = Number(process.env.BENCH_MATCH_PERSONS ?? 1_000_000);
const GOAL_S = 120;

/** The calibration: a plain union of exact keys (id, surname + birth, name + postcode, address). */
const exactKeyUnion = (records: MatchRecord[]): MatchPair[] => {
  const prepared = records.map((record) => prepareRecord({ record }));
  const keys = [
    (i: number) => prepared[i]!.nationalId,
    (i: number) =>
      prepared[i]!.last && prepared[i]!.birth ? `${prepared[i]!.last}|${prepared[i]!.birth}` : '',
    (i: number) =>
      prepared[i]!.first && prepared[i]!.last && prepared[i]!.postalCode
        ? `${prepared[i]!.first}|${prepared[i]!.last}|${prepared[i]!.postalCode}`
        : '',
    (i: number) =>
      prepared[i]!.postalCode && prepared[i]!.houseNumber && prepared[i]!.street
        ? `${prepared[i]!.postalCode}|${prepared[i]!.houseNumber}|${prepared[i]!.street.slice(0, 4)}`
        : '',
  ];
  const pairs: MatchPair[] = [];
  for (const key of keys) {
    const groups = new Map<string, number[]>();
    records.forEach((_, i) => {
      const k = key(i);
      if (k) groups.set(k, [...(groups.get(k) ?? []), i]);
    });
    for (const list of groups.values())
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++)
          pairs.push({ a: records[list[x]!]!.id, b: records[list[y]!]!.id, score: 1 });
  }
  return pairs;
};

type Row = { data: string; records: number; engine: Quality; baseline?: Quality; ms: number };

const febrl = (name: string): Row => {
  const map = parseMatchMap({ json: fs.readFileSync(path.join(FEBRL, 'map.json'), 'utf8') });
  const records = readMatchRecords({ csv: fs.readFileSync(path.join(FEBRL, `${name}.csv`), 'utf8'), map });
  const truth = truthPairs({ ids: records.map((r) => r.id), groupOf: febrlGroup });
  const started = performance.now();
  const { pairs } = findDuplicates({ records });
  const ms = performance.now() - started;
  return {
    data: `FEBRL ${name}`,
    records: records.length,
    engine: evaluatePairs({ found: pairs, truth }),
    baseline: evaluatePairs({ found: exactKeyUnion(records), truth }),
    ms,
  };
};

const german = (count: number): Row & { candidates: number; rssMb: number } => {
  const set = generateGermanPersons({ count, seed: 8 });
  const truth = truthPairs({ ids: set.records.map((r) => r.id), groupOf: set.groupOf });
  const started = performance.now();
  const { pairs, candidates } = findDuplicates({ records: set.records });
  const ms = performance.now() - started;
  return {
    data: `German test set (seed 8, ${int(set.duplicates)} duplicates)`,
    records: count,
    engine: evaluatePairs({ found: pairs, truth }),
    baseline: count <= 100_000 ? evaluatePairs({ found: exactKeyUnion(set.records), truth }) : undefined,
    ms,
    candidates,
    rssMb: process.memoryUsage().rss / 1024 ** 2,
  };
};

/** `custos match` end to end (node bin/custos.mjs: CSV parsing, matching, writing PAIRS.csv) over a generated file. */
const cliRun = (count: number) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-match-bench-'));
  try {
    const { records } = generateGermanPersons({ count, seed: 8 });
    const columns = MATCH_FIELDS.filter((f) => f !== 'addressExtra' && f !== 'region' && f !== 'nationalId');
    fs.writeFileSync(
      path.join(dir, 'persons.csv'),
      stringify(
        records.map((r) => columns.map((c) => r[c] ?? '')),
        { header: true, columns: [...columns] },
      ),
    );
    fs.writeFileSync(
      path.join(dir, 'map.json'),
      JSON.stringify(Object.fromEntries(columns.map((c) => [c, c]))),
    );
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'custos.mjs'),
        'match',
        '--in',
        path.join(dir, 'persons.csv'),
        '--map',
        path.join(dir, 'map.json'),
        '--out',
        path.join(dir, 'pairs.csv'),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`custos match failed: ${run.stderr}`);
    return { seconds, stdout: run.stdout.trim().replace(/ written to .*$/, '') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

const pct = (v: number) => v.toFixed(4);
const qualityRow = (r: Row) =>
  `| ${r.data} | ${int(r.records)} | ${int(r.engine.truePairs)} | ${int(r.engine.found)} | ${pct(r.engine.precision)} | ${pct(r.engine.recall)} | **${pct(r.engine.f1)}** | ${r.baseline ? pct(r.baseline.f1) : '–'} | ${(r.ms / 1000).toFixed(2)} |`;

const main = async () => {
  const startedAt = new Date().toISOString();
  log('FEBRL');
  const rows: Row[] = [febrl('dataset1'), febrl('dataset2')];
  log('German test set, 20,000 records');
  rows.push(german(20_000));
  log(`German generated persons, ${int(PERSONS)} records (findDuplicates in-process)`);
  const big = german(PERSONS);
  rows.push(big);
  log(`custos match over ${int(PERSONS)} records (CLI)`);
  const cli = cliRun(PERSONS);
  log(`done: engine ${(big.ms / 1000).toFixed(1)} s, CLI ${cli.seconds.toFixed(1)} s`);
  const met = (s: number) => (s <= GOAL_S ? '**met**' : '**NOT met**');
  const section = `## ${startedAt.slice(0, 10)} (${startedAt.slice(11, 16)} UTC) — duplicate detection (issue 8)

- Machine: ${machine()}
- Command: \`${commandLine('bench:match')}\` (bench/match.bench.ts)
- Engine: \`findDuplicates\` (src/domain/matching) at the product threshold \`DEFAULT_MATCH_THRESHOLD\` = ${DEFAULT_MATCH_THRESHOLD}; FEBRL from test/fixtures/febrl; the German set from bench/german-persons.ts (originals, households, duplicates with transliteration, phonetic spellings, swapped names, typos, moves, missing fields). Truth: all pairs within a group. "Exact keys" is the issue's calibration: a union of exact keys (id number, surname + birth date, name + postcode, postcode + number + street prefix).

| data | records | true pairs | pairs found | precision | recall | F1 | F1 exact keys | time s |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.map(qualityRow).join('\n')}

| ${int(PERSONS)} generated persons | time s | goal ≤ ${GOAL_S} s |
|---|---:|---|
| \`findDuplicates\` in-process (${int(big.candidates)} candidate pairs scored, RSS ${int(big.rssMb)} MB) | ${(big.ms / 1000).toFixed(1)} | ${met(big.ms / 1000)} |
| \`custos match\` end to end (node bin/custos.mjs: start, CSV parse, match, write; "${cli.stdout}") | ${cli.seconds.toFixed(1)} | ${met(cli.seconds)} |

- One process, one thread; the machine's 2 cores were shared with other work during the run (load average ${os.loadavg()[0]!.toFixed(1)} at the end).
`;
  const file = appendResults('match', startedAt, section, { startedAt, rows, big, cli });
  process.stdout.write(`\n${section}\n${file}\n`);
};

await main();

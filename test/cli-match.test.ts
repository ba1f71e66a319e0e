import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePairs, febrlGroup, truthPairs } from '../src/domain/matching/evaluate.ts';
import { DEFAULT_MATCH_THRESHOLD } from '../src/domain/matching/score.ts';
import { cleanEnv, ROOT, runCli } from './support/cli.ts';

/**
 * `custos match` as ACCEPTANCE.md describes it: any CSV, a field mapping, PAIRS.csv with
 * id_a,id_b,score; no database or server (a data folder that does not exist stays absent).
 */
const FEBRL = path.join(ROOT, 'test', 'fixtures', 'febrl');

describe('custos match', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const cli = (...args: string[]) => runCli(args, env);
  const file = (name: string, content: string) => {
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  const readPairs = (name: string) =>
    Papa.parse<{ id_a: string; id_b: string; score: string }>(fs.readFileSync(path.join(dir, name), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-match-'));
    env = { ...cleanEnv(), CUSTOS_DATA_DIR: path.join(dir, 'no-data-here') };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the pairs of a small German file with the header id_a,id_b,score', async () => {
    const csv = file(
      'kunden.csv',
      ' nr , vorname,nachname,strasse,plz,ort,geburt\n' +
        'k1,Jürgen,Müller,Hauptstraße 12a,10115,Berlin,1970-03-14\n' +
        'k2,Juergen,Mueller,Hauptstr. 12 a,10115,Berlin,19700314\n' +
        'k3,Anna,Meier,Lindenweg 3,80331,München,1985-06-01\n' +
        'k4,Anna,Meyer,Lindenweg 3,80331,München,1985-06-01\n' +
        'k5,Thomas,Müller,Schulstraße 4,50667,Köln,1955-09-30\n',
    );
    const map = file(
      'map.json',
      JSON.stringify({
        id: 'nr',
        firstName: 'vorname',
        lastName: 'nachname',
        street: 'strasse',
        postalCode: 'plz',
        city: 'ort',
        birthDate: 'geburt',
      }),
    );
    const run = await cli('match', '--in', csv, '--map', map, '--out', path.join(dir, 'pairs.csv'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = readPairs('pairs.csv');
    expect(out.meta.fields).toEqual(['id_a', 'id_b', 'score']);
    expect(out.data.map((r) => `${r.id_a}-${r.id_b}`)).toEqual(['k1-k2', 'k3-k4']);
    for (const r of out.data) expect(Number(r.score)).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    expect(fs.existsSync(path.join(dir, 'no-data-here'))).toBe(false);
  });

  it('finds the FEBRL dataset1 duplicates with precision ≥ 0.99 and recall ≥ 0.98', async () => {
    const run = await cli(
      'match',
      '--in',
      path.join(FEBRL, 'dataset1.csv'),
      '--map',
      path.join(FEBRL, 'map.json'),
      '--out',
      path.join(dir, 'febrl1.csv'),
    );
    expect(run.code).toBe(0);
    const found = readPairs('febrl1.csv').data.map((r) => ({ a: r.id_a, b: r.id_b }));
    const ids = Papa.parse<Record<string, string>>(
      fs.readFileSync(path.join(FEBRL, 'dataset1.csv'), 'utf8'),
      {
        header: true,
        skipEmptyLines: true,
      },
    ).data.map((r) => r.rec_id!.trim());
    const q = evaluatePairs({ found, truth: truthPairs({ ids, groupOf: febrlGroup }) });
    expect(q.truePairs).toBe(500);
    expect(q.precision).toBeGreaterThanOrEqual(0.99);
    expect(q.recall).toBeGreaterThanOrEqual(0.98);
  });

  it.each<[string, () => string[], RegExp]>([
    [
      'a missing input file',
      () => ['--in', path.join(dir, 'nope.csv'), '--map', path.join(FEBRL, 'map.json')],
      /^custos: The file .*nope\.csv cannot be read \(ENOENT\)\. \[match_file_unreadable\]\n$/,
    ],
    [
      'a map that is not JSON',
      () => ['--in', path.join(FEBRL, 'dataset1.csv'), '--map', file('bad.json', '{"id": ')],
      /^custos: The field mapping \(MAP\.json\) is invalid: not valid JSON\. \[match_map_invalid\]\n$/,
    ],
    [
      'an unknown field name in the map',
      () => [
        '--in',
        path.join(FEBRL, 'dataset1.csv'),
        '--map',
        file('unknown.json', '{"id":"rec_id","surname":"surname"}'),
      ],
      /unknown field "surname".*\[match_map_invalid\]\n$/,
    ],
    [
      'a map without the id',
      () => ['--in', path.join(FEBRL, 'dataset1.csv'), '--map', file('noid.json', '{"lastName":"surname"}')],
      /"id" is not mapped.*\[match_map_invalid\]\n$/,
    ],
    [
      'a column missing in the file',
      () => [
        '--in',
        path.join(FEBRL, 'dataset1.csv'),
        '--map',
        file('col.json', '{"id":"rec_id","email":"e_mail"}'),
      ],
      /^custos: The column "e_mail" named in the field mapping is missing from the CSV file\. \[match_column_missing\]\n$/,
    ],
  ])('refuses %s with a clear message and exit 1', async (_, args, message) => {
    const out = path.join(dir, `never-${Math.random()}.csv`);
    const run = await cli('match', ...args(), '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });
});

import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  appendJournalEntry,
  appendJournalOutcome,
  isJournalDirectory,
  type JournalEntry,
  readJournal,
} from './erasure-journal-file.ts';

const entry = (n: number, erasedAt = '2026-04-01T10:00:00.000Z'): JournalEntry => ({
  tenantId: '00000000-0000-4000-8000-000000000001',
  personId: `00000000-0000-4000-8000-00000000000${n}`,
  requestId: null,
  erasedAt,
  suppressions: [{ kind: 'email', hash: 'ab'.repeat(32) }],
});
const withoutId = ({ id: _id, ...rest }: JournalEntry) => rest;

describe('erasure journal file', () => {
  it('appends one JSON line per entry into a new folder, file mode 0600, and reads them back in order', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'custos-journal-'));
    const file = path.join(dir, 'sub', 'erasure-journal.jsonl');
    expect(await readJournal(file)).toEqual([]);
    const first = await appendJournalEntry(file, entry(1));
    await appendJournalEntry(file, entry(2));
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await readJournal(file)).map(withoutId)).toEqual([entry(1), entry(2)]);
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(3);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('ignores a last line cut off by a crash, but refuses a damaged line in the middle', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'custos-journal-'));
    const file = path.join(dir, 'erasure-journal.jsonl');
    await appendJournalEntry(file, entry(1));
    await appendFile(file, '{"tenantId":"00000000-0000-4000-8000-0000');
    expect((await readJournal(file)).map(withoutId)).toEqual([entry(1)]);
    await writeFile(file, `{"broken\n${JSON.stringify(entry(1))}\n`);
    await expect(readJournal(file)).rejects.toThrow(/line 1/);
    await writeFile(file, `${JSON.stringify({ tenantId: 'x' })}\n${JSON.stringify(entry(1))}\n`);
    await expect(readJournal(file)).rejects.toThrow(/not an erasure entry/);
  });

  it('reads lines from before outcome lines (no id) as they are, and pairs an entry with its outcome line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'custos-journal-'));
    const file = path.join(dir, 'erasure-journal.jsonl');
    await writeFile(file, `${JSON.stringify(entry(1))}\n`);
    const kept = await appendJournalEntry(file, entry(2));
    const undone = await appendJournalEntry(file, entry(3));
    const open = await appendJournalEntry(file, entry(4));
    await appendJournalOutcome(file, { id: kept.id as string, outcome: 'committed' });
    await appendJournalOutcome(file, { id: undone.id as string, outcome: 'rolledBack' });
    expect(await readJournal(file)).toEqual([
      entry(1),
      { ...kept, outcome: 'committed' },
      { ...undone, outcome: 'rolledBack' },
      open,
    ]);
  });

  it('a directory: each writer appends to a file of its own; reading merges them by time, each entry once', async () => {
    const dir = `${await mkdtemp(path.join(os.tmpdir(), 'custos-journal-'))}/journal/`;
    expect(isJournalDirectory(dir)).toBe(true);
    // two instances: their own files (written here by two processes' worth of appends)
    const late = await appendJournalEntry(dir, entry(2, '2026-04-01T12:00:00.000Z'));
    await appendJournalOutcome(dir, { id: late.id as string, outcome: 'committed' });
    const other = path.join(dir, 'other-host-1-abcd.jsonl');
    const early = { id: '11111111-1111-4111-8111-111111111111', ...entry(1, '2026-04-01T09:00:00.000Z') };
    await writeFile(
      other,
      `${JSON.stringify(early)}\n${JSON.stringify(early)}\n${JSON.stringify({ id: early.id, outcome: 'committed' })}\n`,
    );
    await writeFile(path.join(dir, 'notes.txt'), 'not a journal file\n');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl'));
    expect(files).toHaveLength(2);
    expect(files.find((f) => f !== 'other-host-1-abcd.jsonl')).toMatch(
      new RegExp(
        `^${os
          .hostname()
          .replace(/[^A-Za-z0-9.-]/g, '_')
          .slice(0, 64)}-${process.pid}-[0-9a-f]{8}\\.jsonl$`,
      ),
    );
    expect(await readJournal(dir)).toEqual([
      { ...early, outcome: 'committed' },
      { ...late, outcome: 'committed' },
    ]);
    // the same process keeps appending to its one file
    await appendJournalEntry(dir, entry(3));
    expect((await readdir(dir)).filter((f) => f.endsWith('.jsonl'))).toHaveLength(2);
    // an existing directory counts without the trailing slash
    const plain = await mkdtemp(path.join(os.tmpdir(), 'custos-journal-'));
    await mkdir(path.join(plain, 'x'));
    expect(isJournalDirectory(path.join(plain, 'x'))).toBe(true);
    expect(isJournalDirectory(path.join(plain, 'x.jsonl'))).toBe(false);
  });

  it('two processes append to one directory concurrently: one file each, every line whole, read as one journal', async () => {
    const dir = `${await mkdtemp(path.join(os.tmpdir(), 'custos-journal-'))}/`;
    const writer = (n: number) =>
      promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(path.join(import.meta.dirname, 'erasure-journal-file.ts'))});
           for (let i = 0; i < 50; i++) {
             const e = await m.appendJournalEntry(${JSON.stringify(dir)}, { tenantId: 't', personId: 'p${n}-' + i, requestId: null, erasedAt: new Date(Date.UTC(2026, 3, 1, 10, 0, i, ${n})).toISOString(), suppressions: [] });
             await m.appendJournalOutcome(${JSON.stringify(dir)}, { id: e.id, outcome: 'committed' });
           }`,
        ],
        { cwd: path.join(import.meta.dirname, '..', '..', '..') },
      );
    await Promise.all([writer(1), writer(2)]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.jsonl'))).toHaveLength(2);
    const journal = await readJournal(dir);
    expect(journal).toHaveLength(100);
    expect(journal.every((e) => e.outcome === 'committed')).toBe(true);
    // merged by time: the two writers' entries interleave second by second
    expect(journal.slice(0, 4).map((e) => e.personId)).toEqual(['p1-0', 'p2-0', 'p1-1', 'p2-1']);
  });
});

import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendJournalEntry, type JournalEntry, readJournal } from './erasure-journal-file.ts';

const entry = (n: number): JournalEntry => ({
  tenantId: '00000000-0000-4000-8000-000000000001',
  personId: `00000000-0000-4000-8000-00000000000${n}`,
  requestId: null,
  erasedAt: '2026-04-01T10:00:00.000Z',
  suppressions: [{ kind: 'email', hash: 'ab'.repeat(32) }],
});

describe('erasure journal file', () => {
  it('appends one JSON line per entry into a new folder, file mode 0600, and reads them back in order', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'custos-journal-'));
    const file = path.join(dir, 'sub', 'erasure-journal.jsonl');
    expect(await readJournal(file)).toEqual([]);
    await appendJournalEntry(file, entry(1));
    await appendJournalEntry(file, entry(2));
    expect(await readJournal(file)).toEqual([entry(1), entry(2)]);
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(3);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('ignores a last line cut off by a crash, but refuses a damaged line in the middle', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'custos-journal-'));
    const file = path.join(dir, 'erasure-journal.jsonl');
    await appendJournalEntry(file, entry(1));
    await appendFile(file, '{"tenantId":"00000000-0000-4000-8000-0000');
    expect(await readJournal(file)).toEqual([entry(1)]);
    await writeFile(file, `{"broken\n${JSON.stringify(entry(1))}\n`);
    await expect(readJournal(file)).rejects.toThrow(/line 1/);
    await writeFile(file, `${JSON.stringify({ tenantId: 'x' })}\n${JSON.stringify(entry(1))}\n`);
    await expect(readJournal(file)).rejects.toThrow(/not an erasure entry/);
  });
});

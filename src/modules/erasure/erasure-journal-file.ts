import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SuppressionKind } from './suppression-keys.ts';

/**
 * The erasure journal outside the database: one JSON line per erasure, appended and fsynced, never
 * rewritten. It holds identifiers and keyed hashes only (no name, no plain e-mail or phone), so it may
 * outlive every backup it protects. A restore of an older dump re-applies it (`reapplyErasures`).
 */
export type JournalEntry = {
  tenantId: string;
  personId: string;
  requestId: string | null;
  /** ISO instant */
  erasedAt: string;
  suppressions: { kind: SuppressionKind; hash: string }[];
  /** set when the retention sweep erased the person (data type id): re-applied without suppression */
  retention?: string;
};

const isEntry = (v: unknown): v is JournalEntry => {
  const e = v as Partial<JournalEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.tenantId === 'string' &&
    typeof e.personId === 'string' &&
    (e.requestId === null || typeof e.requestId === 'string') &&
    typeof e.erasedAt === 'string' &&
    Array.isArray(e.suppressions)
  );
};

/** Appends one line and fsyncs the file (and, when the file is new, its folder) before returning. */
export const appendJournalEntry = async (file: string, entry: JournalEntry) => {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let created = false;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'wx', 0o600);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    handle = await open(file, 'a', 0o600);
  }
  try {
    await handle.appendFile(`${JSON.stringify(entry)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) {
    // the new directory entry must be durable too
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } catch {
      // some file systems refuse fsync on a directory; the file itself is synced
    } finally {
      await d.close();
    }
  }
};

/**
 * The entries of the journal file, oldest first; none when the file does not exist. A last line cut
 * off by a crash mid-write is ignored; any other unreadable line is an error (the journal is proof).
 */
export const readJournal = async (file: string): Promise<JournalEntry[]> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const entries: JournalEntry[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const last = i === lines.length - 1; // no newline after it: an interrupted append
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (last) continue;
      throw new Error(`erasure journal ${file}: line ${i + 1} is not valid JSON`);
    }
    if (!isEntry(parsed)) {
      if (last) continue;
      throw new Error(`erasure journal ${file}: line ${i + 1} is not an erasure entry`);
    }
    entries.push(parsed);
  }
  return entries;
};

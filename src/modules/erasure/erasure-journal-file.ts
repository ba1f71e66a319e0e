import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SuppressionKind } from './suppression-keys.ts';

/**
 * The erasure journal outside the database: one JSON line per erasure, appended and fsynced, never
 * rewritten. It holds identifiers and keyed hashes only (no name, no plain e-mail or phone), so it may
 * outlive every backup it protects. A restore of an older dump re-applies it (`reapplyErasures`).
 *
 * `CUSTOS_ERASURE_JOURNAL` names one file (one process), or a directory (a path ending in `/`, or an
 * existing directory): then every process appends to a file of its own in it, created exclusively
 * (`<host>-<pid>-<random>.jsonl`), and a restore reads all of them as one journal.
 */
export type JournalEntry = {
  /** the erasure's id, named again by its outcome line; absent in lines from before outcome lines */
  id?: string;
  tenantId: string;
  personId: string;
  requestId: string | null;
  /** ISO instant */
  erasedAt: string;
  suppressions: { kind: SuppressionKind; hash: string }[];
  /** set when the retention sweep erased the person (data type id): re-applied without suppression */
  retention?: string;
};

/** Written once the erasure's transaction ended: whether the erasure happened. */
export type JournalOutcome = { id: string; outcome: 'committed' | 'rolledBack' };

/** An entry as read back, with its outcome when one was written. */
export type JournalRecord = JournalEntry & { outcome?: JournalOutcome['outcome'] };

const isEntry = (v: unknown): v is JournalEntry => {
  const e = v as Partial<JournalEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    (e.id === undefined || typeof e.id === 'string') &&
    typeof e.tenantId === 'string' &&
    typeof e.personId === 'string' &&
    (e.requestId === null || typeof e.requestId === 'string') &&
    typeof e.erasedAt === 'string' &&
    Array.isArray(e.suppressions)
  );
};

const isOutcome = (v: unknown): v is JournalOutcome => {
  const o = v as Partial<JournalOutcome> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.id === 'string' &&
    (o.outcome === 'committed' || o.outcome === 'rolledBack')
  );
};

/** Whether the configured journal is a directory of per-instance files. */
export const isJournalDirectory = (target: string) =>
  /[\\/]$/.test(target) || (existsSync(target) && statSync(target).isDirectory());

const fsyncDir = async (dir: string) => {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } catch {
    // some file systems refuse fsync on a directory; the file itself is synced
  } finally {
    await d.close();
  }
};

/** This process's file in a journal directory, created exclusively on first use. */
const ownFiles = new Map<string, string>();
const ownFile = async (dir: string): Promise<string> => {
  const known = ownFiles.get(dir);
  if (known) return known;
  const host =
    os
      .hostname()
      .replace(/[^A-Za-z0-9.-]/g, '_')
      .slice(0, 64) || 'host';
  for (;;) {
    const file = path.join(dir, `${host}-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
    try {
      await (await open(file, 'wx', 0o600)).close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await fsyncDir(dir);
    ownFiles.set(dir, file);
    return file;
  }
};

/** Appends one line and fsyncs the file (and, when the file is new, its folder) before returning. */
const appendLine = async (target: string, line: object) => {
  const directory = isJournalDirectory(target);
  const dir = directory ? target : path.dirname(target);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = directory ? await ownFile(dir) : target;
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
    await handle.appendFile(`${JSON.stringify(line)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await fsyncDir(dir); // the new directory entry must be durable too
};

/** The erasure's line, before its transaction commits; returns the entry with its id. */
export const appendJournalEntry = async (target: string, entry: JournalEntry): Promise<JournalEntry> => {
  const { id, ...rest } = entry;
  const withId = { id: id ?? randomUUID(), ...rest };
  await appendLine(target, withId);
  return withId;
};

/** The outcome line, after the erasure's transaction ended. */
export const appendJournalOutcome = (target: string, outcome: JournalOutcome) => appendLine(target, outcome);

/**
 * The lines of one file; none when it does not exist. A last line cut off by a crash mid-write is
 * ignored; any other unreadable line is an error (the journal is proof).
 */
const readJournalFile = async (file: string): Promise<(JournalEntry | JournalOutcome)[]> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const out: (JournalEntry | JournalOutcome)[] = [];
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
    if (!isEntry(parsed) && !isOutcome(parsed)) {
      if (last) continue;
      throw new Error(`erasure journal ${file}: line ${i + 1} is not an erasure entry`);
    }
    out.push(parsed);
  }
  return out;
};

/**
 * Every entry of the journal (one file, or all `*.jsonl` files of the directory merged), oldest
 * first by erasure time, each once (the same id, or the same line without id, counts once), with the
 * outcome its outcome line gave.
 */
export const readJournal = async (target: string): Promise<JournalRecord[]> => {
  const files = isJournalDirectory(target)
    ? (await readdir(target))
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  const entries = new Map<string, JournalRecord>();
  const outcomes = new Map<string, JournalOutcome['outcome']>();
  for (const file of files)
    for (const line of await readJournalFile(file)) {
      if (isEntry(line)) {
        const key = line.id ?? JSON.stringify(line);
        if (!entries.has(key)) entries.set(key, line);
      } else if (outcomes.get(line.id) !== 'committed') outcomes.set(line.id, line.outcome);
    }
  const records = [...entries.values()].map((e) => {
    const outcome = e.id ? outcomes.get(e.id) : undefined;
    return outcome ? { ...e, outcome } : e;
  });
  // stable: equal times keep the order of the files and lines
  return records.sort((x, y) => Date.parse(x.erasedAt) - Date.parse(y.erasedAt));
};

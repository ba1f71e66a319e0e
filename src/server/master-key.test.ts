import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMasterKey, MasterKeyError } from './master-key.ts';

/** A fixed 32-byte key whose base64 contains '+' and '/', so base64url look-alikes can be built. */
const KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 251) % 256));
const KEY_B64 = KEY.toString('base64');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-master-key-'));
let counter = 0;
const freshDir = () => path.join(root, `d${++counter}`);
const keyFile = (dir: string) => path.join(dir, 'master.key');

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const loadError = (fn: () => unknown): MasterKeyError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MasterKeyError);
    return error as MasterKeyError;
  }
  throw new Error('expected a MasterKeyError, the key was accepted');
};

describe('CUSTOS_MASTER_KEY from the environment', () => {
  it('the test key really exercises + and /', () => {
    expect(KEY_B64).toMatch(/[+/]/);
    expect(KEY_B64).toHaveLength(44);
  });

  it('accepts base64 of 32 bytes and returns those bytes', () => {
    const dir = freshDir();
    expect(loadMasterKey({ masterKeyBase64: KEY_B64, dataDir: dir }).equals(KEY)).toBe(true);
  });

  it('tolerates surrounding whitespace and a trailing newline', () => {
    expect(loadMasterKey({ masterKeyBase64: `  ${KEY_B64}\n`, dataDir: freshDir() }).equals(KEY)).toBe(true);
  });

  it('takes precedence over the key file and creates no file', () => {
    const dir = freshDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(keyFile(dir), 'garbage\n');
    expect(loadMasterKey({ masterKeyBase64: KEY_B64, dataDir: dir }).equals(KEY)).toBe(true);
    expect(fs.readFileSync(keyFile(dir), 'utf8')).toBe('garbage\n');
    const other = freshDir();
    loadMasterKey({ masterKeyBase64: KEY_B64, dataDir: other });
    expect(fs.existsSync(keyFile(other))).toBe(false);
  });

  it.each([
    ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
    ['31 bytes', Buffer.alloc(31, 1).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
    ['64 bytes', Buffer.alloc(64, 1).toString('base64')],
    ['a 32-character password', 'a-password-of-32-characters-----'],
  ])('refuses a key of the wrong length: %s', (_, value) => {
    const error = loadError(() => loadMasterKey({ masterKeyBase64: value, dataDir: freshDir() }));
    expect(error.message).toContain('CUSTOS_MASTER_KEY');
    expect(error.message).toContain('32 bytes');
  });

  it.each([
    ['not base64 at all', '!!!! this is not base64, not even close !!!!'],
    ['base64url instead of base64', KEY.toString('base64url')],
    ['missing padding', KEY_B64.replace(/=+$/, '')],
    ['hex', KEY.toString('hex')],
    ['inner whitespace', `${KEY_B64.slice(0, 20)} ${KEY_B64.slice(20)}`],
    ['a stray character', `${KEY_B64.slice(0, 43)}*=`],
  ])('refuses invalid base64: %s', (_, value) => {
    loadError(() => loadMasterKey({ masterKeyBase64: value, dataDir: freshDir() }));
  });

  it('does not echo the offending value in the error', () => {
    const secret = Buffer.alloc(24, 9).toString('base64');
    const error = loadError(() => loadMasterKey({ masterKeyBase64: secret, dataDir: freshDir() }));
    expect(error.message).not.toContain(secret);
  });
});

describe('the key file <dataDir>/master.key', () => {
  let umask: number;
  beforeEach(() => {
    // With umask 0 the file's mode comes from the code alone, not from a strict shell umask.
    umask = process.umask(0);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('is generated on first use with mode 0600, in a data folder created on demand', () => {
    const dir = path.join(freshDir(), 'nested', 'data');
    const key = loadMasterKey({ dataDir: dir });
    expect(key).toHaveLength(32);
    const stat = fs.statSync(keyFile(dir));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile(dir), 'utf8')).toBe(`${key.toString('base64')}\n`);
  });

  it('creates a missing data folder with mode 0700 (it also holds the database files)', () => {
    const dir = freshDir();
    loadMasterKey({ dataDir: dir });
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('is read back unchanged on the next start', () => {
    const dir = freshDir();
    const first = loadMasterKey({ dataDir: dir });
    const before = fs.readFileSync(keyFile(dir), 'utf8');
    const second = loadMasterKey({ dataDir: dir });
    expect(second.equals(first)).toBe(true);
    expect(fs.readFileSync(keyFile(dir), 'utf8')).toBe(before);
  });

  it('differs between installations', () => {
    expect(loadMasterKey({ dataDir: freshDir() }).equals(loadMasterKey({ dataDir: freshDir() }))).toBe(false);
  });

  it('accepts an existing valid key file written by an operator', () => {
    const dir = freshDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(keyFile(dir), `${KEY_B64}\n`, { mode: 0o600 });
    expect(loadMasterKey({ dataDir: dir }).equals(KEY)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['too short', `${Buffer.alloc(16, 3).toString('base64')}\n`],
    ['not base64', 'this is not a key\n'],
    ['two keys', `${KEY_B64}\n${KEY_B64}\n`],
  ])('an existing malformed file (%s) is an error and is NOT overwritten', (_, content) => {
    const dir = freshDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(keyFile(dir), content, { mode: 0o640 });
    const error = loadError(() => loadMasterKey({ dataDir: dir }));
    expect(error.message).toContain(keyFile(dir));
    expect(fs.readFileSync(keyFile(dir), 'utf8')).toBe(content);
    expect(fs.statSync(keyFile(dir)).mode & 0o777).toBe(0o640);
    // A second start fails the same way: the broken file is never replaced by a fresh key.
    loadError(() => loadMasterKey({ dataDir: dir }));
    expect(fs.readFileSync(keyFile(dir), 'utf8')).toBe(content);
  });
});

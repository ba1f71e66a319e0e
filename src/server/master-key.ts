import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

const decode = (text: string, origin: string): Buffer => {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32 || key.toString('base64') !== text.trim()) {
    throw new MasterKeyError(
      `${origin} must be 32 bytes in base64 (44 characters); it is not, so Custos will not start.`,
    );
  }
  return key;
};

/**
 * The installation master key: `CUSTOS_MASTER_KEY` if set, else `<dataDir>/master.key`, generated
 * with mode 0600 on first use. An existing but malformed key file is an error, never overwritten.
 */
export const loadMasterKey = ({
  masterKeyBase64,
  dataDir,
}: {
  masterKeyBase64?: string;
  dataDir: string;
}): Buffer => {
  if (masterKeyBase64) return decode(masterKeyBase64, 'CUSTOS_MASTER_KEY');
  const file = path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) return decode(fs.readFileSync(file, 'utf8'), `The key file ${file}`);
  // 0700: the folder also holds the database, whose files PGlite creates world-readable (0666).
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
};

/** Key files of a rotation: the next key while it is under way. */
export const nextKeyFile = (dataDir: string) => path.join(dataDir, 'master.key.next');
export const currentKeyFile = (dataDir: string) => path.join(dataDir, 'master.key');

/** `CUSTOS_MASTER_KEY_NEXT`: the key a coming rotation switches to, given to every instance first. */
export const loadNextMasterKey = (env: NodeJS.ProcessEnv = process.env): Buffer | undefined =>
  env.CUSTOS_MASTER_KEY_NEXT ? decode(env.CUSTOS_MASTER_KEY_NEXT, 'CUSTOS_MASTER_KEY_NEXT') : undefined;

/**
 * The rest of the keyring: `master.key.next` in the data folder, `CUSTOS_MASTER_KEY_NEXT` and
 * `CUSTOS_MASTER_KEY_PREVIOUS`. Which key wraps new data is not decided here: the database names it
 * (`tenants.master_key_id`, switched by `custos keys rotate`); these keys open what they wrapped.
 */
export const loadOtherMasterKeys = (
  { dataDir }: { dataDir: string },
  env: NodeJS.ProcessEnv = process.env,
): Buffer[] => {
  const keys: Buffer[] = [];
  const next = nextKeyFile(dataDir);
  if (fs.existsSync(next)) keys.push(decode(fs.readFileSync(next, 'utf8'), `The key file ${next}`));
  const nextEnv = loadNextMasterKey(env);
  if (nextEnv) keys.push(nextEnv);
  const previous = env.CUSTOS_MASTER_KEY_PREVIOUS;
  if (previous) keys.push(decode(previous, 'CUSTOS_MASTER_KEY_PREVIOUS'));
  return keys;
};

/** Reads (resuming) or creates the next key of a rotation, mode 0600. */
export const ensureNextKey = (dataDir: string): Buffer => {
  const file = nextKeyFile(dataDir);
  if (fs.existsSync(file)) return decode(fs.readFileSync(file, 'utf8'), `The key file ${file}`);
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
};

/** Ends a rotation: the next key replaces the current key file in one atomic rename. */
export const promoteNextKey = (dataDir: string) =>
  fs.renameSync(nextKeyFile(dataDir), currentKeyFile(dataDir));

/** A key given as a file (base64 of 32 bytes). */
export const readKeyFile = (file: string): Buffer => {
  if (!fs.existsSync(file)) throw new MasterKeyError(`The key file ${file} does not exist.`);
  return decode(fs.readFileSync(file, 'utf8'), `The key file ${file}`);
};

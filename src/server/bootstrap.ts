import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { assertMasterKeyMatches } from '../modules/keys/keys.service.ts';
import type { AppContext } from './context.ts';
import { loadMasterKey, loadOtherMasterKeys } from './master-key.ts';

export class DataDirLockedError extends Error {
  constructor(pid: number) {
    super(`The embedded database is in use by process ${pid}. Stop it first, or use its control socket.`);
    this.name = 'DataDirLockedError';
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** PGlite allows one process per data folder: a pid lock file keeps a second one out. */
const lockPgliteDir = (dir: string): (() => void) => {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lockFile = path.join(dir, 'custos.pid');
  if (fs.existsSync(lockFile)) {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(pid);
  }
  fs.writeFileSync(lockFile, String(process.pid), { mode: 0o600 });
  return () => fs.rmSync(lockFile, { force: true });
};

/** Opens the database (PGlite in the data folder, or DATABASE_URL), applies migrations, loads the master key. */
export const openContext = async (
  config: Config,
  { applyMigrations = true }: { applyMigrations?: boolean } = {},
): Promise<AppContext & { close: () => Promise<void> }> => {
  const masterKey = loadMasterKey({ masterKeyBase64: config.masterKeyBase64, dataDir: config.dataDir });
  const pgliteDir = path.join(config.dataDir, 'pglite');
  const unlock = config.databaseUrl ? () => {} : lockPgliteDir(pgliteDir);
  try {
    const db = config.databaseUrl
      ? await openDatabase({ url: config.databaseUrl })
      : await openDatabase({ dataDir: pgliteDir });
    if (applyMigrations) await migrate({ db });
    const ctx: AppContext = {
      db,
      config,
      masterKey,
      otherMasterKeys: loadOtherMasterKeys(config),
      now: () => new Date(),
    };
    const close = async () => {
      await db.close();
      unlock();
    };
    if (applyMigrations) {
      try {
        await assertMasterKeyMatches(ctx);
      } catch (error) {
        await close();
        throw error;
      }
    }
    return { ...ctx, close };
  } catch (error) {
    unlock();
    throw error;
  }
};

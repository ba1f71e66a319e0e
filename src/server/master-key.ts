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
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
};

import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { buildApp } from './app.ts';

/** The OpenAPI 3.1 document as committed in openapi/openapi.json (stable formatting). */
export const renderOpenApi = async (): Promise<string> => {
  const db = await openDatabase({ dataDir: 'memory://' });
  const ctx = { db, config: loadConfig({}), masterKey: randomBytes(32), now: () => new Date() };
  const app = await buildApp({ ctx, logger: false });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  await db.close();
  return `${JSON.stringify(doc, null, 2)}\n`;
};

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { initInstallation } from '../../src/modules/setup/setup.service.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';

export const E2E_ADMIN = { email: 'admin@example.de', password: 'correct horse battery staple' };

/**
 * The real server (API + built web UI from web/dist) on a loopback port with a fresh in-memory
 * PGlite database and one administrator. `npm run test:e2e` builds the UI first.
 */
export const startE2eServer = async () => {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrate({ db });
  const config = loadConfig({
    CUSTOS_DATA_DIR: path.join(os.tmpdir(), `custos-e2e-${randomBytes(4).toString('hex')}`),
  });
  const ctx: AppContext = { db, config, masterKey: randomBytes(32), now: () => new Date() };
  await initInstallation(ctx, {
    organizationName: 'Muster GmbH',
    adminName: 'Erika Admin',
    adminEmail: E2E_ADMIN.email,
    adminPassword: E2E_ADMIN.password,
  });
  const app = await buildApp({ ctx, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    ctx,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
};

import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Role } from '../domain/permissions/roles.ts';

/** Everything a service needs from the running installation, passed explicitly. */
export type AppContext = {
  db: Database;
  config: Config;
  /** The current master key: wraps every new data key. */
  masterKey: Buffer;
  /** Older master keys that may still wrap data keys while a rotation is under way. */
  otherMasterKeys?: Buffer[];
  now: () => Date;
  /** One-time code printed at start while no installation exists; the web set-up form asks for it. */
  setupCode?: string;
};

/** Who is acting: a logged-in user (session) or an integration (API token) carrying that user's rights. */
export type Actor = {
  tenantId: string;
  userId: string;
  role: Role;
  departmentIds: string[];
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
};

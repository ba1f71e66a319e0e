import { createHash } from 'node:crypto';
import type { Tx } from '../../db/tenant.ts';
import { BLOCKING_KEYS } from '../../domain/matching/blocking.ts';
import { prepareRecord } from '../../domain/matching/prepare.ts';
import type { MatchRecord, PreparedRecord } from '../../domain/matching/types.ts';
import * as repo from './duplicates.repository.ts';

/** The person columns the duplicate engine compares. */
export type MatchColumns = {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  birth_date: string | Date | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
};

const isoDate = (d: string | Date | null) =>
  d == null ? undefined : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

/** A person row as the engine's record (the street column holds street and house number). */
export const matchRecordOf = (row: MatchColumns): MatchRecord => ({
  id: row.id,
  firstName: row.first_name,
  lastName: row.last_name,
  email: row.email ?? undefined,
  phone: row.phone ?? undefined,
  birthDate: isoDate(row.birth_date),
  street: row.street ?? undefined,
  postalCode: row.postal_code ?? undefined,
  city: row.city ?? undefined,
});

/**
 * A blocking key as stored: SHA-256 of tenant, key kind and key, 16 hex digits. The table never holds
 * the normalised values themselves; the rows go with the person (foreign key, on delete cascade).
 */
export const keyHash = (tenantId: string, name: string, key: string) =>
  createHash('sha256').update(`${tenantId}\u0000${name}\u0000${key}`).digest('hex').slice(0, 16);

/** The (kind, hash) blocking keys of one prepared record; kinds without a key are left out. */
export const matchKeysOf = (tenantId: string, prepared: PreparedRecord) =>
  BLOCKING_KEYS.flatMap((k) => {
    const key = k.key(prepared);
    return key ? [{ key_name: k.name, key_hash: keyHash(tenantId, k.name, key) }] : [];
  });

const CHUNK = 500;

/** The rows of person_match_keys for one person (as refreshMatchKeys and a bulk import write them). */
export const matchKeyRowsOf = (tenantId: string, row: MatchColumns) =>
  matchKeysOf(tenantId, prepareRecord({ record: matchRecordOf(row) })).map((k) => ({
    tenant_id: tenantId,
    person_id: row.id,
    ...k,
  }));

/**
 * Recomputes the blocking keys of the given persons (after a create or change of a matching field, or
 * after a bulk import). Persons that no longer exist lose their keys. Runs in the caller's transaction.
 */
export const refreshMatchKeys = async (
  tx: Tx,
  { tenantId, personIds }: { tenantId: string; personIds: readonly string[] },
): Promise<void> => {
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const ids = personIds.slice(i, i + CHUNK);
    const rows = await repo.matchColumnsOf(tx, ids);
    const keys = rows.flatMap((row) => matchKeyRowsOf(tenantId, row));
    await repo.replaceMatchKeys(tx, ids, keys);
  }
};

/** The person columns whose change means new blocking keys. */
export const MATCH_INPUT_KEYS = ['firstName', 'lastName', 'email', 'phone', 'birthDate', 'address'] as const;

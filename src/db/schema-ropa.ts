/** Kysely table types of the ropa migration (issue 7); part of `DB` in schema.ts. */
export type RopaTables = Record<never, never>;

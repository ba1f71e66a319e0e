/** Kysely table types of the dpia migration (issue 7); part of `DB` in schema.ts. */
export type DpiaTables = Record<never, never>;

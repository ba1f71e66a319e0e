import type { SweepTarget } from './target.ts';

/** Targets over business records: interactions, invoices, quotes, orders, deals, cases. */
export const RECORD_TARGETS: SweepTarget[] = [];

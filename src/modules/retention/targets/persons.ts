import type { SweepTarget } from './target.ts';

/** Targets that erase whole persons (stale prospects, former customers, expired) and consent proofs. */
export const PERSON_TARGETS: SweepTarget[] = [];

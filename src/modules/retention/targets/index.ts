import type { SweepTargetId } from '../../../domain/retention/targets.ts';
import { PERSON_TARGETS } from './persons.ts';
import { PHOTO_TARGET } from './photos.ts';
import { RECORD_TARGETS } from './records.ts';
import type { SweepTarget } from './target.ts';

/** Every target the sweep knows, by id. */
export const sweepTargets = (): Map<SweepTargetId, SweepTarget> =>
  new Map([...RECORD_TARGETS, ...PERSON_TARGETS, PHOTO_TARGET].map((t) => [t.id, t]));

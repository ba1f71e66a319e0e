import type { Tx } from '../../db/tenant.ts';

/** Whether a purpose needs a DPIA (Art. 35) and where it stands. */
export type DpiaStatus = {
  purposeId: string;
  required: boolean;
  /** the trigger keys found (special categories, profiling, DSK list items, WP248 criteria) */
  triggers: string[];
  status: 'none' | 'draft' | 'signed_off' | 'review_due';
  dpiaId: string | null;
  signedOffAt: string | null;
  reviewAt: string | null;
};

/** Every declared purpose with its DPIA status. Owner: DPIA (helper 6). */
export const dpiaStatusByPurpose = async (_tx: Tx, _input: { now: Date }): Promise<DpiaStatus[]> => [];

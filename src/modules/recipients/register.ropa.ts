import type { Tx } from '../../db/tenant.ts';

/** A register entry as the record of processing activities shows it (Art. 30(1)(d), (e)). */
export type RegisterEntry = {
  id: string;
  name: string;
  /** recipients.kind: processor, controller, authority, internal_system, other */
  kind: string;
  /** where the data lives: database, spreadsheet, paper, saas, application, other */
  location: string | null;
  country: string | null;
  thirdCountry: boolean;
  /** adequacy, dpf, scc, bcr, derogation; null when none is needed or none is documented */
  transferMechanism: string | null;
  purposes: string[];
  dataCategories: string[];
  avvSignedAt: string | null;
  toms: string | null;
};

/** The register as the RoPA needs it (active entries only). Owner: the register (helper 4). */
export const registerForRopa = async (_tx: Tx): Promise<RegisterEntry[]> => [];

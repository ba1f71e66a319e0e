import type { Tx } from '../../db/tenant.ts';
import { assessEntry } from '../../domain/transfers/transfers.ts';
import { factsOfRow } from './register.facts.ts';
import { listActiveEntries } from './register.repository.ts';

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
  /**
   * adequacy, dpf, scc, bcr, derogation; null when none is needed or none is documented. 'adequacy'
   * also where an adequacy decision covers the country and no mechanism was entered.
   */
  transferMechanism: string | null;
  purposes: string[];
  dataCategories: string[];
  avvSignedAt: string | null;
  toms: string | null;
  /** groups of data subjects whose data the entry holds */
  subjectGroups: string[];
  /** the Commission's adequacy decision for the country (Art. 45), e.g. 'Durchführungsbeschluss (EU) 2019/419' */
  adequacyDecision: string | null;
  /** SCC module of (EU) 2021/914 when the mechanism is scc */
  sccModule: string | null;
};

/**
 * The register as the RoPA needs it: active entries only, by name, in the caller's tenant
 * transaction. Owner: the register (helper 4).
 */
export const registerForRopa = async (tx: Tx): Promise<RegisterEntry[]> =>
  (await listActiveEntries(tx)).map((row) => {
    const a = assessEntry(factsOfRow(row));
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      location: row.location,
      country: row.country,
      thirdCountry: a.thirdCountry,
      transferMechanism: a.effectiveMechanism,
      purposes: row.purposes,
      dataCategories: row.data_categories,
      avvSignedAt: row.avv_signed_on,
      toms: row.toms,
      subjectGroups: row.subject_groups,
      adequacyDecision: a.adequacy?.reference ?? null,
      sccModule: row.scc_module,
    };
  });

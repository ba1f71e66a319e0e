import type { Tx } from '../../db/tenant.ts';
import { assessEntry } from '../../domain/transfers/transfers.ts';
import type { RegisterRecipientFact } from '../subject-data/subject-data.types.ts';
import { factsOfRow } from './register.facts.ts';
import { listEntriesForPurposes } from './register.repository.ts';

/**
 * Art. 15(1)(c) and (2): the register entries (not internal systems) that hold data for the person's
 * purposes, by name, with country and transfer mechanism. In the caller's transaction.
 */
export const registerRecipientsFor = async (
  tx: Tx,
  personPurposes: readonly string[],
): Promise<RegisterRecipientFact[]> =>
  (await listEntriesForPurposes(tx, personPurposes)).map((row) => {
    const a = assessEntry(factsOfRow(row));
    return {
      name: row.name,
      kind: row.kind,
      country: row.country,
      thirdCountry: a.thirdCountry,
      transferMechanism: a.effectiveMechanism,
      adequacyDecision: a.adequacy?.reference ?? null,
      categories: [...row.data_categories].sort(),
      purposes: row.purposes.filter((p) => personPurposes.includes(p)),
    };
  });

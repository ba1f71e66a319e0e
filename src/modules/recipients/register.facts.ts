import type { EntryFacts, SccModule, TransferMechanism } from '../../domain/transfers/transfers.ts';
import type { RegisterRow } from './register.repository.ts';

/** The transfer rules' view of a register row. */
export const factsOfRow = (row: RegisterRow): EntryFacts => ({
  kind: row.kind,
  location: row.location,
  country: row.country,
  mechanism: row.transfer_mechanism as TransferMechanism | null,
  sccModule: row.scc_module as SccModule | null,
  tiaDate: row.tia_date,
  dpfCheckedOn: row.dpf_checked_on,
  avvSignedOn: row.avv_signed_on,
  hasAvvDocument: row.avv_file_name !== null,
});

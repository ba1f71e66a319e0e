import type { Updateable } from 'kysely';
import type { RecipientsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import {
  assertTransfer,
  type SccModule,
  type TransferMechanism,
  transferDetailsFor,
} from '../../domain/transfers/transfers.ts';
import type { RecipientRow } from './recipients.repository.ts';
import type { RecipientCreateInput, RecipientPatchInput } from './recipients.schemas.ts';

/**
 * The register columns (0013) of a recipient from a create or a change: purposes must be declared,
 * the transfer mechanism must fit the country (judged on the row as it will be), and only the details
 * that belong to the mechanism are kept. Owner: the register (helper 4).
 */

type RegisterInput = Pick<
  RecipientPatchInput,
  | 'location'
  | 'purposes'
  | 'dataCategories'
  | 'subjectGroups'
  | 'transferMechanism'
  | 'sccModule'
  | 'tiaDate'
  | 'dpfCheckedOn'
  | 'transferNote'
  | 'avvSignedOn'
  | 'toms'
  | 'subProcessors'
> & { country?: string | null | undefined };

const unique = <T>(items: readonly T[]) => [...new Set(items)];

const assertPurposesDeclared = async (tx: Tx, ids: readonly string[]) => {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await tx
        .selectFrom('purposes')
        .select('id')
        .where('id', 'in', [...ids])
        .execute()
    ).map((r) => r.id),
  );
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw new AppError('unknown_purpose', { params: { purpose: missing } });
};

/** `current` null: a new entry (absent fields empty); else absent fields keep the row's value. */
export const registerValues = async (
  tx: Tx,
  input: { change: RegisterInput | RecipientCreateInput; current: RecipientRow | null },
): Promise<Updateable<RecipientsTable>> => {
  const { change, current } = input;
  const pick = <K extends keyof RecipientRow>(value: RecipientRow[K] | undefined, column: K) =>
    value !== undefined ? value : current ? current[column] : null;
  const purposes = change.purposes !== undefined ? unique(change.purposes) : (current?.purposes ?? []);
  if (change.purposes !== undefined) await assertPurposesDeclared(tx, purposes);
  const country = pick(change.country, 'country');
  const mechanism = pick(change.transferMechanism, 'transfer_mechanism') as TransferMechanism | null;
  assertTransfer({ country, mechanism });
  const details = transferDetailsFor({
    mechanism,
    sccModule: pick(change.sccModule, 'scc_module') as SccModule | null,
    tiaDate: pick(change.tiaDate, 'tia_date'),
    dpfCheckedOn: pick(change.dpfCheckedOn, 'dpf_checked_on'),
  });
  return {
    location: pick(change.location, 'location'),
    purposes,
    data_categories:
      change.dataCategories !== undefined ? unique(change.dataCategories) : (current?.data_categories ?? []),
    subject_groups:
      change.subjectGroups !== undefined ? unique(change.subjectGroups) : (current?.subject_groups ?? []),
    transfer_mechanism: details.mechanism,
    scc_module: details.sccModule,
    tia_date: details.tiaDate,
    dpf_checked_on: details.dpfCheckedOn,
    transfer_note: pick(change.transferNote, 'transfer_note'),
    avv_signed_on: pick(change.avvSignedOn, 'avv_signed_on'),
    toms: pick(change.toms, 'toms'),
    sub_processors: pick(change.subProcessors, 'sub_processors'),
  };
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only the register columns whose value differs from the row. */
export const changedRegisterValues = (values: Updateable<RecipientsTable>, current: RecipientRow) =>
  Object.fromEntries(
    Object.entries(values).filter(([column, value]) => !same(value, current[column as keyof RecipientRow])),
  ) as Updateable<RecipientsTable>;

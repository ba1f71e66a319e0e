import type { Insertable } from 'kysely';
import type { PersonPhotosTable } from '../../db/schema-photos.ts';
import type { Tx } from '../../db/tenant.ts';

const META = [
  'person_id',
  'content_type',
  'byte_size',
  'width',
  'height',
  'purpose_id',
  'legal_basis',
  'retention_until',
  'uploaded_at',
] as const;

export type PhotoMetaRow = Awaited<ReturnType<typeof findPhotoMeta>> & {};

export const findPhotoMeta = (tx: Tx, personId: string) =>
  tx.selectFrom('person_photos').select(META).where('person_id', '=', personId).executeTakeFirst();

export const findPhoto = (tx: Tx, personId: string) =>
  tx
    .selectFrom('person_photos')
    .select([...META, 'image_enc'])
    .where('person_id', '=', personId)
    .executeTakeFirst();

/** Stores the person's photo, replacing an earlier one (one photo per person). */
export const upsertPhoto = (tx: Tx, values: Insertable<PersonPhotosTable>) =>
  tx
    .insertInto('person_photos')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'person_id']).doUpdateSet({
        content_type: values.content_type,
        image_enc: values.image_enc,
        byte_size: values.byte_size,
        width: values.width,
        height: values.height,
        purpose_id: values.purpose_id,
        legal_basis: values.legal_basis,
        retention_until: values.retention_until ?? null,
        uploaded_at: values.uploaded_at,
        uploaded_by: values.uploaded_by ?? null,
      }),
    )
    .execute();

/** Deletes the person's photo; the number of rows deleted (0 or 1). */
export const deletePhoto = async (tx: Tx, personId: string) =>
  Number(
    (await tx.deleteFrom('person_photos').where('person_id', '=', personId).executeTakeFirst())
      .numDeletedRows ?? 0n,
  );

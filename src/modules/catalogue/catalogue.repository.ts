import type { Tx } from '../../db/tenant.ts';
import type { LegalBasis } from '../../domain/privacy/legal-bases.ts';
import type { Purpose } from '../../domain/privacy/purposes.ts';

type PurposeRow = {
  id: string;
  label_de: string;
  label_en: string;
  description_de: string;
  description_en: string;
  legal_bases: string[];
  built_in: boolean;
};

const toPurpose = (r: PurposeRow): Purpose => ({
  id: r.id,
  labelDe: r.label_de,
  labelEn: r.label_en,
  descriptionDe: r.description_de,
  descriptionEn: r.description_en,
  legalBases: r.legal_bases as LegalBasis[],
  builtIn: r.built_in,
});

export const listPurposes = async (tx: Tx) =>
  (await tx.selectFrom('purposes').selectAll().orderBy('built_in', 'desc').orderBy('id').execute()).map(
    toPurpose,
  );

export const findPurpose = (tx: Tx, id: string) =>
  tx.selectFrom('purposes').select('id').where('id', '=', id).executeTakeFirst();

export const insertPurpose = async (tx: Tx, tenantId: string, p: Omit<Purpose, 'builtIn'>) =>
  toPurpose(
    await tx
      .insertInto('purposes')
      .values({
        tenant_id: tenantId,
        id: p.id,
        label_de: p.labelDe,
        label_en: p.labelEn,
        description_de: p.descriptionDe,
        description_en: p.descriptionEn,
        legal_bases: p.legalBases,
        built_in: false,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );

import { AppError } from '../errors.ts';
import type { LegalBasis, SpecialCategoryBasis } from './legal-bases.ts';
import type { Purpose } from './purposes.ts';

/** The privacy facts every person record carries. */
export type PrivacyFacts = {
  legalBasis: LegalBasis;
  purposes: string[];
  collectedAt: Date;
  expiresAt?: Date | null;
  /** Present when the record holds special-category data; it must be an Art. 9(2) condition. */
  specialCategoryBasis?: SpecialCategoryBasis | null;
  holdsSpecialCategory: boolean;
};

/**
 * Checks privacy facts against the declared purposes. Throws the first violation as an AppError:
 * an undeclared purpose, a legal basis the purpose does not allow, special-category data without an
 * Art. 9 condition, or an expiry that is not after collection.
 */
export const assertPrivacyFacts = ({
  facts,
  catalogue,
}: {
  facts: PrivacyFacts;
  catalogue: readonly Purpose[];
}) => {
  const byId = new Map(catalogue.map((p) => [p.id, p]));
  for (const id of facts.purposes) {
    const purpose = byId.get(id);
    if (!purpose) throw new AppError('unknown_purpose', { params: { purpose: id } });
    if (!purpose.legalBases.includes(facts.legalBasis)) {
      throw new AppError('legal_basis_not_allowed', {
        params: { purpose: id, legalBasis: facts.legalBasis, allowed: purpose.legalBases.join(', ') },
      });
    }
  }
  if (facts.holdsSpecialCategory && !facts.specialCategoryBasis) {
    throw new AppError('special_category_basis_required');
  }
  if (facts.expiresAt && facts.expiresAt.getTime() <= facts.collectedAt.getTime()) {
    throw new AppError('invalid_expiry');
  }
};

/** Whether a record's data has passed its expiry at `now`. */
export const isExpired = ({ expiresAt, now }: { expiresAt: Date | null | undefined; now: Date }): boolean =>
  expiresAt != null && expiresAt.getTime() <= now.getTime();

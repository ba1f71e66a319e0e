import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Catalogue, LegalBasisInfo, PurposeInfo } from '../../api/types';
import { localized } from '../../i18n';

export const catalogueQuery = queryOptions({
  queryKey: ['privacy-catalogue'] as const,
  queryFn: () => unwrap(api.GET('/api/v1/privacy/catalogue')),
  staleTime: 5 * 60_000,
});

/** The privacy catalogue plus label look-ups in the current language. */
export const useCatalogue = () => {
  const { t, i18n } = useTranslation();
  const query = useQuery(catalogueQuery);
  const catalogue: Catalogue | undefined = query.data;
  const find = <T extends { id: string }>(list: T[] | undefined, id: string | null | undefined) =>
    id ? list?.find((entry) => entry.id === id) : undefined;
  const label = (entry: { labelDe: string; labelEn: string } | undefined, fallback: string) =>
    entry ? localized(entry, i18n.language) : fallback;
  return {
    ...query,
    catalogue,
    purpose: (id: string): PurposeInfo | undefined => find(catalogue?.purposes, id),
    purposeLabel: (id: string) => label(find(catalogue?.purposes, id), id),
    purposeDescription: (p: PurposeInfo) =>
      i18n.language.startsWith('en') ? p.descriptionEn : p.descriptionDe,
    legalBasis: (id: string | null | undefined): LegalBasisInfo | undefined =>
      find(catalogue?.legalBases, id),
    legalBasisLabel: (id: string) => label(find(catalogue?.legalBases, id), id),
    specialBasisLabel: (id: string) => label(find(catalogue?.specialCategoryBases, id), id),
    specialBasis: (id: string | null | undefined) => find(catalogue?.specialCategoryBases, id),
    sourceKindLabel: (kind: string) =>
      t(`sourceKinds.${kind}` as 'sourceKinds.other', { defaultValue: kind }),
  };
};

/** Legal bases allowed by every chosen purpose (all bases when no purpose is chosen yet). */
export const allowedLegalBases = (
  catalogue: Catalogue | undefined,
  purposeIds: string[],
): LegalBasisInfo[] => {
  if (!catalogue) return [];
  const chosen = catalogue.purposes.filter((p) => purposeIds.includes(p.id));
  if (chosen.length === 0) return catalogue.legalBases;
  return catalogue.legalBases.filter((basis) =>
    chosen.every((p) => (p.legalBases as string[]).includes(basis.id)),
  );
};

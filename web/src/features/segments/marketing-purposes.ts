import { useTranslation } from 'react-i18next';
import type { PurposeInfo } from '../../api/types';
import { localized } from '../../i18n';
import { useCatalogue } from '../privacy/catalogue';

/** A purpose can carry advertising when it rests on consent or legitimate interest (as the server rules). */
export const isAdvertisingPurpose = (p: PurposeInfo) =>
  p.legalBases.includes('consent') || p.legalBases.includes('legitimate_interest');

/** The purposes of the tenant's catalogue (the one the persons form uses), labelled in the UI language. */
export const usePurposes = () => {
  const { i18n } = useTranslation();
  const { catalogue, isPending, error } = useCatalogue();
  const all = catalogue?.purposes ?? [];
  const label = (id: string | null | undefined) => {
    if (!id) return '';
    const p = all.find((x) => x.id === id);
    return p ? localized(p, i18n.language) : id;
  };
  return {
    all: all.map((p) => ({ id: p.id, label: localized(p, i18n.language), bases: p.legalBases })),
    advertising: all
      .filter(isAdvertisingPurpose)
      .map((p) => ({ id: p.id, label: localized(p, i18n.language), bases: p.legalBases })),
    label,
    isPending,
    error,
  };
};

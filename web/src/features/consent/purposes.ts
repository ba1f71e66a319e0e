import { useCatalogue } from '../privacy/catalogue';

/** Purposes a consent can be asked for (those that allow the legal basis "consent"). */
export const useConsentPurposes = () => {
  const catalogue = useCatalogue();
  const purposes = (catalogue.catalogue?.purposes ?? []).filter((p) =>
    (p.legalBases as string[]).includes('consent'),
  );
  return { purposes, purposeLabel: catalogue.purposeLabel, error: catalogue.error };
};

import { AppError } from '../errors.ts';
import { type AdequacyDecision, adequacyDecisionFor, isThirdCountry } from './countries.ts';

/**
 * The rules of the system and processor register: which Chapter V mechanism fits a country, which
 * transfer details belong to which mechanism, and what an entry still lacks (Art. 28 AVV, Art. 44 ff.
 * transfer mechanism). Pure functions; the service and the self-check use them.
 */

/** Where personal data lives (the data map). */
export const LOCATIONS = ['database', 'spreadsheet', 'paper', 'saas', 'application', 'other'] as const;
export type Location = (typeof LOCATIONS)[number];

/**
 * adequacy: Art. 45 decision; dpf: EU-US Data Privacy Framework ((EU) 2023/1795, certified US
 * organisations); scc: standard contractual clauses (Art. 46(2)(c), (EU) 2021/914); bcr: binding
 * corporate rules (Art. 47); derogation: Art. 49 (occasional transfers only).
 */
export const TRANSFER_MECHANISMS = ['adequacy', 'dpf', 'scc', 'bcr', 'derogation'] as const;
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];

/** The four modules of the SCC of (EU) 2021/914: controller/processor to controller/processor. */
export const SCC_MODULES = ['c2c', 'c2p', 'p2p', 'p2c'] as const;
export type SccModule = (typeof SCC_MODULES)[number];

export type TransferInput = {
  country: string | null;
  mechanism: TransferMechanism | null;
};

/**
 * Why a mechanism does not fit the country, or null when it fits: no mechanism is needed inside the
 * EU/EEA or without a country; 'adequacy' needs an adequacy decision the entry is covered by (not the
 * US, where only certified organisations are: 'dpf'); 'dpf' is for US organisations only.
 */
export const transferMismatch = (
  input: TransferInput,
): 'not_third_country' | 'no_adequacy' | 'dpf_us_only' | null => {
  const { country, mechanism } = input;
  if (mechanism === null) return null;
  if (!isThirdCountry(country)) return 'not_third_country';
  const decision = adequacyDecisionFor(country);
  if (mechanism === 'adequacy' && (decision === null || decision.scope === 'certified_only'))
    return 'no_adequacy';
  if (mechanism === 'dpf' && country !== 'US') return 'dpf_us_only';
  return null;
};

/** 422 transfer_mechanism_invalid when the mechanism does not fit the country. */
export const assertTransfer = (input: TransferInput) => {
  const mismatch = transferMismatch(input);
  if (mismatch)
    throw new AppError('transfer_mechanism_invalid', {
      params: { mechanism: input.mechanism ?? '', country: input.country ?? '–' },
      details: { reason: mismatch },
    });
};

export type TransferDetails = {
  mechanism: TransferMechanism | null;
  sccModule: SccModule | null;
  tiaDate: string | null;
  dpfCheckedOn: string | null;
};

/**
 * Keeps only the details that belong to the mechanism: the SCC module with SCCs, the transfer
 * impact assessment with SCCs and BCRs (Schrems II), the DPF list check with the DPF.
 */
export const transferDetailsFor = (input: TransferDetails): TransferDetails => ({
  mechanism: input.mechanism,
  sccModule: input.mechanism === 'scc' ? input.sccModule : null,
  tiaDate: input.mechanism === 'scc' || input.mechanism === 'bcr' ? input.tiaDate : null,
  dpfCheckedOn: input.mechanism === 'dpf' ? input.dpfCheckedOn : null,
});

/** What an entry still lacks; the first two are self-check violations, the others warnings. */
export const REGISTER_WARNINGS = [
  'avv_missing',
  'transfer_without_mechanism',
  'avv_document_missing',
  'scc_module_missing',
  'tia_missing',
  'dpf_check_missing',
  'country_missing',
] as const;
export type RegisterWarning = (typeof REGISTER_WARNINGS)[number];

export type EntryFacts = TransferDetails & {
  kind: string;
  location: string | null;
  country: string | null;
  avvSignedOn: string | null;
  hasAvvDocument: boolean;
};

export type Assessment = {
  thirdCountry: boolean;
  adequacy: Pick<AdequacyDecision, 'reference' | 'scope'> | null;
  /** the mechanism documented, or 'adequacy' where a decision covers the country; null: none */
  effectiveMechanism: TransferMechanism | null;
  /** the entry's mechanism is implied by an adequacy decision, not documented */
  mechanismImplied: boolean;
  warnings: RegisterWarning[];
};

/** The register's judgement of one entry: third country, the mechanism in effect, what is missing. */
export const assessEntry = (entry: EntryFacts): Assessment => {
  const thirdCountry = isThirdCountry(entry.country);
  const decision = thirdCountry ? adequacyDecisionFor(entry.country) : null;
  const implied = decision !== null && decision.scope !== 'certified_only';
  const effectiveMechanism = thirdCountry ? (entry.mechanism ?? (implied ? 'adequacy' : null)) : null;
  const warnings: RegisterWarning[] = [];
  const processor = entry.kind === 'processor';
  if (processor && entry.avvSignedOn === null) warnings.push('avv_missing');
  if (thirdCountry && effectiveMechanism === null) warnings.push('transfer_without_mechanism');
  if (processor && entry.avvSignedOn !== null && !entry.hasAvvDocument) warnings.push('avv_document_missing');
  if (thirdCountry && entry.mechanism === 'scc' && entry.sccModule === null)
    warnings.push('scc_module_missing');
  if (thirdCountry && (entry.mechanism === 'scc' || entry.mechanism === 'bcr') && entry.tiaDate === null)
    warnings.push('tia_missing');
  if (thirdCountry && entry.mechanism === 'dpf' && entry.dpfCheckedOn === null)
    warnings.push('dpf_check_missing');
  if (entry.country === null && (processor || entry.kind === 'controller' || entry.location === 'saas'))
    warnings.push('country_missing');
  return {
    thirdCountry,
    adequacy: decision ? { reference: decision.reference, scope: decision.scope } : null,
    effectiveMechanism,
    mechanismImplied: thirdCountry && entry.mechanism === null && effectiveMechanism !== null,
    warnings,
  };
};

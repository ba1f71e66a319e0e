import type { ConsentChannel, ConsentMethod, WithdrawalMethod } from '../../db/schema-marketing.ts';

export type { ConsentChannel, ConsentMethod, WithdrawalMethod };

/** One entry of the consent ledger as the services pass it around (API schemas: consent.schemas.ts). */
export type ConsentView = {
  id: string;
  personId: string;
  purposeId: string;
  channel: ConsentChannel;
  /** the e-mail address or phone number it was given for */
  address: string | null;
  wording: {
    id: string;
    version: number;
    language: 'de' | 'en';
    text: string;
    textSha256: string;
    advertiser: string;
    productScope: string | null;
  };
  method: ConsentMethod;
  givenAt: string;
  proof: Record<string, unknown>;
  recordedBy: string | null;
  /** 'valid' | 'withdrawn' | 'superseded' */
  state: 'valid' | 'withdrawn' | 'superseded';
  supersedesId: string | null;
  supersededAt: string | null;
  supersededById: string | null;
  withdrawnAt: string | null;
  withdrawalMethod: WithdrawalMethod | null;
  withdrawalNote: string | null;
  lastUsedAt: string | null;
  /** until when the proof is kept (§ 7a UWG: phone 5 years after last use; e-mail 3 years after withdrawal) */
  proofRetainedUntil: string | null;
};

/** What a service records as a consent (the proof is what A5 asks for; see docs/dpo.md). */
export type ConsentRecordInput = {
  tenantId: string;
  personId: string;
  purposeId: string;
  channel: ConsentChannel;
  address: string | null;
  wordingId: string;
  method: ConsentMethod;
  givenAt: Date;
  proof: Record<string, unknown>;
  signupId?: string | null;
  /** the staff user who recorded it; null when the person gave it themselves (form, DOI, portal) */
  recordedBy: string | null;
};

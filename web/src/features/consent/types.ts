/** Consent and marketing types, written from the API contract (issue 6 brief). */

export type Language = 'de' | 'en';
export const CHANNELS = ['email', 'phone', 'letter', 'sms'] as const;
export type ConsentChannel = (typeof CHANNELS)[number];
/** The methods staff may record (double opt-in and portal come from the person themselves). */
export const RECORD_METHODS = ['phone', 'in_person', 'letter', 'web_form', 'import'] as const;
export type RecordMethod = (typeof RECORD_METHODS)[number];
export type ConsentMethod = RecordMethod | 'double_opt_in' | 'portal';
export type ConsentState = 'valid' | 'withdrawn' | 'superseded';
export type WithdrawalMethod = 'one_click' | 'preference_page' | 'portal' | 'staff' | 'objection' | 'request';

export type ConsentView = {
  id: string;
  personId: string;
  purposeId: string;
  channel: ConsentChannel;
  address: string | null;
  wording: {
    id: string;
    version: number;
    language: Language;
    text: string;
    textSha256: string;
    advertiser: string;
    productScope: string | null;
  };
  method: ConsentMethod;
  givenAt: string;
  proof: Record<string, unknown>;
  recordedBy: string | { id?: string; displayName?: string } | null;
  state: ConsentState;
  supersededAt: string | null;
  withdrawnAt: string | null;
  withdrawalMethod: WithdrawalMethod | null;
  withdrawalNote: string | null;
  lastUsedAt?: string | null;
  proofRetainedUntil?: string | null;
};

export type ConsentInput = {
  purposeId: string;
  channel: ConsentChannel;
  wordingId: string;
  method: RecordMethod;
  givenAt: string;
  address?: string;
  proof: { note?: string; formUrl?: string; documentRef?: string };
};

export type ConsentWording = {
  id: string;
  purposeId: string;
  channel: ConsentChannel;
  language: Language;
  version: number;
  text: string;
  textSha256: string;
  advertiser: string;
  productScope: string | null;
  createdAt: string;
  current: boolean;
};

export type ConsentWordingInput = {
  purposeId: string;
  channel: ConsentChannel;
  language: Language;
  text: string;
  advertiser: string;
  productScope?: string;
};

export type MarketingSettings = {
  senderName: string;
  senderEmail: string;
  replyTo: string | null;
  postalAddress: string | null;
  publicUrl: string | null;
  smtpConfigured: boolean;
};
export type MarketingSettingsInput = Omit<MarketingSettings, 'smtpConfigured'>;

export const MAIL_TEMPLATE_KEYS = ['double_opt_in', 'portal_login', 'marketing_footer'] as const;
export type MailTemplateKey = (typeof MAIL_TEMPLATE_KEYS)[number];
export type MailTemplate = {
  id: string | null;
  key: MailTemplateKey;
  language: Language;
  version: number;
  subject: string;
  body: string;
  createdAt: string | null;
  builtIn: boolean;
};

export type ConsentForm = {
  id: string;
  name: string;
  purposeId: string;
  channel: 'email';
  language: Language;
  redirectUrl: string | null;
  active: boolean;
  createdAt: string;
  publicUrl?: string | null;
  signups: { pending: number; confirmed: number };
};

export const MAIL_KINDS = ['double_opt_in', 'portal_login', 'campaign', 'notice'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export const MAIL_STATUSES = ['outbox', 'queued', 'sent', 'failed', 'bounced'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export type OutboxMail = {
  id: string;
  kind: MailKind;
  to: string;
  subject: string;
  status: MailStatus;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
  personId: string | null;
  campaignId: string | null;
};
export type OutboxMailDetail = OutboxMail & {
  text: string;
  html: string | null;
  headers: Record<string, string>;
  messageId: string;
};

/* Public pages (no login). */
export type PublicForm = {
  formId: string;
  name: string;
  language: Language;
  purpose: { id: string; label: string };
  wording: { id: string; version: number; text: string; advertiser: string; productScope: string | null };
};
export type PublicConfirmation = {
  status: 'confirmed';
  purpose: { id: string; label: string };
  redirectUrl: string | null;
};
export type PublicPreferences = {
  firstName: string | null;
  language: Language;
  consents: {
    id: string;
    purpose: { id: string; label: string };
    channel: ConsentChannel;
    givenAt: string;
    state: ConsentState;
  }[];
  marketingObjection: boolean;
};

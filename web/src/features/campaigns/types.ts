/** Campaigns (issue 6): the API contract's shapes, by hand until the routes are in the generated schema. */

export const CAMPAIGN_KINDS = ['email', 'letter'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const OCCASIONS = ['newsletter', 'offer', 'birthday', 'seasonal', 'survey', 'other'] as const;
export type Occasion = (typeof OCCASIONS)[number];

export const RECURRENCES = ['none', 'birthday', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const LANGUAGES = ['de', 'en'] as const;
export type CampaignLanguage = (typeof LANGUAGES)[number];

export const PLACEHOLDERS = ['firstName', 'lastName', 'salutation', 'link'] as const;

export type CampaignStats = {
  recipients: number;
  sent: number;
  skipped: number;
  bounced: number;
  failed: number;
};

export type Campaign = {
  id: string;
  name: string;
  kind: CampaignKind;
  occasion: Occasion;
  segmentId: string;
  purposeId: string;
  language: CampaignLanguage;
  subject: string;
  body: string;
  linkUrl: string | null;
  status: CampaignStatus;
  recurrence: Recurrence;
  recurrenceDate: string | null;
  scheduledAt: string | null;
  sentAt: string | null;
  version: number;
  stats: CampaignStats;
};

export type CampaignInput = {
  name: string;
  kind: CampaignKind;
  occasion: Occasion;
  segmentId: string;
  purposeId: string;
  language: CampaignLanguage;
  subject: string;
  body: string;
  linkUrl?: string;
  recurrence: Recurrence;
  recurrenceDate?: string;
};

export const RECIPIENT_STATUSES = ['pending', 'sent', 'printed', 'skipped', 'failed', 'bounced'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export type CampaignRecipient = {
  id: string;
  personId: string;
  name: string;
  /** 'once', or the day / year of a recurring run */
  runKey: string;
  status: RecipientStatus;
  skipReason: string | null;
  basis: string | null;
  sentAt: string | null;
};

export type ResponseKind = 'replied' | 'ordered';
export type ResponseInput = { personId: string; kind: ResponseKind; occurredAt: string; orderId?: string };

export type GroupRow = {
  customerGroupId: string | null;
  name: string;
  recipients: number;
  responded: number;
  clicked: number;
  replied: number;
  ordered: number;
  responseRate: number;
};

export type CampaignReport = {
  campaignId: string;
  totals: {
    recipients: number;
    sent: number;
    skipped: number;
    bounced: number;
    clicked: number;
    replied: number;
    ordered: number;
    unsubscribed: number;
  };
  byCustomerGroup: GroupRow[];
};

/** A campaign's channel is its kind: e-mails go by e-mail, letters by post. */
export const channelOf = (kind: CampaignKind) => kind;

/** Before the (first) run: what it would reach is still open, and it can be sent, scheduled or cancelled. */
export const beforeRun = (status: CampaignStatus) => status === 'draft' || status === 'scheduled';

/* Compile-time checks against the generated contract (web/src/api/schema.d.ts). */
type Api = import('../../api/schema').components['schemas'];
type Fits<A, B> = [A] extends [B] ? true : false;
type Check<T extends true> = T;
export type CampaignContractChecks = [
  Check<Fits<Api['Campaign'], Campaign>>,
  Check<Fits<Api['CampaignRecipient'], CampaignRecipient>>,
  Check<Fits<Api['CampaignReport'], CampaignReport>>,
  Check<Fits<CampaignInput, Api['CampaignCreateInput']>>,
  Check<Fits<ResponseInput, Api['CampaignResponseCreateInput']>>,
];

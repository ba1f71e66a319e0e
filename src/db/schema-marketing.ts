import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of migration 0010 (consent and marketing); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Created = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: read as an object, written as JSON text */
type Json<T = Record<string, unknown>> = ColumnType<T, string | undefined, string>;

export type MarketingSettingsTable = {
  tenant_id: string;
  sender_name: string;
  sender_email: string;
  reply_to: string | null;
  postal_address: string | null;
  public_url: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
};

export type MailTemplatesTable = {
  id: Generated<string>;
  tenant_id: string;
  key: 'double_opt_in' | 'portal_login' | 'marketing_footer' | 'redaction_notice';
  language: 'de' | 'en';
  version: number;
  subject: string;
  body: string;
  created_at: Created;
  created_by: string | null;
};

export type ConsentChannel = 'email' | 'phone' | 'letter' | 'sms';

export type ConsentWordingsTable = {
  id: Generated<string>;
  tenant_id: string;
  purpose_id: string;
  channel: ConsentChannel;
  language: 'de' | 'en';
  version: number;
  text: string;
  text_sha256: string;
  advertiser: string;
  product_scope: string | null;
  created_at: Created;
  created_by: string | null;
};

export type ConsentFormsTable = {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  purpose_id: string;
  channel: Generated<'email'>;
  language: 'de' | 'en';
  redirect_url: string | null;
  active: Generated<boolean>;
  created_at: Created;
  created_by: string | null;
};

export type OutboundMailsTable = {
  id: Generated<string>;
  tenant_id: string;
  kind: 'double_opt_in' | 'portal_login' | 'campaign' | 'notice';
  person_id: string | null;
  campaign_id: string | null;
  to_address: string;
  from_address: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  headers: Json<Record<string, string>>;
  message_id: string;
  status: 'outbox' | 'queued' | 'sent' | 'failed' | 'bounced';
  error: string | null;
  created_at: Created;
  sent_at: Timestamp | null;
};

export type MailBouncesTable = {
  tenant_id: string;
  address: string;
  bounced_at: Timestamp;
  reason: string | null;
  mail_id: string | null;
};

export type ConsentSignupsTable = {
  id: Generated<string>;
  tenant_id: string;
  form_id: string;
  wording_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  language: 'de' | 'en';
  requested_at: Timestamp;
  request_ip: string | null;
  request_user_agent: string | null;
  token_hash: string;
  expires_at: Timestamp;
  mail_id: string | null;
  confirmed_at: Timestamp | null;
  confirm_ip: string | null;
  confirm_user_agent: string | null;
  person_id: string | null;
  consent_id: string | null;
};

export type ConsentMethod =
  | 'double_opt_in'
  | 'web_form'
  | 'phone'
  | 'in_person'
  | 'letter'
  | 'import'
  | 'portal';
export type WithdrawalMethod = 'one_click' | 'preference_page' | 'portal' | 'staff' | 'objection' | 'request';

export type ConsentsTable = {
  id: Generated<string>;
  tenant_id: string;
  person_id: string;
  purpose_id: string;
  channel: ConsentChannel;
  address: string | null;
  wording_id: string;
  method: ConsentMethod;
  given_at: Timestamp;
  proof: Json;
  signup_id: string | null;
  recorded_by: string | null;
  supersedes_id: string | null;
  superseded_at: Timestamp | null;
  superseded_by_id: string | null;
  withdrawn_at: Timestamp | null;
  withdrawal_method: WithdrawalMethod | null;
  withdrawal_note: string | null;
  last_used_at: Timestamp | null;
  created_at: Created;
};

export type SegmentsTable = {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  description: string | null;
  definition: Json;
  purpose_id: string | null;
  channel: ConsentChannel | null;
  version: Generated<number>;
  archived_at: Timestamp | null;
  created_by: string | null;
  created_at: Created;
  updated_at: Timestamp;
};

export type CampaignsTable = {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  kind: 'email' | 'letter';
  occasion: 'newsletter' | 'offer' | 'birthday' | 'seasonal' | 'survey' | 'other';
  segment_id: string;
  purpose_id: string;
  language: 'de' | 'en';
  subject: string;
  body: string;
  link_url: string | null;
  status: 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';
  recurrence: Generated<'none' | 'birthday' | 'yearly'>;
  recurrence_date: string | null;
  scheduled_at: Timestamp | null;
  last_run_key: string | null;
  sent_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Created;
  updated_at: Timestamp;
};

export type CampaignRecipientsTable = {
  id: Generated<string>;
  tenant_id: string;
  campaign_id: string;
  run_key: Generated<string>;
  person_id: string;
  basis: 'consent' | 'legitimate_interest' | null;
  consent_id: string | null;
  status: 'pending' | 'sent' | 'printed' | 'skipped' | 'failed' | 'bounced';
  skip_reason: string | null;
  mail_id: string | null;
  token_hash: string | null;
  created_at: Created;
  sent_at: Timestamp | null;
};

export type CampaignResponsesTable = {
  id: Generated<string>;
  tenant_id: string;
  campaign_id: string;
  recipient_id: string | null;
  person_id: string;
  kind: 'clicked' | 'replied' | 'ordered' | 'unsubscribed';
  occurred_at: Timestamp;
  order_id: string | null;
  recorded_by: string | null;
  created_at: Created;
};

export type PortalLoginTokensTable = {
  id: Generated<string>;
  tenant_id: string;
  person_ids: ColumnType<string[], string[], string[]>;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  mail_id: string | null;
  created_at: Created;
};

export type PortalSessionsTable = {
  id: Generated<string>;
  tenant_id: string;
  person_ids: ColumnType<string[], string[], string[]>;
  token_hash: string;
  csrf_token_hash: string;
  created_at: Created;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
};

export type MarketingTables = {
  marketing_settings: MarketingSettingsTable;
  mail_templates: MailTemplatesTable;
  consent_wordings: ConsentWordingsTable;
  consent_forms: ConsentFormsTable;
  outbound_mails: OutboundMailsTable;
  mail_bounces: MailBouncesTable;
  consent_signups: ConsentSignupsTable;
  consents: ConsentsTable;
  segments: SegmentsTable;
  campaigns: CampaignsTable;
  campaign_recipients: CampaignRecipientsTable;
  campaign_responses: CampaignResponsesTable;
  portal_login_tokens: PortalLoginTokensTable;
  portal_sessions: PortalSessionsTable;
};

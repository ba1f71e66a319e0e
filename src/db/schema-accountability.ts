import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of migration 0011 (breach register); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Created = ColumnType<Date, Date | string | undefined, never>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type BreachesTable = {
  id: Generated<string>;
  tenant_id: string;
  number: string;
  title: string;
  description: string;
  occurred_at: Timestamp | null;
  aware_at: Timestamp;
  reported_by: string | null;
  nature: TextArray;
  data_categories: TextArray;
  subject_categories: string | null;
  subjects_approx: number | null;
  records_approx: number | null;
  contact: string | null;
  consequences: string | null;
  measures: string | null;
  risk: 'none' | 'risk' | 'high_risk' | null;
  risk_reasoning: string | null;
  authority_notified_at: Timestamp | null;
  authority_reference: string | null;
  late_reason: string | null;
  subjects_decision: 'not_required' | 'inform' | 'public_communication' | null;
  subjects_decision_reason: string | null;
  subjects_informed_at: Timestamp | null;
  status: Generated<'open' | 'closed'>;
  closed_at: Timestamp | null;
  version: Generated<number>;
  created_at: Created;
  updated_at: Timestamp;
};

export type BreachEventsTable = {
  id: Generated<string>;
  tenant_id: string;
  breach_id: string;
  kind: 'reported' | 'assessed' | 'authority_notified' | 'subjects_decided' | 'closed' | 'reopened';
  detail: string | null;
  actor_id: string | null;
  at: Timestamp;
};

export type AccountabilityTables = {
  breaches: BreachesTable;
  breach_events: BreachEventsTable;
};

/**
 * Data breaches (Art. 33/34 GDPR): the API's shapes, written by hand from the contract in
 * notes/BRIEF-breaches.md until the generated schema has the /breaches paths.
 */
import type { DataCategory } from '../recipients/api';

export const BREACH_NATURES = ['confidentiality', 'integrity', 'availability'] as const;
export type BreachNature = (typeof BREACH_NATURES)[number];

export const BREACH_RISKS = ['none', 'risk', 'high_risk'] as const;
export type BreachRisk = (typeof BREACH_RISKS)[number];

export const SUBJECTS_DECISIONS = ['not_required', 'inform', 'public_communication'] as const;
export type SubjectsDecision = (typeof SUBJECTS_DECISIONS)[number];

export const DEADLINE_STATES = ['open', 'due_soon', 'overdue', 'notified', 'not_required'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export const BREACH_EVENT_KINDS = [
  'reported',
  'assessed',
  'authority_notified',
  'subjects_decided',
  'closed',
  'reopened',
] as const;
export type BreachEventKind = (typeof BREACH_EVENT_KINDS)[number];

/** The Art. 33(3) content the API lists in `missing` and in breach_incomplete's `fields`. */
export const REQUIRED_FIELDS = [
  'nature',
  'dataCategories',
  'subjectsApprox',
  'recordsApprox',
  'contact',
  'consequences',
  'measures',
] as const;

export type BreachStatus = 'open' | 'closed';

export type Breach = {
  id: string;
  number: string;
  title: string;
  description: string;
  occurredAt: string | null;
  awareAt: string;
  reportedBy: { id: string; name: string } | null;
  nature: BreachNature[];
  dataCategories: DataCategory[];
  subjectCategories: string | null;
  subjectsApprox: number | null;
  recordsApprox: number | null;
  contact: string | null;
  consequences: string | null;
  measures: string | null;
  risk: BreachRisk | null;
  riskReasoning: string | null;
  authorityNotifiedAt: string | null;
  authorityReference: string | null;
  lateReason: string | null;
  subjectsDecision: SubjectsDecision | null;
  subjectsDecisionReason: string | null;
  subjectsInformedAt: string | null;
  status: BreachStatus;
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deadline: { notifyBy: string; state: DeadlineState; hoursLeft: number | null };
  /** Art. 33(3) content still missing for a notification (REQUIRED_FIELDS names). */
  missing: string[];
};

export type BreachEvent = {
  kind: BreachEventKind;
  detail: string | null;
  actorName: string | null;
  at: string;
};
export type BreachDetail = Breach & { events: BreachEvent[] };

export type BreachReport = { title: string; description: string; awareAt?: string; occurredAt?: string };

export type BreachPatch = {
  version: number;
  title?: string;
  description?: string;
  occurredAt?: string | null;
  awareAt?: string;
  nature?: BreachNature[];
  dataCategories?: DataCategory[];
  subjectCategories?: string | null;
  subjectsApprox?: number | null;
  recordsApprox?: number | null;
  contact?: string | null;
  consequences?: string | null;
  measures?: string | null;
  risk?: BreachRisk | null;
  riskReasoning?: string | null;
};

export type AuthorityNotification = { notifiedAt: string; reference?: string; lateReason?: string };
export type SubjectsDecisionInput = { decision: SubjectsDecision; reason: string; informedAt?: string };

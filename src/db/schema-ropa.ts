import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of migration 0014 (record of processing activities, Art. 30 GDPR). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Created = ColumnType<Date, Date | string | undefined, never>;

export type RopaPart = 'controller' | 'processor';
export type RopaStatus = 'draft' | 'confirmed';

export type RopaSettingsTable = {
  tenant_id: string;
  controller_name: string | null;
  controller_address: string | null;
  controller_contact: string | null;
  joint_controllers: string | null;
  representative: string | null;
  dpo_name: string | null;
  dpo_contact: string | null;
  toms: string | null;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string | null;
};

export type RopaActivitiesTable = {
  id: Generated<string>;
  tenant_id: string;
  part: RopaPart;
  purpose_id: string | null;
  name: string | null;
  description: string | null;
  legal_bases: string | null;
  subject_categories: string | null;
  data_categories: string | null;
  recipients: string | null;
  transfers: string | null;
  erasure: string | null;
  toms: string | null;
  controller_name: string | null;
  controller_contact: string | null;
  controller_representative: string | null;
  controller_dpo: string | null;
  processing_categories: string | null;
  status: Generated<RopaStatus>;
  confirmed_at: Timestamp | null;
  confirmed_by: string | null;
  confirmed_facts: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Created;
  updated_at: Timestamp;
};

export type RopaTables = {
  ropa_settings: RopaSettingsTable;
  ropa_activities: RopaActivitiesTable;
};

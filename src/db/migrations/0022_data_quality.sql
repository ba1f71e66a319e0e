-- 0022 data quality (issue 8, accuracy Art. 5(1)(d) GDPR): when a person's data was last confirmed as
-- correct ("verified"), and the tenant's staleness period for the data quality dashboard. A person
-- counts as stale when neither a verification, nor an interaction, nor the collection itself lies
-- within the period.

alter table persons add column verified_at timestamptz;

-- one row per tenant, written on the first change of the defaults
create table data_quality_settings (
  tenant_id uuid primary key references tenants (id),
  stale_months integer not null default 24 check (stale_months between 1 and 240),
  updated_at timestamptz not null default now(),
  updated_by uuid,
  foreign key (tenant_id, updated_by) references users (tenant_id, id)
);

alter table data_quality_settings enable row level security;
create policy tenant_isolation on data_quality_settings
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
grant select, insert, update on data_quality_settings to custos_app;

-- 0005 foreign keys that include the tenant: a row can only reference a row of its own tenant, even if
-- a bug (or an injected statement) tried to link across tenants. Row-level security decides what a
-- tenant sees; these constraints decide what it can point to.

alter table users add constraint users_tenant_id_key unique (tenant_id, id);
alter table departments add constraint departments_tenant_id_key unique (tenant_id, id);
alter table organizations add constraint organizations_tenant_id_key unique (tenant_id, id);
alter table persons add constraint persons_tenant_id_key unique (tenant_id, id);
alter table tags add constraint tags_tenant_id_key unique (tenant_id, id);

alter table user_departments
  add constraint user_departments_tenant_user_fk foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  add constraint user_departments_tenant_department_fk foreign key (tenant_id, department_id) references departments (tenant_id, id) on delete cascade;
alter table sessions
  add constraint sessions_tenant_user_fk foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade;
alter table api_tokens
  add constraint api_tokens_tenant_user_fk foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade;
alter table organizations
  add constraint organizations_tenant_created_by_fk foreign key (tenant_id, created_by) references users (tenant_id, id);
alter table persons
  add constraint persons_tenant_organization_fk foreign key (tenant_id, organization_id) references organizations (tenant_id, id),
  add constraint persons_tenant_collected_by_fk foreign key (tenant_id, collected_by) references users (tenant_id, id);
alter table interactions
  add constraint interactions_tenant_person_fk foreign key (tenant_id, person_id) references persons (tenant_id, id),
  add constraint interactions_tenant_organization_fk foreign key (tenant_id, organization_id) references organizations (tenant_id, id),
  add constraint interactions_tenant_employee_fk foreign key (tenant_id, employee_id) references users (tenant_id, id);
alter table person_tags
  add constraint person_tags_tenant_person_fk foreign key (tenant_id, person_id) references persons (tenant_id, id) on delete cascade,
  add constraint person_tags_tenant_tag_fk foreign key (tenant_id, tag_id) references tags (tenant_id, id) on delete cascade;
alter table organization_tags
  add constraint organization_tags_tenant_organization_fk foreign key (tenant_id, organization_id) references organizations (tenant_id, id) on delete cascade,
  add constraint organization_tags_tenant_tag_fk foreign key (tenant_id, tag_id) references tags (tenant_id, id) on delete cascade;

-- 0008 the customer account view (GET /persons/:id/account, /organizations/:id/account) opens during a
-- phone call. It lists a customer's OPEN invoices and cases, which a long-standing customer has few of
-- among hundreds of settled ones: partial indexes read just those, already in the order shown (oldest
-- due first, next resolution deadline first). Tasks of an organisation had no index at all.

create index invoices_person_open on invoices (person_id, due_at) where status = 'open';
create index invoices_organization_open on invoices (organization_id, due_at) where status = 'open';
create index cases_person_open on cases (person_id, resolution_due_at) where status not in ('resolved', 'closed');
create index cases_organization_open on cases (organization_id, resolution_due_at)
  where status not in ('resolved', 'closed');
create index tasks_organization_open on tasks (organization_id, due_at) where status = 'open';

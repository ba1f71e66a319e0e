import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo, canRead, canWrite, seesAllDepartments } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { assertCustomerGroup } from '../customer-groups/customer-groups.service.ts';
import { assertReferences } from '../shared/references.ts';
import * as repo from './organizations.repository.ts';
import type {
  OrganizationCreateInput,
  OrganizationListQueryInput,
  OrganizationPatchInput,
} from './organizations.schemas.ts';

type Address = OrganizationCreateInput['address'];
const addressColumns = (a: Address) => ({
  street: a?.street ?? null,
  postal_code: a?.postalCode ?? null,
  city: a?.city ?? null,
  country: a?.country ?? null,
});

/** Customer group and customer number: the group must exist, the number be free in the tenant. */
const assertBillingFields = async (
  tx: Tx,
  input: { customerGroupId?: string | null; customerNumber?: string | null },
  self?: string,
) => {
  if (input.customerGroupId) await assertCustomerGroup(tx, input.customerGroupId);
  if (input.customerNumber) {
    const holder = await repo.findByCustomerNumber(tx, input.customerNumber);
    if (holder && holder.id !== self)
      throw new AppError('customer_number_taken', { params: { number: input.customerNumber } });
  }
};

const load = async (tx: Tx, actor: Actor, id: string) => {
  const v = visibilityOf(actor);
  const row = await repo.findOrganization(tx, id, v);
  if (!row) throw new AppError('not_found', { params: { entity: 'organization' } });
  const showContact = canRead({ role: actor.role, category: 'contact' });
  const persons = (await repo.personsOf(tx, id, v)).map((p) => ({
    id: p.id,
    firstName: p.first_name,
    lastName: p.last_name,
    jobTitle: p.job_title,
    ...(showContact ? { email: p.email } : {}),
  }));
  const hasAddress = row.street || row.postal_code || row.city || row.country;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as OrganizationCreateInput['kind'],
    legalForm: row.legal_form,
    vatId: row.vat_id,
    website: row.website,
    email: row.email,
    phone: row.phone,
    address: hasAddress
      ? { street: row.street, postalCode: row.postal_code, city: row.city, country: row.country }
      : null,
    notes: row.notes,
    departmentIds: row.department_ids,
    tags: await repo.tagsOf(tx, id),
    customerGroup: row.customer_group_id
      ? { id: row.customer_group_id, name: row.customer_group_name ?? '' }
      : null,
    customerNumber: row.customer_number,
    persons,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};

export const getOrganization = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, (tx) => load(tx, actor, id));

export const createOrganization = (ctx: AppContext, actor: Actor, input: OrganizationCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (
      !canDo({ role: actor.role, action: 'records.create' }) ||
      !canWrite({ role: actor.role, category: 'organization' })
    ) {
      throw new AppError('forbidden');
    }
    const departmentIds = input.departmentIds ?? (seesAllDepartments(actor.role) ? [] : actor.departmentIds);
    await assertReferences(tx, actor, { departmentIds, tagIds: input.tagIds });
    await assertBillingFields(tx, input);
    const { id } = await repo.insertOrganization(tx, {
      tenant_id: actor.tenantId,
      name: input.name,
      kind: input.kind,
      legal_form: input.legalForm ?? null,
      vat_id: input.vatId ?? null,
      website: input.website ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      ...addressColumns(input.address),
      notes: input.notes ?? null,
      customer_group_id: input.customerGroupId ?? null,
      customer_number: input.customerNumber ?? null,
      department_ids: departmentIds,
      created_by: actor.userId,
    });
    await repo.setTags(tx, actor.tenantId, id, input.tagIds ?? []);
    return load(tx, actor, id);
  });

export const updateOrganization = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: OrganizationPatchInput,
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const current = await repo.findOrganization(tx, id, visibilityOf(actor));
    if (!current) throw new AppError('not_found', { params: { entity: 'organization' } });
    if (!canWrite({ role: actor.role, category: 'organization' })) throw new AppError('forbidden');
    await assertReferences(tx, actor, patch);
    await assertBillingFields(tx, patch, id);
    const values = Object.fromEntries(
      Object.entries({
        name: patch.name,
        kind: patch.kind,
        legal_form: patch.legalForm,
        vat_id: patch.vatId,
        website: patch.website,
        email: patch.email,
        phone: patch.phone,
        ...(patch.address !== undefined ? addressColumns(patch.address) : {}),
        notes: patch.notes,
        department_ids: patch.departmentIds,
        customer_group_id: patch.customerGroupId,
        customer_number: patch.customerNumber,
      }).filter(([, v]) => v !== undefined),
    );
    const updated = await repo.updateOrganization(tx, id, patch.version, values);
    if (!updated) throw new AppError('version_conflict', { params: { current: current.version } });
    if (patch.tagIds) await repo.setTags(tx, actor.tenantId, id, patch.tagIds);
    return load(tx, actor, id);
  });

export const listOrganizations = (ctx: AppContext, actor: Actor, query: OrganizationListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const { rows, total } = await repo.listOrganizations(tx, query, visibilityOf(actor));
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind as OrganizationCreateInput['kind'],
        city: r.city,
        email: r.email,
        phone: r.phone,
        personCount: r.person_count,
        updatedAt: r.updated_at.toISOString(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  });

import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo, canWrite, seesAllDepartments } from '../../domain/permissions/roles.ts';
import { PERSON_FIELD_CATEGORIES, type PersonField } from '../../domain/privacy/data-categories.ts';
import type { LegalBasis } from '../../domain/privacy/legal-bases.ts';
import { assertPrivacyFacts } from '../../domain/privacy/privacy-facts.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listPurposes } from '../catalogue/catalogue.repository.ts';
import { MATCH_INPUT_KEYS, refreshMatchKeys } from '../duplicates/match-keys.ts';
import { createSubjectKey, subjectKey } from '../keys/keys.service.ts';
import { scanPersonText } from '../redaction/redaction.hooks.ts';
import { assertReferences } from '../shared/references.ts';
import { guardPersonWrite } from '../subject-rights/write-guard.ts';
import { changedFields, createdFields } from './persons.audit.ts';
import { normaliseContact } from './persons.contact.ts';
import { toPerson, toPersonSummary } from './persons.mapper.ts';
import * as repo from './persons.repository.ts';
import type { PersonCreateInput, PersonListQueryInput, PersonPatchInput } from './persons.schemas.ts';
import { openPersonRow, sealPersonColumns } from './persons.sealed.ts';

/** Input keys that hold personal fields, mapped to the field whose data category governs them. */
const INPUT_FIELDS: Record<string, PersonField> = {
  firstName: 'firstName',
  lastName: 'lastName',
  birthDate: 'birthDate',
  jobTitle: 'jobTitle',
  email: 'email',
  phone: 'phone',
  address: 'address',
  notes: 'notes',
  tagIds: 'tags',
  accessibilityNeeds: 'accessibilityNeeds',
  specialCategoryBasis: 'accessibilityNeeds',
};

const assertWritable = (actor: Actor, input: Record<string, unknown>) => {
  for (const key of Object.keys(input)) {
    const field = INPUT_FIELDS[key];
    if (!field || input[key] === undefined) continue;
    const category = PERSON_FIELD_CATEGORIES[field];
    if (!canWrite({ role: actor.role, category }))
      throw new AppError('field_not_writable', { params: { field: key, category } });
  }
};

const checkFacts = async (
  tx: Tx,
  facts: {
    legalBasis: LegalBasis;
    purposes: string[];
    collectedAt: Date;
    expiresAt: Date | null;
    special: string | null;
    holdsSpecial: boolean;
  },
) => {
  const catalogue = await listPurposes(tx);
  assertPrivacyFacts({
    facts: {
      legalBasis: facts.legalBasis,
      purposes: facts.purposes,
      collectedAt: facts.collectedAt,
      expiresAt: facts.expiresAt,
      specialCategoryBasis: facts.special as never,
      holdsSpecialCategory: facts.holdsSpecial,
    },
    catalogue,
  });
};

export const addressColumns = (address: PersonCreateInput['address']) => ({
  street: address?.street ?? null,
  postal_code: address?.postalCode ?? null,
  city: address?.city ?? null,
  country: address?.country ?? null,
});

/** A person's detail view; opening it is recorded in the audit trail with the fields shown. */
export const getPerson = (ctx: AppContext, actor: Actor, id: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    (tx) => loadPerson(tx, ctx, actor, id),
    (person) => ({
      actor,
      action: 'read',
      subject: { type: 'person', id },
      // the photo is read through its own audited route (/persons/{id}/photo)
      fields: Object.keys(PERSON_FIELD_CATEGORIES).filter(
        (f) => f !== 'photo' && !person.hiddenFields.includes(f as PersonField),
      ),
    }),
  );

const findVisible = async (tx: Tx, ctx: AppContext, actor: Actor, id: string) => {
  const row = await repo.findPerson(tx, id, visibilityOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'person' } });
  return openPersonRow(tx, ctx, actor.tenantId, row);
};

/** The Person answer (also for subject-rights routes), read in the caller's transaction. */
export const loadPerson = async (tx: Tx, ctx: AppContext, actor: Actor, id: string) => {
  const row = await repo.findPersonWithTags(tx, id, visibilityOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'person' } });
  const { tags, ...person } = await openPersonRow(tx, ctx, actor.tenantId, row);
  return toPerson(person, tags, actor.role);
};

export const createPerson = (ctx: AppContext, actor: Actor, body: PersonCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'records.create' })) throw new AppError('forbidden');
    assertWritable(actor, body);
    const input = await normaliseContact(tx, body);
    const departmentIds = input.departmentIds ?? (seesAllDepartments(actor.role) ? [] : actor.departmentIds);
    await assertReferences(tx, actor, {
      departmentIds,
      organizationId: input.organizationId,
      tagIds: input.tagIds,
    });
    const collectedAt = input.collectedAt ? new Date(input.collectedAt) : ctx.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    const purposes = [...new Set(input.purposes)];
    await guardPersonWrite(tx, ctx, {
      tenantId: actor.tenantId,
      personId: null,
      fields: Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined),
      email: input.email,
      phone: input.phone,
      purposes,
    });
    await checkFacts(tx, {
      legalBasis: input.legalBasis,
      purposes,
      collectedAt,
      expiresAt,
      special: input.specialCategoryBasis ?? null,
      holdsSpecial: Boolean(input.accessibilityNeeds),
    });
    const id = randomUUID();
    const values = {
      tenant_id: actor.tenantId,
      kind: input.kind,
      first_name: input.firstName,
      last_name: input.lastName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      birth_date: input.birthDate ?? null,
      job_title: input.jobTitle ?? null,
      ...addressColumns(input.address),
      notes: input.notes ?? null,
      accessibility_needs: input.accessibilityNeeds ?? null,
      accessibility_legal_basis: input.accessibilityNeeds ? (input.specialCategoryBasis ?? null) : null,
      organization_id: input.organizationId ?? null,
      department_ids: departmentIds,
      legal_basis: input.legalBasis,
      purposes,
      source_kind: input.source.kind,
      source_detail: input.source.detail ?? null,
      collected_at: collectedAt,
      collected_by: actor.userId,
      expires_at: expiresAt,
    };
    const dataKey = await createSubjectKey(tx, ctx, actor.tenantId, id);
    await repo.insertPerson(tx, { id, ...sealPersonColumns(dataKey, id, values) });
    await refreshMatchKeys(tx, { tenantId: actor.tenantId, personIds: [id] });
    await repo.setPersonTags(tx, actor.tenantId, id, input.tagIds ?? []);
    await scanPersonText(tx, ctx, {
      actor,
      personId: id,
      notes: input.notes,
      accessibilityNeeds: input.accessibilityNeeds,
    });
    const created = createdFields(values);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: { type: 'person', id },
      fields: input.tagIds?.length ? [...created.fields, 'tags'] : created.fields,
      values: { new: { ...created.new, ...(input.tagIds?.length ? { tags: input.tagIds } : {}) } },
    });
    return loadPerson(tx, ctx, actor, id);
  });

export const updatePerson = (ctx: AppContext, actor: Actor, id: string, body: PersonPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const current = await findVisible(tx, ctx, actor, id);
    // Personal fields need write access to their own category (marketing may tag, accounting may fix
    // an address); record-level facts (kind, legal basis, purposes, expiry, organisation, departments),
    // and an empty change, need write access to the identity.
    const keys = Object.entries(body)
      .filter(([k, v]) => k !== 'version' && v !== undefined)
      .map(([k]) => k);
    const touchesRecord = keys.length === 0 || keys.some((k) => !(k in INPUT_FIELDS));
    if (touchesRecord && !canWrite({ role: actor.role, category: 'identity' }))
      throw new AppError('forbidden');
    assertWritable(actor, body);
    const patch = await normaliseContact(tx, body);
    await assertReferences(tx, actor, patch);
    const accessibility =
      patch.accessibilityNeeds !== undefined ? patch.accessibilityNeeds : current.accessibility_needs;
    const special =
      patch.specialCategoryBasis !== undefined
        ? patch.specialCategoryBasis
        : current.accessibility_legal_basis;
    const purposes = patch.purposes ? [...new Set(patch.purposes)] : current.purposes;
    await guardPersonWrite(tx, ctx, {
      tenantId: actor.tenantId,
      personId: id,
      fields: keys,
      email: patch.email,
      phone: patch.phone,
      purposes: patch.purposes ? purposes : undefined,
    });
    const expiresAt =
      patch.expiresAt !== undefined
        ? patch.expiresAt
          ? new Date(patch.expiresAt)
          : null
        : current.expires_at;
    await checkFacts(tx, {
      legalBasis: (patch.legalBasis ?? current.legal_basis) as LegalBasis,
      purposes,
      collectedAt: current.collected_at,
      expiresAt,
      special: special ?? null,
      holdsSpecial: Boolean(accessibility),
    });
    const values: Record<string, unknown> = {
      kind: patch.kind,
      first_name: patch.firstName,
      last_name: patch.lastName,
      email: patch.email,
      phone: patch.phone,
      birth_date: patch.birthDate,
      job_title: patch.jobTitle,
      ...(patch.address !== undefined ? addressColumns(patch.address) : {}),
      notes: patch.notes,
      accessibility_needs: patch.accessibilityNeeds,
      accessibility_legal_basis: accessibility ? special : null,
      organization_id: patch.organizationId,
      department_ids: patch.departmentIds,
      legal_basis: patch.legalBasis,
      purposes: patch.purposes ? purposes : undefined,
      expires_at: patch.expiresAt !== undefined ? expiresAt : undefined,
    };
    const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const dataKey =
      (await subjectKey(tx, ctx, actor.tenantId, id)) ??
      (await createSubjectKey(tx, ctx, actor.tenantId, id));
    const updated = await repo.updatePerson(tx, id, patch.version, sealPersonColumns(dataKey, id, defined));
    if (!updated) throw new AppError('version_conflict', { params: { current: current.version } });
    // the duplicate engine's blocking keys follow the names, contact data, birth date and address
    if (MATCH_INPUT_KEYS.some((k) => keys.includes(k)))
      await refreshMatchKeys(tx, { tenantId: actor.tenantId, personIds: [id] });
    await scanPersonText(tx, ctx, {
      actor,
      personId: id,
      notes: patch.notes,
      accessibilityNeeds: patch.accessibilityNeeds,
    });
    const change = changedFields(current, defined);
    if (patch.tagIds) {
      const before = ((await repo.tagsOfPersons(tx, [id])).get(id) ?? []).map((t) => t.id).sort();
      await repo.setPersonTags(tx, actor.tenantId, id, patch.tagIds);
      if (JSON.stringify(before) !== JSON.stringify([...patch.tagIds].sort())) {
        change.fields.push('tags');
        change.old.tags = before;
        change.new.tags = patch.tagIds;
      }
    }
    if (change.fields.length > 0) {
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'update',
        subject: { type: 'person', id },
        fields: change.fields,
        values: { old: change.old, new: change.new },
      });
    }
    return loadPerson(tx, ctx, actor, id);
  });

export const listPersons = (ctx: AppContext, actor: Actor, query: PersonListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const { rows, total, totalCapped } = await repo.listPersons(tx, query, visibilityOf(actor));
    const tags = await repo.tagsOfPersons(
      tx,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((row) => toPersonSummary(row, tags.get(row.id) ?? [], actor.role)),
      total,
      totalCapped,
      page: query.page,
      pageSize: query.pageSize,
    };
  });

/** Throws not_found unless the person exists and is visible to the actor. */
export const assertPersonVisible = async (tx: Tx, actor: Actor, id: string) => {
  const row = await repo.findPerson(tx, id, visibilityOf(actor));
  if (!row) throw new AppError('not_found', { params: { entity: 'person' } });
  return row;
};

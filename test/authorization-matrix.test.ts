import { createHash, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import {
  canAssignDepartments,
  canDo,
  canRead,
  canSeeRecord,
  canWrite,
  ROLES,
  type Role,
  seesAllDepartments,
} from '../src/domain/permissions/roles.ts';
import {
  type DataCategory,
  PERSON_FIELD_CATEGORIES,
  type PersonField,
} from '../src/domain/privacy/data-categories.ts';
import { QUALITY_CHECKS } from '../src/domain/quality/rules.ts';
import { mayManageFieldLock } from '../src/domain/requests/field-locks.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, personBody, type TestApp } from './support/app.ts';
import { sessionCookieOf } from './support/cookies.ts';
import { testDatabaseKinds } from './support/database.ts';
import { snapshotDigest } from './support/snapshot.ts';
import { createExtraTenant, type ExtraTenant } from './support/tenant.ts';

/**
 * The authorization matrix: every route of the OpenAPI document × every role × a record in the
 * user's own department, another department, no department, and another tenant. The expected outcome
 * of each call is computed from the domain rules (canRead, canWrite, canDo, canSeeRecord), never
 * written down as a status code per cell, so the matrix follows the rules instead of drifting from
 * them. A route in the document without a matrix entry fails the run, and so does one the run did not
 * call anonymously and as every role. Every refused write must leave all tenant tables unchanged.
 */

const API = '/api/v1';

/**
 * A TOTP code `offset` steps (30 s) from now. Each code is accepted once and only for a later step than
 * the last one used, so enable, second factor and disable take the steps -1, 0 and +1 of the moment of
 * their call: strictly increasing and always inside the server's ±1 window.
 */
const totpCode = (secret: string | undefined, offset: number) =>
  authenticator.clone({ epoch: Date.now() + offset * 30_000 }).generate(secret ?? '');
type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type RouteKey = `${Method} ${string}`;
type Req = {
  method: Method;
  url: string;
  body?: string | object;
  headers?: Record<string, string>;
  remoteAddress?: string;
};
type Outcome = { status: number; code?: string };
type Scope = 'own' | 'otherDepartment' | 'unscoped' | 'otherTenant';
const SCOPES: readonly Scope[] = ['own', 'otherDepartment', 'unscoped', 'otherTenant'];

/** One call of the matrix: the request, the outcome the rules imply, and what else must hold. */
type Probe = {
  label: string;
  request: () => Req | Promise<Req>;
  expected: Outcome;
  /** Bearer token of the role's user unless overridden (null: none, e.g. a session cookie instead). */
  token?: string | null;
  verify?: (res: LightMyRequestResponse) => void | Promise<void>;
};
type RouteSpec =
  | { public: true; anonymous: Probe[] }
  | { public?: false; sample: () => Req | Promise<Req>; probes: (role: Role) => Probe[] };

// ---- expected outcomes, derived from src/domain/permissions/roles.ts ------------------------------

const ok = (status = 200): Outcome => ({ status });
const refused = (status: number, code: string): Outcome => ({ status, code });
const NOT_FOUND = refused(404, 'not_found');
const FORBIDDEN = refused(403, 'forbidden');
const NOT_WRITABLE = refused(403, 'field_not_writable');
const NOT_READABLE = refused(403, 'field_not_readable');

/** The first rule that fails decides; the order is the order the API must check them in. */
const decide = (success: Outcome, ...rules: [fails: boolean, outcome: Outcome][]): Outcome =>
  rules.find(([fails]) => fails)?.[1] ?? success;

const categoriesOf = (fields: readonly PersonField[]): DataCategory[] => [
  ...new Set(fields.map((f) => PERSON_FIELD_CATEGORIES[f])),
];
const writesAll = (role: Role, categories: readonly DataCategory[]) =>
  categories.every((category) => canWrite({ role, category }));
const hiddenFor = (role: Role) =>
  (Object.keys(PERSON_FIELD_CATEGORIES) as PersonField[]).filter(
    (field) => !canRead({ role, category: PERSON_FIELD_CATEGORIES[field] }),
  );

/**
 * Record-level facts of a person (kind, legal basis, purposes, expiry, organisation, departments) are
 * no personal field of a data category; changing them changes the record itself and needs write
 * access to its identity.
 */
const RECORD_FACTS_CATEGORY: DataCategory = 'identity';

// ---- fixture values ----------------------------------------------------------------------------

const MARK = 'Matrixperson';
const FIX = {
  firstName: 'Maria',
  lastName: (scope: Scope) => `${MARK}-${scope}`,
  email: 'maria.matrix@example.de',
  // the E.164 form the API stores (it parses '+49 30 9876543' to this)
  phone: '+49309876543',
  birthDate: '1980-04-01',
  jobTitle: 'Einkaufsleiterin',
  address: { street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
  notes: 'Bittet um Rückruf am Vormittag',
  accessibilityNeeds: 'Rollstuhlgerechter Zugang nötig',
  purposes: ['sales', 'customer_service'],
  interactionBody: 'Vertraulicher Gesprächsinhalt',
  orgName: (scope: Scope) => `Matrixfirma-${scope}`,
};

// Hundreds of requests per test: generous limits, so a busy machine slows the run but cannot break it.
vi.setConfig({ testTimeout: 900_000, hookTimeout: 600_000 });

describe.each(testDatabaseKinds())('authorization matrix on %s', (kind) => {
  let t: TestApp;
  let b: ExtraTenant;
  const users = {} as Record<Role, { id: string; email: string; token: string }>;
  let colleague: { id: string; token: string };
  let bUser: { id: string; token: string };
  let dept: { own: string; other: string; bOwn: string };
  const persons = {} as Record<Scope, string>;
  const orgs = {} as Record<Scope, string>;
  let tagA: string;
  let tagB: string;
  let linkedOrg: string;
  // support cases (each with a message in its thread) and tasks
  const SERVICE_FIX = { subject: 'Matrixfall', message: 'Vertraulicher Reklamationsinhalt' };
  const cases = {} as Record<Scope, string>;
  const ownTasks = {} as Record<Role, string>;
  let colleagueTask: string;
  let bTask: string;
  const rowVersion = async (table: 'cases' | 'tasks', id: string) =>
    (
      await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow(),
      )
    ).version;
  const caseBody = (scope: Scope) => ({
    personId: persons[scope],
    channel: 'phone',
    category: 'complaint',
    subject: `${SERVICE_FIX.subject} neu`,
  });
  const taskBody = (extra: object = {}) => ({
    title: 'Matrixaufgabe neu',
    dueAt: '2026-03-02T15:00:00Z',
    ...extra,
  });
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${++counter}`;
  const exercised = new Map<string, Set<string>>();
  const state = {} as Record<Role, { totpSecret?: string; session?: { cookie: string; csrf: string } }>;

  const recordDepartments = (scope: Scope): string[] =>
    ({ own: [dept.own], otherDepartment: [dept.other], unscoped: [], otherTenant: [dept.bOwn] })[scope];
  /** Whether a matrix user (member of "Vertrieb") with this role sees a record in this scope. */
  const sees = (role: Role, scope: Scope) =>
    scope !== 'otherTenant' &&
    canSeeRecord({ role, userDepartments: [dept.own], recordDepartments: recordDepartments(scope) });
  /** Whether the user may scope a record to these departments. */
  const mayScope = (role: Role, departmentIds: string[]) =>
    canAssignDepartments({ role, userDepartments: [dept.own], departmentIds });

  const versionOf = async (table: 'persons' | 'organizations', id: string) =>
    (
      await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow(),
      )
    ).version;
  const tagIdsOfPerson = async (id: string) =>
    (
      await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('person_tags').select('tag_id').where('person_id', '=', id).execute(),
      )
    ).map((r) => r.tag_id);

  beforeAll(async () => {
    t = await createTestApp(kind);
    b = await createExtraTenant(t, { label: 'tenant-b' });
    dept = {
      own: t.departmentId('Vertrieb'),
      other: t.departmentId('Kundenservice'),
      bOwn: b.departmentId('Vertrieb'),
    };
    for (const role of ROLES) {
      const { user, token } = await t.userWithToken({ role, departmentNames: ['Vertrieb'] });
      users[role] = { id: user.id, email: user.email, token };
      state[role] = {};
    }
    const c = await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] });
    colleague = { id: c.user.id, token: c.token };
    const bDpo = await b.userWithToken({ role: 'dpo', departmentNames: ['Vertrieb'] });
    bUser = { id: bDpo.user.id, token: bDpo.token };

    const created = async (token: string, url: string, body: object) => {
      const res = await t.call(token, { method: 'POST', url: `${API}${url}`, body });
      if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    tagA = await created(t.adminToken, '/tags', { name: 'Matrix-Tag', color: 'blue' });
    tagB = await created(b.adminToken, '/tags', { name: 'Matrix-Tag', color: 'blue' });
    for (const scope of SCOPES) {
      const token = scope === 'otherTenant' ? b.adminToken : t.adminToken;
      orgs[scope] = await created(token, '/organizations', {
        name: FIX.orgName(scope),
        email: `info@${scope}.example`,
        departmentIds: recordDepartments(scope),
      });
    }
    // the fixture persons' organisation: unscoped, so every role sees it and its contact persons
    linkedOrg = await created(t.adminToken, '/organizations', { name: 'Matrixfirma-linked' });
    const dpoA = users.dpo.token;
    for (const scope of SCOPES) {
      const other = scope === 'otherTenant';
      persons[scope] = await created(
        other ? bUser.token : dpoA,
        '/persons',
        personBody({
          firstName: FIX.firstName,
          lastName: FIX.lastName(scope),
          email: FIX.email,
          phone: FIX.phone,
          birthDate: FIX.birthDate,
          jobTitle: FIX.jobTitle,
          address: FIX.address,
          notes: FIX.notes,
          accessibilityNeeds: FIX.accessibilityNeeds,
          specialCategoryBasis: 'explicit_consent',
          legalBasis: 'consent',
          purposes: FIX.purposes,
          tagIds: [other ? tagB : tagA],
          departmentIds: recordDepartments(scope),
          ...(other ? {} : { organizationId: linkedOrg }),
        }),
      );
      await created(other ? bUser.token : dpoA, `/persons/${persons[scope]}/interactions`, {
        kind: 'call',
        direction: 'inbound',
        occurredAt: '2026-01-15T10:00:00Z',
        subject: 'Anfrage',
        body: FIX.interactionBody,
      });
    }
    for (const scope of SCOPES) {
      const other = scope === 'otherTenant';
      cases[scope] = await created(other ? bUser.token : dpoA, '/cases', {
        personId: persons[scope],
        channel: 'phone',
        category: 'complaint',
        subject: SERVICE_FIX.subject,
        message: SERVICE_FIX.message,
        departmentIds: recordDepartments(scope),
      });
    }
    const dueAt = '2026-03-02T15:00:00Z';
    for (const role of ROLES)
      ownTasks[role] = await created(users[role].token, '/tasks', { title: 'Matrixaufgabe', dueAt });
    colleagueTask = await created(colleague.token, '/tasks', { title: 'Matrixaufgabe', dueAt });
    bTask = await created(bUser.token, '/tasks', { title: 'Matrixaufgabe', dueAt });
    await seedContractFixtures();
  });
  afterAll(() => t?.close());

  // -- deals pipeline, quotes and orders (contract data): one of each per scope ------------------
  const CONTRACT_FIX = { dealTitle: 'Matrixdeal' };
  const deals = {} as Record<Scope, string>;
  const quotes = {} as Record<Scope, string>;
  const orders = {} as Record<Scope, string>;
  let stageIds: { open: [string, string]; won: string };
  const contractVersion = async (table: 'deals' | 'quotes' | 'orders', id: string) =>
    (
      await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow(),
      )
    ).version;
  const contractLines = [{ product: 'Matrixprodukt', quantity: '2', unitPrice: '10.50', taxRate: '19' }];
  const tokenFor = (scope: Scope) => (scope === 'otherTenant' ? bUser.token : users.dpo.token);
  /** Run at the end of the fixture set-up above. */
  const seedContractFixtures = async () => {
    const post = async (token: string, url: string, body: object) => {
      const res = await t.call(token, { method: 'POST', url: `${API}${url}`, body });
      if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    const stages: { id: string; outcome: string }[] = (
      await t.call(t.adminToken, { method: 'GET', url: `${API}/pipeline/stages` })
    ).json().items;
    const open = stages.filter((s) => s.outcome === 'open').map((s) => s.id);
    stageIds = {
      open: [open[0] ?? '', open[1] ?? ''],
      won: stages.find((s) => s.outcome === 'won')?.id ?? '',
    };
    for (const scope of SCOPES) {
      const token = tokenFor(scope);
      deals[scope] = await post(token, '/deals', {
        title: CONTRACT_FIX.dealTitle,
        personId: persons[scope],
        value: '1000',
      });
      quotes[scope] = await post(token, '/quotes', { personId: persons[scope], lines: contractLines });
      orders[scope] = await post(token, '/orders', { personId: persons[scope], lines: contractLines });
    }
  };
  /** A fresh accepted quote of the scope's person (for making an order of it). */
  const acceptedQuote = async (scope: Scope) => {
    const token = tokenFor(scope);
    const q = (
      await t.call(token, {
        method: 'POST',
        url: `${API}/quotes`,
        body: { personId: persons[scope], lines: contractLines },
      })
    ).json();
    for (const [status, version] of [
      ['sent', 1],
      ['accepted', 2],
    ] as const)
      await t.call(token, { method: 'PATCH', url: `${API}/quotes/${q.id}`, body: { status, version } });
    return q.id as string;
  };
  /** Which fixture records of a scope a list answer holds, as scopes. */
  const scopesIn = (res: LightMyRequestResponse, ids: Record<Scope, string>) => {
    const listed = new Set(JSON.stringify(res.json()).match(/[0-9a-f-]{36}/g) ?? []);
    return SCOPES.filter((s) => listed.has(ids[s]));
  };
  const visibleScopes = (role: Role) => SCOPES.filter((s) => sees(role, s));

  // ---- the matrix ------------------------------------------------------------------------------

  const personUrl = (scope: Scope) => `${API}/persons/${persons[scope]}`;
  /** A 1 × 1 PNG as a photo upload (issue 8). */
  const photoBody = () => ({
    image: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    purpose: 'sales',
    legalBasis: 'consent',
  });
  /** The scope's person has a photo, uploaded by the administrator of its tenant. */
  const ensurePhoto = async (scope: Scope) => {
    const res = await t.call(scope === 'otherTenant' ? b.adminToken : t.adminToken, {
      method: 'PUT',
      url: `${personUrl(scope)}/photo`,
      body: photoBody(),
    });
    if (res.statusCode !== 200) throw new Error(`matrix: photo of ${scope} → ${res.statusCode} ${res.body}`);
  };
  // -- person imports, data quality and the consistency report (issue 8) -------------------------
  /** Imports and saved mappings belong to the tenant, not to departments: the caller's or the other. */
  type ImportScope = 'tenant' | 'otherTenant';
  const IMPORT_SCOPES: readonly ImportScope[] = ['tenant', 'otherTenant'];
  const importAdmin = (where: ImportScope) => (where === 'otherTenant' ? b.adminToken : t.adminToken);
  /** A one-person list as a raw CSV upload; unique names, so a commit duplicates no one. */
  const personImportUpload = (): Req => {
    const name = unique('Importperson');
    return {
      method: 'POST',
      url: `${API}/imports?fileName=matrix.csv`,
      headers: { 'content-type': 'text/csv' },
      body: `Vorname;Nachname;E-Mail\r\nIda;${name};${name.toLowerCase()}@import.example\r\n`,
    };
  };
  const PERSON_IMPORT_FIELDS: PersonField[] = ['firstName', 'lastName', 'email'];
  const personImportSettings = () => ({
    mapping: { Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email' },
    legalBasis: 'contract',
    purposes: ['sales'],
    source: { kind: 'event', detail: 'Matrixmesse' },
  });
  /** A fresh staged import of the tenant, uploaded (and mapped, and checked) by its administrator. */
  const stagedImport = async (where: ImportScope, steps: { mapped?: boolean; checked?: boolean } = {}) => {
    const token = importAdmin(where);
    const up = await t.call(token, personImportUpload());
    if (up.statusCode !== 201) throw new Error(`matrix: import upload → ${up.statusCode} ${up.body}`);
    const url = `${API}/imports/${up.json().id}`;
    const calls: Req[] = [
      ...(steps.mapped || steps.checked
        ? [{ method: 'PUT' as const, url, body: personImportSettings() }]
        : []),
      ...(steps.checked ? [{ method: 'POST' as const, url: `${url}/dry-run` }] : []),
    ];
    for (const req of calls) {
      const res = await t.call(token, req);
      if (res.statusCode !== 200)
        throw new Error(`matrix: ${req.method} ${req.url} → ${res.statusCode} ${res.body}`);
    }
    return url;
  };
  /** One checked import per tenant for the reads. */
  const checkedImports: Partial<Record<ImportScope, Promise<string>>> = {};
  const checkedImport = (where: ImportScope) => {
    checkedImports[where] ??= stagedImport(where, { checked: true });
    return checkedImports[where];
  };
  const importMappingBody = () => ({
    name: unique('Matrixzuordnung'),
    columns: ['Vorname', 'Nachname'],
    mapping: { Vorname: 'firstName', Nachname: 'lastName' },
  });
  /** A fresh saved mapping of the tenant, by its administrator. */
  const savedImportMapping = async (where: ImportScope) => {
    const res = await t.call(importAdmin(where), {
      method: 'POST',
      url: `${API}/import-mappings`,
      body: importMappingBody(),
    });
    if (res.statusCode !== 201) throw new Error(`matrix: import mapping → ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  /** An export of another system naming the fixture persons by their Custos id. */
  const consistencyUpload = (): Req => ({
    method: 'POST',
    url: `${API}/consistency-reports?fileName=erp.csv`,
    headers: { 'content-type': 'text/csv' },
    body: `ID;Vorname;Nachname\r\n${SCOPES.map((s) => `${persons[s]};${FIX.firstName};Export-${s}`).join('\r\n')}\r\n`,
  });
  const orgUrl = (scope: Scope) => `${API}/organizations/${orgs[scope]}`;
  const tagOf = (scope: Scope) => (scope === 'otherTenant' ? tagB : tagA);

  /** Fixture persons (of tenant A and B) in a list response. */
  const fixturePersonsIn = (res: LightMyRequestResponse) => {
    const ids = new Set(res.json().items.map((p: { id: string }) => p.id));
    return SCOPES.filter((s) => ids.has(persons[s]));
  };

  /** Changes of one category of a person; the values are those of the fixture, so reads stay comparable. */
  const PERSON_PATCHES: {
    label: string;
    fields: PersonField[];
    recordFact?: true;
    body: (s: Scope) => object;
  }[] = [
    { label: 'identity', fields: ['lastName'], body: (s) => ({ lastName: FIX.lastName(s) }) },
    { label: 'contact', fields: ['phone'], body: () => ({ phone: FIX.phone }) },
    { label: 'address', fields: ['address'], body: () => ({ address: FIX.address }) },
    { label: 'communication', fields: ['notes'], body: () => ({ notes: FIX.notes }) },
    { label: 'interests', fields: ['tags'], body: (s) => ({ tagIds: [tagOf(s)] }) },
    {
      label: 'special category',
      fields: ['accessibilityNeeds'],
      body: () => ({ accessibilityNeeds: FIX.accessibilityNeeds, specialCategoryBasis: 'explicit_consent' }),
    },
    { label: 'record facts', fields: [], recordFact: true, body: () => ({ purposes: FIX.purposes }) },
  ];

  /** A different value for every person field (as a PATCH body). */
  const OTHER_VALUES: Record<PersonField, object> = {
    firstName: { firstName: 'Anders' },
    lastName: { lastName: 'Anders' },
    birthDate: { birthDate: '1990-01-01' },
    jobTitle: { jobTitle: 'Anders' },
    email: { email: 'anders@example.de' },
    phone: { phone: '+49 40 111111' },
    address: { address: { street: 'Andere Straße 2', postalCode: '20095', city: 'Hamburg', country: 'DE' } },
    notes: { notes: 'Anders' },
    tags: { tagIds: [] },
    accessibilityNeeds: { accessibilityNeeds: 'Anders', specialCategoryBasis: 'explicit_consent' },
    // the photo has routes of its own (/persons/{id}/photo); a PATCH of its category (identity) stands in
    photo: { firstName: 'Anders' },
  };

  /** Person creations varying one category at a time; the base body holds identity and contact fields. */
  const PERSON_CREATES: { label: string; fields: PersonField[]; body: () => object }[] = [
    { label: 'identity + contact', fields: [], body: () => ({}) },
    { label: '+ address', fields: ['address'], body: () => ({ address: FIX.address }) },
    { label: '+ communication', fields: ['notes'], body: () => ({ notes: FIX.notes }) },
    { label: '+ interests', fields: ['tags'], body: () => ({ tagIds: [tagA] }) },
    {
      label: '+ special category',
      fields: ['accessibilityNeeds'],
      body: () => ({
        accessibilityNeeds: FIX.accessibilityNeeds,
        specialCategoryBasis: 'explicit_consent',
        legalBasis: 'consent',
      }),
    },
  ];
  const BASE_CREATE_FIELDS: PersonField[] = ['firstName', 'lastName', 'email', 'phone'];
  const newPerson = (extra: object = {}) =>
    personBody({ lastName: unique('Neu'), legalBasis: 'consent', purposes: ['sales'], ...extra });

  // -- invoices and customer groups (billing data): one invoice per scope ---------------------------
  const invoices = {} as Record<Scope, string>;
  let matrixGroup: { a: string; b: string };
  const invoiceBody = (scope: Scope, number?: string) => ({
    organizationId: orgs[scope],
    issuedAt: '2026-01-10',
    dueAt: '2026-01-24',
    lines: [{ product: 'Matrixprodukt', quantity: '1', unitPrice: '99.90', taxRate: '19' }],
    ...(number ? { number } : {}),
  });
  /** A fresh open invoice of the scope's organisation, issued by an administrator of its tenant. */
  const openInvoice = async (scope: Scope) => {
    const res = await t.call(scope === 'otherTenant' ? b.adminToken : t.adminToken, {
      method: 'POST',
      url: `${API}/invoices`,
      body: invoiceBody(scope),
    });
    if (res.statusCode !== 201) throw new Error(`fixture invoice: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const invoiceVersion = async (id: string) =>
    (
      await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('invoices').select('version').where('id', '=', id).executeTakeFirstOrThrow(),
      )
    ).version;
  const importCsv = (number: string) =>
    `Nr;Datum;E-Mail;Artikel;Preis;USt\r\n${number};10.01.2026;info@unscoped.example;Matrixprodukt;99,90;19\r\n`;
  const importMapping = {
    number: 'Nr',
    issuedAt: 'Datum',
    customerEmail: 'E-Mail',
    product: 'Artikel',
    unitPrice: 'Preis',
    taxRate: 'USt',
  };
  // biome-ignore lint/suspicious/noDuplicateTestHooks: the billing fixtures need the organisations above
  beforeAll(async () => {
    for (const scope of SCOPES) invoices[scope] = await openInvoice(scope);
    const group = async (token: string) => {
      const res = await t.call(token, {
        method: 'POST',
        url: `${API}/customer-groups`,
        body: { name: 'Matrixgruppe' },
      });
      if (res.statusCode !== 201) throw new Error(`fixture group: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    matrixGroup = { a: await group(t.adminToken), b: await group(b.adminToken) };
  });

  // -- reports: open deals in a currency of their own (SEK), one per scope, so the pipeline report's
  // SEK figures show exactly the deals the role's departments see, whatever other fixtures add.
  // Created on the first pipeline probe (biome allows one beforeAll per block).
  const REPORT_CURRENCY = 'SEK';
  let reportDeals: Promise<void> | undefined;
  const ensureReportDeals = () => {
    reportDeals ??= (async () => {
      for (const scope of SCOPES) {
        const tenantId = scope === 'otherTenant' ? b.tenantId : t.tenantId;
        await asSystem(t.db.kysely, async (tx) => {
          const stage = await tx
            .selectFrom('pipeline_stages')
            .select('id')
            .where('tenant_id', '=', tenantId)
            .where('outcome', '=', 'open')
            .orderBy('position')
            .executeTakeFirstOrThrow();
          await tx
            .insertInto('deals')
            .values({
              tenant_id: tenantId,
              title: 'Matrix-Berichtsdeal',
              organization_id: orgs[scope],
              stage_id: stage.id,
              value: '1000.00',
              currency: REPORT_CURRENCY,
              probability: 10,
              owner_id: scope === 'otherTenant' ? bUser.id : users.sales.id,
              department_ids: recordDepartments(scope),
            })
            .execute();
        });
      }
    })();
    return reportDeals;
  };
  /**
   * No report names an employee (BetrVG § 87): no user id or e-mail address in the answer (display
   * names such as "Neu" may equal a stage name; reports.routes.test.ts checks names with its own users).
   */
  const expectNoEmployees = async (res: LightMyRequestResponse) => {
    if (res.statusCode !== 200) return;
    const all = await asSystem(t.db.kysely, (tx) => tx.selectFrom('users').select(['id', 'email']).execute());
    for (const u of all) {
      expect.soft(res.body).not.toContain(u.id);
      expect.soft(res.body).not.toContain(u.email);
    }
  };
  const reportProbe = (role: Role, url: string, verify?: Probe['verify']): Probe => ({
    label: url,
    request: async () => {
      await ensureReportDeals();
      return { method: 'GET', url: `${API}${url}` };
    },
    expected: decide(ok(), [!canDo({ role, action: 'reports.read' }), FORBIDDEN]),
    verify: async (res) => {
      await expectNoEmployees(res);
      await verify?.(res);
    },
  });

  // -- data subject requests (requests-core): a fresh request per probe where the call changes it -----
  /** A new open request of the scope's tenant, recorded by that tenant's DPO. */
  const freshRequest = async (otherTenant: boolean, extra: object = {}) => {
    const res = await t.call(otherTenant ? bUser.token : users.dpo.token, {
      method: 'POST',
      url: `${API}/requests`,
      body: {
        type: 'objection',
        personId: persons[otherTenant ? 'otherTenant' : 'unscoped'],
        channel: 'letter',
        ...extra,
      },
    });
    if (res.statusCode !== 201) throw new Error(`fixture request: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  let matrixRequests: Promise<{ a: string; b: string }> | undefined;
  const ensureRequests = () => {
    matrixRequests ??= (async () => ({ a: await freshRequest(false), b: await freshRequest(true) }))();
    return matrixRequests;
  };
  let completedAccess: Promise<string> | undefined;
  /** An access request of the tenant, fulfilled by the DPO, so its export is stored. */
  const ensureCompletedAccess = () => {
    completedAccess ??= (async () => {
      const id = await freshRequest(false, { type: 'access', identityStatus: 'not_required' });
      const res = await t.call(users.dpo.token, {
        method: 'POST',
        url: `${API}/requests/${id}/fulfil`,
        body: {},
      });
      if (res.statusCode !== 200) throw new Error(`fixture access export: ${res.statusCode} ${res.body}`);
      return id;
    })();
    return completedAccess;
  };
  const requestVersion = async (id: string) =>
    (
      await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('dsr_requests').select('version').where('id', '=', id).executeTakeFirstOrThrow(),
      )
    ).version;
  const TENANTS = [
    ['a request of the tenant', false],
    ["another tenant's request", true],
  ] as const;
  /** A change of a request: FORBIDDEN without requests.manage, 404 for another tenant's. */
  const requestChange = (
    role: Role,
    path: string,
    body: (id: string) => object | Promise<object>,
    fresh: (otherTenant: boolean) => Promise<string>,
  ): Probe[] =>
    TENANTS.map(([label, otherTenant]) => ({
      label,
      request: async () => {
        const id = await fresh(otherTenant);
        return { method: 'POST' as const, url: `${API}/requests/${id}${path}`, body: await body(id) };
      },
      expected: decide(
        ok(),
        [!canDo({ role, action: 'requests.manage' }), FORBIDDEN],
        [otherTenant, NOT_FOUND],
      ),
    }));

  // -- recipients, disclosures and Art. 19 notifications: a recipient, a request and a notification per
  // tenant, written directly (requests-core owns the request API). Created on first use, like the above.
  let art19:
    | Promise<{
        recipient: { a: string; b: string };
        notification: { a: string; b: string };
        request: { a: string; b: string };
      }>
    | undefined;
  const ensureArt19 = () => {
    art19 ??= (async () => {
      const seed = (tenantId: string, personId: string) =>
        asSystem(t.db.kysely, async (tx) => {
          const recipient = randomUUID();
          const request = randomUUID();
          const notification = randomUUID();
          await tx
            .insertInto('recipients')
            .values({ id: recipient, tenant_id: tenantId, name: 'Matrix-Empfänger', kind: 'processor' })
            .execute();
          await tx
            .insertInto('dsr_requests')
            .values({
              id: request,
              tenant_id: tenantId,
              number: 'MATRIX-ART19',
              type: 'erasure',
              channel: 'letter',
              person_id: personId,
              received_at: new Date('2026-02-02T09:00:00Z'),
              due_at: '2026-03-02',
              updated_at: new Date('2026-02-02T09:00:00Z'),
            })
            .execute();
          await tx
            .insertInto('recipient_notifications')
            .values({
              id: notification,
              tenant_id: tenantId,
              request_id: request,
              recipient_id: recipient,
              action: 'erasure',
              categories: ['contact'],
            })
            .execute();
          return { recipient, request, notification };
        });
      const a = await seed(t.tenantId, persons.unscoped);
      const bb = await seed(b.tenantId, persons.otherTenant);
      return {
        recipient: { a: a.recipient, b: bb.recipient },
        request: { a: a.request, b: bb.request },
        notification: { a: a.notification, b: bb.notification },
      };
    })();
    return art19;
  };

  // -- record of processing activities (Art. 30): a fresh hand-kept activity per probe, so a DPO's
  // successful change never alters the version the next probe sends
  const seedRopaActivity = (otherTenant: boolean) =>
    asSystem(t.db.kysely, async (tx) => {
      const row = await tx
        .insertInto('ropa_activities')
        .values({
          tenant_id: otherTenant ? b.tenantId : t.tenantId,
          part: 'controller',
          name: unique('Matrix-Verarbeitung '),
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  const ropaSettingsVersion = async () =>
    (
      await asSystem(t.db.kysely, (tx) =>
        tx
          .selectFrom('ropa_settings')
          .select('version')
          .where('tenant_id', '=', t.tenantId)
          .executeTakeFirst(),
      )
    )?.version ?? 0;
  // -- breach register (Art. 33/34): a fresh breach per probe, written directly, so a DPO's successful
  // change never alters the breach of the next probe (version, status). `values` set the stage a route
  // needs to succeed (complete Art. 33(3) content, an assessed risk, a closed breach).
  const ART33_COMPLETE = {
    nature: ['confidentiality'],
    data_categories: ['contact'],
    subjects_approx: 10,
    records_approx: 10,
    contact: 'dsb@example.de',
    consequences: 'Phishing möglich',
    measures: 'Zugang gesperrt',
  };
  const seedBreach = (otherTenant: boolean, values: Record<string, unknown> = {}) =>
    asSystem(t.db.kysely, async (tx) => {
      const id = randomUUID();
      const now = new Date();
      await tx
        .insertInto('breaches')
        .values({
          id,
          tenant_id: otherTenant ? b.tenantId : t.tenantId,
          number: unique('MATRIX-DP-'),
          title: 'Matrix-Datenpanne',
          description: 'Fehlversand einer Liste',
          aware_at: new Date(now.getTime() - 3_600_000),
          updated_at: now,
          ...values,
        })
        .execute();
      return id;
    });
  // -- deletion concept and legal holds: fresh rows per probe, so a DPO's success never alters the next probe
  const retentionPeriodBody = () => ({
    id: unique('matrix_period_'),
    labelDe: 'Matrix-Frist',
    labelEn: 'Matrix period',
    years: 2,
    months: 0,
    days: 0,
    roundToYearEnd: false,
  });
  const seedRetentionPeriod = () =>
    asSystem(t.db.kysely, async (tx) => {
      const id = unique('matrix_period_');
      await tx
        .insertInto('retention_periods')
        .values({ tenant_id: t.tenantId, id, label_de: 'Matrix-Frist', label_en: 'Matrix period', years: 2 })
        .execute();
      return id;
    });
  const dataTypeBody = (id: string) => ({
    id,
    jurisdiction: 'DE',
    nameDe: 'Matrix-Datenart',
    nameEn: 'Matrix data type',
    purposeId: 'sales',
    legalBasis: 'Art. 6 Abs. 1 lit. f DSGVO',
    subjectGroup: 'Kunden',
    dataCategories: ['contact'],
    deletionClassId: 'year_1_end_of_process',
    startEvent: 'Letzter Kontakt',
    target: null,
  });
  const seedDataType = (otherTenant: boolean) =>
    asSystem(t.db.kysely, async (tx) => {
      const id = unique('matrix_dt_');
      await tx
        .insertInto('data_types')
        .values({
          tenant_id: otherTenant ? b.tenantId : t.tenantId,
          id,
          jurisdiction: 'DE',
          name_de: 'Matrix-Datenart',
          name_en: 'Matrix data type',
          purpose_id: 'sales',
          legal_basis: 'Art. 6 Abs. 1 lit. f DSGVO',
          subject_group: 'Kunden',
          deletion_class_id: 'year_1_end_of_process',
          start_event: 'Letzter Kontakt',
          method: 'document_only',
        })
        .execute();
      return id;
    });
  const seedLegalHold = (scope: Scope) =>
    asSystem(t.db.kysely, async (tx) => {
      const row = await tx
        .insertInto('legal_holds')
        .values({
          tenant_id: scope === 'otherTenant' ? b.tenantId : t.tenantId,
          object_type: 'person',
          object_id: persons[scope],
          reason: 'dispute',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  /** A finished retention sweep report of tenant A or B (counts only). */
  const seedSweep = (otherTenant: boolean) =>
    asSystem(t.db.kysely, async (tx) => {
      const now = new Date();
      const row = await tx
        .insertInto('retention_sweeps')
        .values({
          tenant_id: otherTenant ? b.tenantId : t.tenantId,
          status: 'completed',
          trigger: 'manual',
          as_of: now,
          jurisdiction: 'DE',
          started_at: now,
          heartbeat_at: now,
          finished_at: now,
          counts: JSON.stringify({ interactions_de: { deleted: 1, held: 0 } }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  // -- DPIA (Art. 35): each probe gets a purpose of its own (one DPIA series per purpose)
  const seedPurpose = (otherTenant: boolean) =>
    asSystem(t.db.kysely, async (tx) => {
      const id = unique('matrix_dpia_');
      await tx
        .insertInto('purposes')
        .values({
          tenant_id: otherTenant ? b.tenantId : t.tenantId,
          id,
          label_de: 'Matrix-Zweck',
          label_en: 'Matrix purpose',
          description_de: 'Zweck für die Rechtematrix',
          description_en: 'Purpose of the rights matrix',
          legal_bases: ['consent'],
        })
        .execute();
      return id;
    });
  /** A DPIA of tenant A or B: a bare draft, a draft ready for sign-off, or a signed-off one. */
  const seedDpia = (otherTenant: boolean, state: 'draft' | 'complete' | 'signed' = 'draft') =>
    (async () => {
      const purposeId = await seedPurpose(otherTenant);
      return asSystem(t.db.kysely, async (tx) => {
        const id = randomUUID();
        const now = new Date();
        const ready = state !== 'draft';
        await tx
          .insertInto('dpias')
          .values({
            id,
            tenant_id: otherTenant ? b.tenantId : t.tenantId,
            purpose_id: purposeId,
            series_id: id,
            title: 'Matrix-DSFA',
            answers: JSON.stringify(
              ready
                ? Object.fromEntries(
                    [
                      'processing',
                      'data_subjects',
                      'systems_recipients',
                      'necessity',
                      'minimisation',
                      'subject_rights',
                    ].map((k) => [k, 'Antwort']),
                  )
                : {},
            ),
            risks: JSON.stringify(
              ready
                ? [
                    {
                      id: randomUUID(),
                      title: 'Risiko',
                      description: null,
                      likelihood: 2,
                      severity: 2,
                      measures: [{ text: 'Maßnahme', kind: 'technical' }],
                      residualLikelihood: 1,
                      residualSeverity: 1,
                    },
                  ]
                : [],
            ),
            dpo_opinion: ready ? 'Vertretbar' : null,
            ...(state === 'signed'
              ? { status: 'signed_off' as const, signed_off_at: now, review_at: '2099-01-01' }
              : {}),
            updated_at: now,
          })
          .execute();
        return id;
      });
    })();
  const dpiaProbes = (
    role: Role,
    method: Method,
    path: string,
    action: 'ropa.read' | 'dpia.manage',
    state: 'draft' | 'complete' | 'signed',
    body: (() => object) | undefined,
    success: Outcome = ok(),
  ): Probe[] =>
    ([false, true] as const).map((otherTenant) => ({
      label: otherTenant ? "another tenant's DPIA" : 'a DPIA of the tenant',
      request: async () => ({
        method,
        url: `${API}/dpias/${await seedDpia(otherTenant, state)}${path}`,
        ...(body ? { body: body() } : {}),
      }),
      expected: decide(success, [!canDo({ role, action }), FORBIDDEN], [otherTenant, NOT_FOUND]),
    }));

  const breachProbes = (
    role: Role,
    method: Method,
    path: string,
    body: (() => object) | undefined,
    values: Record<string, unknown> = {},
  ): Probe[] =>
    (
      [
        ['a breach of the tenant', false],
        ["another tenant's breach", true],
      ] as const
    ).map(([label, otherTenant]) => ({
      label,
      request: async () => ({
        method,
        url: `${API}/breaches/${await seedBreach(otherTenant, values)}${path}`,
        ...(body ? { body: body() } : {}),
      }),
      expected: decide(
        ok(),
        [!canDo({ role, action: 'breaches.manage' }), FORBIDDEN],
        [otherTenant, NOT_FOUND],
      ),
    }));

  // -- consent ledger (issue 6): a wording for 'sales' (on every matrix person's record, so
  // no objection probe interferes) and an outbox mail per tenant, written directly;
  // each withdrawal probe gets a fresh consent of its own. Created on first use, like the above.
  let consentFixture:
    | Promise<{ wording: { a: string; b: string }; mail: { a: string; b: string } }>
    | undefined;
  const ensureConsentFixture = () => {
    consentFixture ??= (async () => {
      const seed = (tenantId: string) =>
        asSystem(t.db.kysely, async (tx) => {
          const wording = randomUUID();
          const mail = randomUUID();
          await tx
            .insertInto('consent_wordings')
            .values({
              id: wording,
              tenant_id: tenantId,
              purpose_id: 'sales',
              channel: 'email',
              language: 'de',
              version: 1,
              text: 'Ja, ich möchte Angebote per E-Mail erhalten.',
              text_sha256: '0'.repeat(64),
              advertiser: 'Matrix GmbH',
            })
            .execute();
          await tx
            .insertInto('outbound_mails')
            .values({
              id: mail,
              tenant_id: tenantId,
              kind: 'notice',
              to_address: 'matrix@example.de',
              from_address: 'crm@example.de',
              subject: 'Matrix',
              body_text: 'Matrix',
              message_id: `<${mail}@example.de>`,
              status: 'outbox',
            })
            .execute();
          return { wording, mail };
        });
      const a = await seed(t.tenantId);
      const bb = await seed(b.tenantId);
      return { wording: { a: a.wording, b: bb.wording }, mail: { a: a.mail, b: bb.mail } };
    })();
    return consentFixture;
  };
  /** A fresh valid consent of a person (tenant a or b), written directly. */
  const freshConsent = async (scope: Scope) => {
    const { wording } = await ensureConsentFixture();
    const id = randomUUID();
    await asSystem(t.db.kysely, (tx) =>
      tx
        .insertInto('consents')
        .values({
          id,
          tenant_id: scope === 'otherTenant' ? b.tenantId : t.tenantId,
          person_id: persons[scope],
          purpose_id: 'sales',
          channel: 'letter',
          wording_id: scope === 'otherTenant' ? wording.b : wording.a,
          method: 'letter',
          given_at: new Date('2026-01-01T00:00:00Z'),
          proof: '{}',
        })
        .execute(),
    );
    return id;
  };
  const consentBody = async () => ({
    purposeId: 'sales',
    channel: 'email',
    wordingId: (await ensureConsentFixture()).wording.a,
    method: 'in_person',
    givenAt: '2026-01-02T09:00:00Z',
    proof: { note: 'Matrix' },
  });

  // -- letters: a letter per tenant on the matrix request, written by that tenant's DPO ------------
  let matrixLetters: Promise<{ a: string; b: string }> | undefined;
  const ensureLetters = () => {
    matrixLetters ??= (async () => {
      const ids = await ensureRequests();
      const write = async (token: string, requestId: string) => {
        const res = await t.call(token, {
          method: 'POST',
          url: `${API}/requests/${requestId}/letters`,
          body: { kind: 'acknowledgement' },
        });
        if (res.statusCode !== 201) throw new Error(`fixture letter: ${res.statusCode} ${res.body}`);
        return res.json().id as string;
      };
      return { a: await write(users.dpo.token, ids.a), b: await write(bUser.token, ids.b) };
    })();
    return matrixLetters;
  };
  /** A call about a request's or letter's id: FORBIDDEN without requests.manage, 404 for another tenant's. */
  const letterProbes = (
    role: Role,
    method: 'GET' | 'POST',
    url: (id: string) => string,
    ids: () => Promise<{ a: string; b: string }>,
    success: Outcome,
    body?: object,
  ): Probe[] =>
    TENANTS.map(([label, otherTenant]) => ({
      label,
      request: async () => {
        const both = await ids();
        return { method, url: url(otherTenant ? both.b : both.a), ...(body ? { body } : {}) };
      },
      expected: decide(
        success,
        [!canDo({ role, action: 'requests.manage' }), FORBIDDEN],
        [otherTenant, NOT_FOUND],
      ),
    }));

  // -- subject rights: a person of its own per scope (a field lock empties a field, a restriction
  // blocks every write), so the fixture persons above stay as they are
  const rightsPersons: Partial<Record<Scope, Promise<string>>> = {};
  const rightsPerson = (scope: Scope) => {
    rightsPersons[scope] ??= (async () => {
      const res = await t.call(scope === 'otherTenant' ? bUser.token : users.dpo.token, {
        method: 'POST',
        url: `${API}/persons`,
        body: personBody({
          lastName: `Rechteperson-${scope}`,
          email: `rechte-${scope}@example.de`,
          phone: null,
          jobTitle: FIX.jobTitle,
          departmentIds: recordDepartments(scope),
        }),
      });
      if (res.statusCode !== 201) throw new Error(`fixture rights person: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    })();
    return rightsPersons[scope];
  };
  const restrictRightsPerson = async (id: string) =>
    asSystem(t.db.kysely, (tx) =>
      tx.updateTable('persons').set({ restricted_at: new Date() }).where('id', '=', id).execute(),
    );

  /** A fresh suppression entry (a random keyed hash) of a tenant, for the suppression routes. */
  const suppressionOf = async (tenantId: string) =>
    (
      await asSystem(t.db.kysely, (tx) =>
        tx
          .insertInto('suppressions')
          .values({
            tenant_id: tenantId,
            kind: 'email',
            hash: randomUUID().replace(/-/g, '').repeat(2),
            reason: 'erasure',
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      )
    ).id;

  /**
   * Privacy portal routes (public to the staff authentication, guarded by the data subject's own
   * portal session): refused without a portal session, whether with no credentials, a forged portal
   * cookie or a staff login, and nothing changes.
   */
  const portalGuarded = (method: Method, path: string, body?: object): RouteSpec => ({
    public: true,
    anonymous: [
      ['no portal session', undefined, {}],
      ['forged portal cookie', undefined, { cookie: 'custos_portal=cps_forged', 'x-portal-csrf': 'forged' }],
      ['a staff login is no portal session', t.adminToken, {}],
    ].map(([label, token, headers]) => ({
      label: label as string,
      token: (token as string | undefined) ?? null,
      request: () => ({
        method,
        url: `${API}/portal${path}`,
        headers: headers as Record<string, string>,
        ...(body ? { body } : {}),
      }),
      expected: refused(401, 'portal_session_required'),
    })),
  });

  // -- sign-up forms (signups): a newsletter wording and a form per tenant, written directly (the
  // consent module owns the wording API). Created on first use.
  let signupForms: Promise<{ a: string; b: string; wordingA: string }> | undefined;
  const ensureSignupForms = () => {
    signupForms ??= (async () => {
      const seed = (tenantId: string) =>
        asSystem(t.db.kysely, async (tx) => {
          const text = 'Ja, ich möchte den Matrix-Newsletter per E-Mail erhalten.';
          const wording = await tx
            .insertInto('consent_wordings')
            .values({
              tenant_id: tenantId,
              purpose_id: 'newsletter',
              channel: 'email',
              language: 'de',
              version: 1000,
              text,
              text_sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
              advertiser: 'Matrix GmbH',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const form = await tx
            .insertInto('consent_forms')
            .values({
              tenant_id: tenantId,
              name: 'Matrix-Formular',
              purpose_id: 'newsletter',
              language: 'de',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          return { wording: wording.id, form: form.id };
        });
      const a = await seed(t.tenantId);
      const bb = await seed(b.tenantId);
      return { a: a.form, b: bb.form, wordingA: a.wording };
    })();
    return signupForms;
  };
  // segments: a fresh one per probe that changes or archives it (version 1, active)
  const newSegment = (tenantId: string) =>
    asSystem(t.db.kysely, async (tx) => {
      const id = randomUUID();
      await tx
        .insertInto('segments')
        .values({
          id,
          tenant_id: tenantId,
          name: unique('Matrix-Segment '),
          definition: JSON.stringify({ match: 'all', conditions: [{ field: 'city', value: 'Hannover' }] }),
          purpose_id: 'marketing',
          channel: 'email',
          updated_at: new Date(),
        })
        .execute();
      return id;
    });
  const segmentBody = () => ({
    name: unique('Matrix-Segment '),
    definition: { match: 'all', conditions: [{ field: 'postalCode', prefix: '30' }] },
    purposeId: 'marketing',
    channel: 'email',
  });
  const segmentTargets = [
    ['a segment of the tenant', false],
    ["another tenant's segment", true],
  ] as const;
  const FORGED_LINK = `l_${'F'.repeat(43)}`;
  const forgedLink = (method: Method, path: string, body?: object): RouteSpec => ({
    public: true,
    anonymous: [
      {
        label: 'a forged link',
        request: () => ({ method, url: `${API}${path}`, ...(body ? { body } : {}) }),
        expected: refused(404, 'link_invalid'),
      },
    ],
  });

  // campaigns: a fresh one per probe (marketing purpose, a fresh segment that matches nobody), written
  // directly; `recipient` adds the unscoped matrix person as a reached recipient (responses)
  const newCampaign = async (
    tenantId: string,
    options: { kind?: 'email' | 'letter'; recurrence?: 'none' | 'birthday'; recipient?: string } = {},
  ) => {
    const segmentId = await newSegment(tenantId);
    return asSystem(t.db.kysely, async (tx) => {
      const id = randomUUID();
      await tx
        .insertInto('campaigns')
        .values({
          id,
          tenant_id: tenantId,
          name: unique('Matrix-Kampagne '),
          kind: options.kind ?? 'email',
          occasion: 'offer',
          segment_id: segmentId,
          purpose_id: 'marketing',
          language: 'de',
          subject: 'Matrix',
          body: '{{salutation}}, hallo',
          status: 'draft',
          recurrence: options.recurrence ?? 'none',
          updated_at: new Date(),
        })
        .execute();
      if (options.recipient)
        await tx
          .insertInto('campaign_recipients')
          .values({
            id: randomUUID(),
            tenant_id: tenantId,
            campaign_id: id,
            person_id: options.recipient,
            basis: 'legitimate_interest',
            status: 'sent',
            sent_at: new Date(),
          })
          .execute();
      return id;
    });
  };
  const campaignTargets = [
    ['a campaign of the tenant', false],
    ["another tenant's campaign", true],
  ] as const;
  /** A call about a fresh campaign of the tenant or another tenant's: 404 for the other tenant's. */
  const campaignProbes = (
    role: Role,
    action: 'marketing.read' | 'marketing.manage' | 'campaigns.respond',
    success: Outcome,
    request: (id: string, otherTenant: boolean) => Req,
    options: Parameters<typeof newCampaign>[1] = {},
  ): Probe[] =>
    campaignTargets.map(([label, otherTenant]) => ({
      label,
      request: async () =>
        request(
          await newCampaign(otherTenant ? b.tenantId : t.tenantId, {
            ...options,
            ...(options.recipient ? { recipient: otherTenant ? persons.otherTenant : persons.unscoped } : {}),
          }),
          otherTenant,
        ),
      expected: decide(success, [!canDo({ role, action }), FORBIDDEN], [otherTenant, NOT_FOUND]),
    }));
  const campaignSample = (method: Method, path: string, body?: object) => async (): Promise<Req> => ({
    method,
    url: `${API}/campaigns/${await newCampaign(t.tenantId)}${path}`,
    ...(body ? { body } : {}),
  });

  // -- web forms and the redaction queue (issue 8): contact forms written through the API by the
  // tenant's administrator (a shared one per tenant, a fresh one per changing probe), submissions sent
  // to the public endpoint from addresses of their own (rate limit), findings from a note on diabetes
  const wfLabel = (de: string) => ({ de, en: de });
  const webFormBody = () => ({
    kind: 'contact',
    name: unique('Matrix-Webformular '),
    purposeId: 'customer_service',
    legalBasis: 'legitimate_interest',
    retentionDays: 30,
    fields: [
      {
        key: 'last_name',
        label: wfLabel('Nachname'),
        type: 'text',
        required: true,
        maps: 'lastName',
        category: 'identity',
      },
      {
        key: 'email',
        label: wfLabel('E-Mail'),
        type: 'email',
        required: true,
        maps: 'email',
        category: 'contact',
      },
      {
        key: 'message',
        label: wfLabel('Nachricht'),
        type: 'textarea',
        maps: 'message',
        category: 'communication',
      },
    ],
  });
  const WF_MESSAGE = 'Matrix-Webformular: bitte um Rückruf';
  type MatrixWebForm = { id: string; publicToken: string };
  const newWebForm = async (otherTenant: boolean): Promise<MatrixWebForm> => {
    const res = await t.call(otherTenant ? b.adminToken : t.adminToken, {
      method: 'POST',
      url: `${API}/web-forms`,
      body: webFormBody(),
    });
    if (res.statusCode !== 201) throw new Error(`matrix: web form → ${res.statusCode} ${res.body}`);
    return res.json();
  };
  let sharedWebForms: Promise<{ a: MatrixWebForm; b: MatrixWebForm }> | undefined;
  const ensureWebForms = () => {
    sharedWebForms ??= (async () => ({ a: await newWebForm(false), b: await newWebForm(true) }))();
    return sharedWebForms;
  };
  const webFormTargets = [
    ['a form of the tenant', false],
    ["another tenant's form", true],
  ] as const;
  const submissionIdsOf = (formId: string) =>
    asSystem(t.db.kysely, async (tx) =>
      (await tx.selectFrom('web_form_submissions').select('id').where('form_id', '=', formId).execute()).map(
        (r) => r.id,
      ),
    );
  /** A fresh new submission to the shared form of tenant A or B (`email`: a unique one by default). */
  const newSubmission = async (otherTenant: boolean, email?: string) => {
    const form = (await ensureWebForms())[otherTenant ? 'b' : 'a'];
    const before = new Set(await submissionIdsOf(form.id));
    const n = ++counter;
    const res = await t.call(null, {
      method: 'POST',
      url: `${API}/public/web-forms/${form.publicToken}`,
      body: {
        last_name: `Webformular-${n}`,
        email: email ?? `matrix.wf${n}@example.de`,
        message: WF_MESSAGE,
      },
      remoteAddress: `10.77.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`,
    });
    if (res.statusCode !== 201) throw new Error(`matrix: submission → ${res.statusCode} ${res.body}`);
    const id = (await submissionIdsOf(form.id)).find((s) => !before.has(s));
    if (!id) throw new Error('matrix: the submission was not stored');
    return id;
  };
  /** The person (Kundenservice only) whose e-mail address an accepted submission carries. */
  let otherDepartmentWebFormPerson = '';

  // -- duplicates and merge (issue 8): pairs of fresh, equal persons per scope (written by the DPO of
  // the tenant, scoped like the scope's records); the suggestion is stored by asking for the duplicates
  // of one of them
  type DuplicatePair = { a: string; b: string; suggestion: string };
  const newDuplicatePerson = async (scope: Scope, name: string) => {
    const res = await t.call(tokenFor(scope), {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({
        firstName: 'Dora',
        lastName: name,
        email: `${name.toLowerCase()}@dubletten.example`,
        birthDate: '1975-05-05',
        departmentIds: recordDepartments(scope),
      }),
    });
    if (res.statusCode !== 201) throw new Error(`matrix: duplicate person → ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  /** Two equal persons, the first in `scope`, the second in `second` (the same scope by default). */
  const newDuplicatePair = async (scope: Scope, second: Scope = scope): Promise<DuplicatePair> => {
    const name = `Dublette-${randomUUID().slice(0, 8)}`;
    const a = await newDuplicatePerson(scope, name);
    const b = await newDuplicatePerson(second, name);
    const res = await t.call(tokenFor(scope), { method: 'GET', url: `${API}/persons/${a}/duplicates` });
    if (res.statusCode !== 200) throw new Error(`matrix: duplicates → ${res.statusCode} ${res.body}`);
    const [x, y] = a < b ? [a, b] : [b, a];
    const row = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('duplicate_suggestions')
        .select('id')
        .where('person_a', '=', x)
        .where('person_b', '=', y)
        .executeTakeFirst(),
    );
    if (!row) throw new Error(`matrix: no duplicate suggestion for ${name}`);
    return { a, b, suggestion: row.id };
  };
  let sharedPairs: Promise<Record<Scope, DuplicatePair>> | undefined;
  const ensureDuplicatePairs = () => {
    sharedPairs ??= (async () => {
      const pairs = {} as Record<Scope, DuplicatePair>;
      for (const scope of SCOPES) pairs[scope] = await newDuplicatePair(scope);
      return pairs;
    })();
    return sharedPairs;
  };
  const mayMerge = (role: Role) =>
    canDo({ role, action: 'persons.merge' }) && canWrite({ role, category: 'identity' });
  const REDACTION_NOTE = 'Matrix-Befund: Kunde hat Diabetes, bitte beachten.';
  /** Whether the role sees the text of a finding in a person's notes (the field and health data). */
  const readsFinding = (role: Role) =>
    canRead({ role, category: PERSON_FIELD_CATEGORIES.notes }) &&
    canRead({ role, category: 'special_health' });
  /** A fresh open finding: a new unscoped person of tenant A or B (by its DPO) with a note on diabetes. */
  const newFinding = async (otherTenant: boolean, options: { redacted?: true } = {}) => {
    const token = otherTenant ? bUser.token : users.dpo.token;
    const res = await t.call(token, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({
        lastName: unique('Befund'),
        email: `${unique('befund')}@example.de`,
        notes: REDACTION_NOTE,
      }),
    });
    if (res.statusCode !== 201) throw new Error(`matrix: finding person → ${res.statusCode} ${res.body}`);
    const personId = res.json().id as string;
    const { id } = await asSystem(t.db.kysely, (tx) =>
      tx
        .selectFrom('redaction_findings')
        .select('id')
        .where('source_id', '=', personId)
        .where('field', '=', 'notes')
        .executeTakeFirstOrThrow(),
    );
    if (options.redacted) {
      const r = await t.call(token, { method: 'POST', url: `${API}/redactions/${id}/redact`, body: {} });
      if (r.statusCode !== 200) throw new Error(`matrix: redact → ${r.statusCode} ${r.body}`);
    }
    return id;
  };
  const findingTargets = [
    ['a finding of the tenant', false],
    ["another tenant's finding", true],
  ] as const;

  const matrix = (): Record<RouteKey, RouteSpec> => ({
    // -- data subject requests: intake for all but read-only, everything else for the DPO ----------
    [`GET ${API}/requests/settings`]: {
      sample: () => ({ method: 'GET', url: `${API}/requests/settings` }),
      probes: (role) => [
        {
          label: 'the settings',
          request: () => ({ method: 'GET', url: `${API}/requests/settings` }),
          expected: decide(ok(), [!canDo({ role, action: 'requests.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`PUT ${API}/requests/settings`]: {
      sample: () => ({ method: 'PUT', url: `${API}/requests/settings`, body: { state: null } }),
      probes: (role) => [
        {
          label: 'nationwide holidays',
          request: () => ({ method: 'PUT', url: `${API}/requests/settings`, body: { state: null } }),
          expected: decide(ok(), [!canDo({ role, action: 'requests.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/requests`]: {
      sample: () => ({ method: 'GET', url: `${API}/requests` }),
      probes: (role) => [
        {
          label: 'the inbox',
          request: async () => {
            await ensureRequests();
            return { method: 'GET', url: `${API}/requests?status=all` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'requests.manage' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const ids = res.json().items.map((r: { id: string }) => r.id);
            const { a, b: other } = await ensureRequests();
            expect.soft(ids).toContain(a);
            expect.soft(ids).not.toContain(other);
          },
        },
      ],
    },
    [`POST ${API}/requests`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/requests`,
        body: { type: 'access', personId: persons.unscoped, channel: 'letter' },
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `for the person in ${scope}`,
          request: () => ({
            method: 'POST',
            url: `${API}/requests`,
            body: { type: 'objection', personId: persons[scope], channel: 'letter' },
          }),
          expected: decide(
            ok(201),
            [!canDo({ role, action: 'requests.intake' }), FORBIDDEN],
            [!sees(role, scope), refused(422, 'unknown_person')],
          ),
          verify: (res) => {
            if (res.statusCode !== 201) expectNoPersonalData(res);
          },
        })),
    },
    [`GET ${API}/requests/{id}`]: {
      sample: () => ({ method: 'GET', url: `${API}/requests/${persons.unscoped}` }),
      probes: (role) =>
        TENANTS.map(([label, otherTenant]) => ({
          label,
          request: async () => {
            const ids = await ensureRequests();
            return { method: 'GET' as const, url: `${API}/requests/${otherTenant ? ids.b : ids.a}` };
          },
          expected: decide(
            ok(),
            [!canDo({ role, action: 'requests.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`PATCH ${API}/requests/{id}`]: {
      sample: () => ({ method: 'PATCH', url: `${API}/requests/${persons.unscoped}`, body: { version: 1 } }),
      probes: (role) =>
        TENANTS.map(([label, otherTenant]) => ({
          label,
          request: async () => {
            const ids = await ensureRequests();
            const id = otherTenant ? ids.b : ids.a;
            return {
              method: 'PATCH' as const,
              url: `${API}/requests/${id}`,
              body: { version: await requestVersion(id), assigneeId: null },
            };
          },
          expected: decide(
            ok(),
            [!canDo({ role, action: 'requests.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`POST ${API}/requests/{id}/verification`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/requests/${persons.unscoped}/verification`,
        body: { method: 'known_email', outcome: 'passed' },
      }),
      probes: (role) =>
        requestChange(
          role,
          '/verification',
          () => ({ method: 'known_email', outcome: 'passed' }),
          (o) => freshRequest(o),
        ),
    },
    [`POST ${API}/requests/{id}/extend`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/requests/${persons.unscoped}/extend`,
        body: { reason: 'Umfang', months: 1 },
      }),
      probes: (role) =>
        requestChange(
          role,
          '/extend',
          () => ({ reason: 'Umfang', months: 2 }),
          (o) => freshRequest(o),
        ),
    },
    [`POST ${API}/requests/{id}/refuse`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/requests/${persons.unscoped}/refuse`,
        body: { reason: 'excessive', details: 'Wiederholung' },
      }),
      probes: (role) =>
        requestChange(
          role,
          '/refuse',
          () => ({ reason: 'excessive', details: 'Wiederholung' }),
          (o) => freshRequest(o),
        ),
    },
    [`POST ${API}/requests/{id}/fulfil`]: {
      sample: () => ({ method: 'POST', url: `${API}/requests/${persons.unscoped}/fulfil`, body: {} }),
      probes: (role) =>
        requestChange(
          role,
          '/fulfil',
          () => ({}),
          (o) => freshRequest(o, { identityStatus: 'not_required' }),
        ),
    },
    // -- subject-data: the stored Art. 15/20 export of a completed request, DPO only --------------
    [`GET ${API}/requests/{id}/export`]: {
      sample: () => ({ method: 'GET', url: `${API}/requests/${persons.unscoped}/export` }),
      probes: (role) =>
        TENANTS.map(([label, otherTenant]) => ({
          label: otherTenant ? label : 'a completed access request of the tenant',
          request: async () => {
            const id = otherTenant ? (await ensureRequests()).b : await ensureCompletedAccess();
            return { method: 'GET' as const, url: `${API}/requests/${id}/export` };
          },
          expected: decide(
            ok(),
            [!canDo({ role, action: 'requests.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    // -- letters: templates read by whoever takes in requests, edited by the DPO; letters by the DPO --
    [`GET ${API}/letter-templates`]: {
      sample: () => ({ method: 'GET', url: `${API}/letter-templates` }),
      probes: (role) => [
        {
          label: 'the templates',
          request: () => ({ method: 'GET', url: `${API}/letter-templates` }),
          expected: decide(ok(), [!canDo({ role, action: 'requests.intake' }), FORBIDDEN]),
        },
      ],
    },
    [`PUT ${API}/letter-templates/{kind}/{locale}`]: {
      sample: () => ({
        method: 'PUT',
        url: `${API}/letter-templates/acknowledgement/de`,
        body: { subject: 'Antrag {{requestNumber}}', body: 'Guten Tag {{personName}}' },
      }),
      probes: (role) => [
        {
          label: 'an edit',
          request: () => ({
            method: 'PUT',
            url: `${API}/letter-templates/identity_request/en`,
            body: { subject: 'Request {{requestNumber}}', body: 'Dear {{personName}}' },
          }),
          expected: decide(ok(), [!canDo({ role, action: 'templates.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`DELETE ${API}/letter-templates/{kind}/{locale}`]: {
      sample: () => ({ method: 'DELETE', url: `${API}/letter-templates/acknowledgement/de` }),
      probes: (role) => [
        {
          label: 'a reset',
          request: () => ({ method: 'DELETE', url: `${API}/letter-templates/identity_request/en` }),
          expected: decide(ok(), [!canDo({ role, action: 'templates.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/requests/{id}/letters`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/requests/${persons.unscoped}/letters`,
        body: { kind: 'acknowledgement' },
      }),
      probes: (role) =>
        letterProbes(role, 'POST', (id) => `${API}/requests/${id}/letters`, ensureRequests, ok(201), {
          kind: 'acknowledgement',
        }),
    },
    [`GET ${API}/requests/{id}/letters`]: {
      sample: () => ({ method: 'GET', url: `${API}/requests/${persons.unscoped}/letters` }),
      probes: (role) =>
        letterProbes(role, 'GET', (id) => `${API}/requests/${id}/letters`, ensureRequests, ok()),
    },
    [`GET ${API}/letters/{id}/pdf`]: {
      sample: () => ({ method: 'GET', url: `${API}/letters/${persons.unscoped}/pdf` }),
      probes: (role) => letterProbes(role, 'GET', (id) => `${API}/letters/${id}/pdf`, ensureLetters, ok()),
    },
    [`POST ${API}/letters/{id}/sent`]: {
      sample: () => ({ method: 'POST', url: `${API}/letters/${persons.unscoped}/sent` }),
      probes: (role) => letterProbes(role, 'POST', (id) => `${API}/letters/${id}/sent`, ensureLetters, ok()),
    },
    [`POST ${API}/letters/{id}/email`]: {
      sample: () => ({ method: 'POST', url: `${API}/letters/${persons.unscoped}/email` }),
      probes: (role) => letterProbes(role, 'POST', (id) => `${API}/letters/${id}/email`, ensureLetters, ok()),
    },
    // -- deals pipeline, quotes and orders: category "contract", records by department ------------
    [`GET ${API}/pipeline/stages`]: {
      sample: () => ({ method: 'GET', url: `${API}/pipeline/stages` }),
      probes: (role) => [
        {
          label: 'the stages',
          request: () => ({ method: 'GET', url: `${API}/pipeline/stages` }),
          expected: decide(ok(), [!canRead({ role, category: 'contract' }), NOT_READABLE]),
        },
      ],
    },
    [`POST ${API}/pipeline/stages`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/pipeline/stages`,
        body: { nameDe: 'Phase', nameEn: 'Stage', probability: 40 },
      }),
      probes: (role) => [
        {
          label: 'a new open stage',
          request: () => ({
            method: 'POST',
            url: `${API}/pipeline/stages`,
            body: { nameDe: unique('Phase '), nameEn: unique('Stage '), probability: 40 },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'pipeline.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`PATCH ${API}/pipeline/stages/{id}`]: {
      sample: () => ({ method: 'PATCH', url: `${API}/pipeline/stages/${stageIds.won}`, body: {} }),
      probes: (role) => [
        {
          label: 'rename the won stage to its own name',
          request: () => ({
            method: 'PATCH',
            url: `${API}/pipeline/stages/${stageIds.won}`,
            body: { nameDe: 'Gewonnen', nameEn: 'Won', probability: 100 },
          }),
          expected: decide(ok(), [!canDo({ role, action: 'pipeline.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/deals`]: {
      sample: () => ({ method: 'GET', url: `${API}/deals` }),
      probes: (role) => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/deals?q=${CONTRACT_FIX.dealTitle}&pageSize=200` }),
          expected: decide(ok(), [!canRead({ role, category: 'contract' }), NOT_READABLE]),
          verify: (res) => {
            if (res.statusCode === 200)
              expect
                .soft(scopesIn(res, deals), 'deals of the departments the role sees')
                .toEqual(visibleScopes(role));
          },
        },
      ],
    },
    [`GET ${API}/deals/board`]: {
      sample: () => ({ method: 'GET', url: `${API}/deals/board` }),
      probes: (role) => [
        {
          label: 'board',
          request: () => ({ method: 'GET', url: `${API}/deals/board` }),
          expected: decide(ok(), [!canRead({ role, category: 'contract' }), NOT_READABLE]),
          verify: (res) => {
            if (res.statusCode === 200)
              expect
                .soft(scopesIn(res, deals), 'deals of the departments the role sees')
                .toEqual(visibleScopes(role));
          },
        },
      ],
    },
    [`POST ${API}/deals`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/deals`,
        body: { title: 'Deal', personId: persons.unscoped, value: '1' },
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `for the person in ${scope}`,
          request: () => ({
            method: 'POST',
            url: `${API}/deals`,
            body: { title: 'Matrix neu', personId: persons[scope], value: '250.00' },
          }),
          expected: decide(
            ok(201),
            [!canWrite({ role, category: 'contract' }), NOT_WRITABLE],
            [!sees(role, scope), refused(422, 'unknown_person')],
          ),
        })),
    },
    [`GET ${API}/deals/{id}`]: {
      sample: () => ({ method: 'GET', url: `${API}/deals/${deals.unscoped}` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${API}/deals/${deals[scope]}` }),
          expected: decide(
            ok(),
            [!canRead({ role, category: 'contract' }), NOT_READABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
          verify: (res) => {
            if (res.statusCode !== 200) expect.soft(res.body).not.toContain(CONTRACT_FIX.dealTitle);
          },
        })),
    },
    [`PATCH ${API}/deals/{id}`]: {
      sample: () => ({ method: 'PATCH', url: `${API}/deals/${deals.unscoped}`, body: { version: 1 } }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'PATCH',
            url: `${API}/deals/${deals[scope]}`,
            body: { title: CONTRACT_FIX.dealTitle, version: await contractVersion('deals', deals[scope]) },
          }),
          expected: decide(
            ok(),
            [!canWrite({ role, category: 'contract' }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`POST ${API}/deals/{id}/move`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/deals/${deals.unscoped}/move`,
        body: { stageId: stageIds.won, version: 1 },
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `${scope}: to the other open stage`,
          request: async () => {
            const row = await asSystem(t.db.kysely, (tx) =>
              tx
                .selectFrom('deals')
                .select(['stage_id', 'version'])
                .where('id', '=', deals[scope])
                .executeTakeFirstOrThrow(),
            );
            const [a, b] = stageIds.open;
            return {
              method: 'POST' as const,
              url: `${API}/deals/${deals[scope]}/move`,
              body: { stageId: row.stage_id === a ? b : a, version: row.version },
            };
          },
          expected: decide(
            ok(),
            [!canWrite({ role, category: 'contract' }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/quotes`]: {
      sample: () => ({ method: 'GET', url: `${API}/quotes` }),
      probes: (role) => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/quotes?pageSize=200&order=asc` }),
          expected: decide(ok(), [!canRead({ role, category: 'contract' }), NOT_READABLE]),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(scopesIn(res, quotes)).toEqual(visibleScopes(role));
          },
        },
      ],
    },
    [`POST ${API}/quotes`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/quotes`,
        body: { personId: persons.unscoped, lines: contractLines },
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `for the person in ${scope}`,
          request: () => ({
            method: 'POST',
            url: `${API}/quotes`,
            body: { personId: persons[scope], lines: contractLines },
          }),
          expected: decide(
            ok(201),
            [!canWrite({ role, category: 'contract' }), NOT_WRITABLE],
            [!sees(role, scope), refused(422, 'unknown_person')],
          ),
        })),
    },
    [`GET ${API}/quotes/{id}`]: {
      sample: () => ({ method: 'GET', url: `${API}/quotes/${quotes.unscoped}` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${API}/quotes/${quotes[scope]}` }),
          expected: decide(
            ok(),
            [!canRead({ role, category: 'contract' }), NOT_READABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`PATCH ${API}/quotes/{id}`]: {
      sample: () => ({ method: 'PATCH', url: `${API}/quotes/${quotes.unscoped}`, body: { version: 1 } }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'PATCH',
            url: `${API}/quotes/${quotes[scope]}`,
            body: { validUntil: '2099-12-31', version: await contractVersion('quotes', quotes[scope]) },
          }),
          expected: decide(
            ok(),
            [!canWrite({ role, category: 'contract' }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`POST ${API}/quotes/{id}/order`]: {
      sample: () => ({ method: 'POST', url: `${API}/quotes/${quotes.unscoped}/order` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `an accepted quote in ${scope}`,
          request: async () => ({ method: 'POST', url: `${API}/quotes/${await acceptedQuote(scope)}/order` }),
          expected: decide(
            ok(201),
            [!canWrite({ role, category: 'contract' }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/orders`]: {
      sample: () => ({ method: 'GET', url: `${API}/orders` }),
      probes: (role) => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/orders?pageSize=200&order=asc` }),
          expected: decide(ok(), [!canRead({ role, category: 'contract' }), NOT_READABLE]),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(scopesIn(res, orders)).toEqual(visibleScopes(role));
          },
        },
      ],
    },
    [`POST ${API}/orders`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/orders`,
        body: { personId: persons.unscoped, lines: contractLines },
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `for the person in ${scope}`,
          request: () => ({
            method: 'POST',
            url: `${API}/orders`,
            body: { personId: persons[scope], lines: contractLines },
          }),
          expected: decide(
            ok(201),
            [!canWrite({ role, category: 'contract' }), NOT_WRITABLE],
            [!sees(role, scope), refused(422, 'unknown_person')],
          ),
        })),
    },
    [`GET ${API}/orders/{id}`]: {
      sample: () => ({ method: 'GET', url: `${API}/orders/${orders.unscoped}` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${API}/orders/${orders[scope]}` }),
          expected: decide(
            ok(),
            [!canRead({ role, category: 'contract' }), NOT_READABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`PATCH ${API}/orders/{id}`]: {
      sample: () => ({ method: 'PATCH', url: `${API}/orders/${orders.unscoped}`, body: { version: 1 } }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'PATCH',
            url: `${API}/orders/${orders[scope]}`,
            body: { externalRef: 'ERP-Matrix', version: await contractVersion('orders', orders[scope]) },
          }),
          expected: decide(
            ok(),
            [!canWrite({ role, category: 'contract' }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    // -- public ----------------------------------------------------------------------------------
    [`GET ${API}/setup/status`]: {
      public: true,
      anonymous: [
        {
          label: 'status without login',
          request: () => ({ method: 'GET', url: `${API}/setup/status` }),
          expected: ok(),
          verify: (res) => expect.soft(res.json()).toEqual({ initialized: true }),
        },
      ],
    },
    [`POST ${API}/setup`]: {
      public: true,
      anonymous: [
        {
          label: 'a second set-up is refused',
          request: () => ({
            method: 'POST',
            url: `${API}/setup`,
            body: {
              setupCode: 'whatever',
              organizationName: 'Zweite GmbH',
              adminName: 'Mallory',
              adminEmail: 'mallory@example.de',
              adminPassword: ADMIN_PASSWORD,
            },
          }),
          expected: refused(409, 'already_initialized'),
        },
      ],
    },
    [`POST ${API}/auth/login`]: {
      public: true,
      anonymous: [
        {
          label: 'valid credentials',
          request: () => ({
            method: 'POST',
            url: `${API}/auth/login`,
            body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
          }),
          expected: ok(),
        },
        {
          label: 'wrong password',
          request: () => ({
            method: 'POST',
            url: `${API}/auth/login`,
            body: { email: ADMIN_EMAIL, password: 'wrong password, surely' },
          }),
          expected: refused(401, 'invalid_credentials'),
        },
      ],
    },

    // -- privacy portal (data subjects; magic link and portal session, no staff login) -------------
    [`POST ${API}/portal/login`]: {
      public: true,
      anonymous: [
        {
          label: 'an unknown address: the same answer, nothing sent',
          request: () => ({
            method: 'POST',
            url: `${API}/portal/login`,
            body: { email: 'nobody.portal@example.de', language: 'de', tenantId: t.tenantId },
            remoteAddress: '10.0.7.1',
          }),
          expected: ok(202),
          verify: (res) => expect.soft(res.json()).toEqual({ status: 'sent_if_known' }),
        },
        {
          label: 'several tenants and none named',
          request: () => ({
            method: 'POST',
            url: `${API}/portal/login`,
            body: { email: FIX.email, language: 'en' },
            remoteAddress: '10.0.7.1',
          }),
          expected: refused(422, 'tenant_required'),
        },
      ],
    },
    [`POST ${API}/portal/session`]: {
      public: true,
      anonymous: [
        {
          label: 'a forged magic link',
          request: () => ({ method: 'POST', url: `${API}/portal/session`, body: { token: 'cpl_forged' } }),
          expected: refused(404, 'link_invalid'),
        },
      ],
    },
    [`GET ${API}/portal/me`]: portalGuarded('GET', '/me'),
    [`GET ${API}/portal/export`]: portalGuarded('GET', `/export?personId=${randomUUID()}`),
    [`POST ${API}/portal/consents/{id}/withdraw`]: portalGuarded(
      'POST',
      `/consents/${randomUUID()}/withdraw`,
    ),
    [`POST ${API}/portal/objection`]: portalGuarded('POST', '/objection', { personId: randomUUID() }),
    [`POST ${API}/portal/requests`]: portalGuarded('POST', '/requests', {
      personId: randomUUID(),
      type: 'erasure',
    }),
    [`POST ${API}/portal/logout`]: portalGuarded('POST', '/logout'),

    // -- own account: every role ---------------------------------------------------------------
    [`GET ${API}/auth/session`]: {
      sample: () => ({ method: 'GET', url: `${API}/auth/session` }),
      probes: (role) => [
        {
          label: 'own session',
          request: () => ({ method: 'GET', url: `${API}/auth/session` }),
          expected: ok(),
          verify: (res) => expect.soft(res.json().user).toMatchObject({ id: users[role].id, role }),
        },
      ],
    },
    [`POST ${API}/auth/totp/setup`]: {
      sample: () => ({ method: 'POST', url: `${API}/auth/totp/setup` }),
      probes: (role) => [
        {
          label: 'start enrolment',
          request: () => ({ method: 'POST', url: `${API}/auth/totp/setup` }),
          expected: ok(),
          verify: (res) => {
            state[role].totpSecret = res.json().secret;
          },
        },
      ],
    },
    [`POST ${API}/auth/totp/enable`]: {
      sample: () => ({ method: 'POST', url: `${API}/auth/totp/enable`, body: { code: '123456' } }),
      probes: (role) => [
        {
          label: 'confirm enrolment',
          request: () => ({
            method: 'POST',
            url: `${API}/auth/totp/enable`,
            body: { code: totpCode(state[role].totpSecret, -1) },
          }),
          expected: ok(),
        },
      ],
    },
    [`POST ${API}/auth/mfa`]: {
      sample: () => ({ method: 'POST', url: `${API}/auth/mfa`, body: { code: '123456' } }),
      probes: (role) => [
        {
          label: 'second factor of a half-open session',
          token: null,
          request: async () => {
            const remoteAddress = `10.0.1.${ROLES.indexOf(role) + 1}`;
            const login = await t.call(null, {
              method: 'POST',
              url: `${API}/auth/login`,
              body: { email: users[role].email, password: ADMIN_PASSWORD },
              remoteAddress,
            });
            expect(login.json().status).toBe('mfa_required');
            return {
              method: 'POST',
              url: `${API}/auth/mfa`,
              body: { code: totpCode(state[role].totpSecret, 0) },
              headers: {
                cookie: `custos_session=${sessionCookieOf(login).value}`,
                'x-csrf-token': login.json().csrfToken,
              },
              remoteAddress,
            };
          },
          expected: ok(),
          verify: (res) => {
            expect.soft(res.json().status).toBe('ok');
            state[role].session = { cookie: sessionCookieOf(res).value, csrf: res.json().csrfToken };
          },
        },
      ],
    },
    [`POST ${API}/auth/totp/disable`]: {
      sample: () => ({ method: 'POST', url: `${API}/auth/totp/disable`, body: { code: '123456' } }),
      probes: (role) => [
        {
          label: 'switch off with a current code',
          request: () => ({
            method: 'POST',
            url: `${API}/auth/totp/disable`,
            body: { code: totpCode(state[role].totpSecret, 1) },
          }),
          expected: ok(),
        },
      ],
    },
    [`POST ${API}/auth/logout`]: {
      sample: () => ({ method: 'POST', url: `${API}/auth/logout` }),
      probes: (role) => [
        {
          label: 'end the own session',
          token: null,
          request: (): Req => {
            const session = state[role].session;
            return {
              method: 'POST',
              url: `${API}/auth/logout`,
              headers: session
                ? { cookie: `custos_session=${session.cookie}`, 'x-csrf-token': session.csrf }
                : {},
            };
          },
          expected: ok(204),
          verify: async (res) => {
            expect.soft(res.statusCode).toBe(204);
            const after = await t.call(null, {
              method: 'GET',
              url: `${API}/auth/session`,
              headers: { cookie: `custos_session=${state[role].session?.cookie}` },
            });
            expect.soft(after.statusCode, 'the session ends with logout').toBe(401);
          },
        },
      ],
    },
    [`GET ${API}/tokens`]: {
      sample: () => ({ method: 'GET', url: `${API}/tokens` }),
      probes: (role) => [
        {
          label: 'own tokens only',
          request: () => ({ method: 'GET', url: `${API}/tokens` }),
          expected: ok(),
          verify: async (res) => {
            const own = await asSystem(t.db.kysely, (tx) =>
              tx.selectFrom('api_tokens').select('id').where('user_id', '=', users[role].id).execute(),
            );
            expect
              .soft(
                res
                  .json()
                  .items.map((x: { id: string }) => x.id)
                  .sort(),
              )
              .toEqual(own.map((x) => x.id).sort());
          },
        },
      ],
    },
    [`POST ${API}/tokens`]: {
      sample: () => ({ method: 'POST', url: `${API}/tokens`, body: { name: 'x' } }),
      probes: () => [
        {
          label: 'new own token',
          request: () => ({ method: 'POST', url: `${API}/tokens`, body: { name: unique('token') } }),
          expected: ok(201),
        },
      ],
    },
    [`DELETE ${API}/tokens/{id}`]: {
      sample: () => ({ method: 'DELETE', url: `${API}/tokens/${randomUUID()}` }),
      probes: (role) =>
        (
          [
            ['own token', () => ({ tenantId: t.tenantId, userId: users[role].id }), ok(204)],
            ["a colleague's token", () => ({ tenantId: t.tenantId, userId: colleague.id }), NOT_FOUND],
            ['a token of another tenant', () => ({ tenantId: b.tenantId, userId: bUser.id }), NOT_FOUND],
          ] as const
        ).map(([label, owner, expected]) => ({
          label,
          request: async () => {
            const { id } = await createToken(t.ctx, { ...owner(), name: unique('victim') });
            return { method: 'DELETE' as const, url: `${API}/tokens/${id}` };
          },
          expected,
        })),
    },

    // -- tenant-wide reference data: every role reads, canDo decides who writes ------------------
    [`GET ${API}/privacy/catalogue`]: {
      sample: () => ({ method: 'GET', url: `${API}/privacy/catalogue` }),
      probes: () => [
        {
          label: 'catalogue',
          request: () => ({ method: 'GET', url: `${API}/privacy/catalogue` }),
          expected: ok(),
        },
      ],
    },
    [`POST ${API}/purposes`]: {
      sample: () => ({ method: 'POST', url: `${API}/purposes`, body: purposeBody('sample_purpose') }),
      probes: (role) => [
        {
          label: 'declare a purpose',
          request: () => ({
            method: 'POST',
            url: `${API}/purposes`,
            body: purposeBody(unique('matrix_purpose_')),
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'purposes.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/departments`]: {
      sample: () => ({ method: 'GET', url: `${API}/departments` }),
      probes: () => [
        {
          label: 'departments of the tenant',
          request: () => ({ method: 'GET', url: `${API}/departments` }),
          expected: ok(),
          verify: (res) => {
            const ids = res.json().items.map((d: { id: string }) => d.id);
            expect.soft(ids).toEqual(expect.arrayContaining([dept.own, dept.other]));
            expect.soft(ids).not.toContain(dept.bOwn);
          },
        },
      ],
    },
    [`POST ${API}/departments`]: {
      sample: () => ({ method: 'POST', url: `${API}/departments`, body: { name: 'Sample' } }),
      probes: (role) => [
        {
          label: 'create a department',
          request: () => ({
            method: 'POST',
            url: `${API}/departments`,
            body: { name: unique('Abteilung ') },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'departments.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/tags`]: {
      sample: () => ({ method: 'GET', url: `${API}/tags` }),
      probes: () => [
        {
          label: 'tags of the tenant',
          request: () => ({ method: 'GET', url: `${API}/tags` }),
          expected: ok(),
          verify: (res) => {
            const ids = res.json().items.map((x: { id: string }) => x.id);
            expect.soft(ids).toContain(tagA);
            expect.soft(ids).not.toContain(tagB);
          },
        },
      ],
    },
    [`POST ${API}/tags`]: {
      sample: () => ({ method: 'POST', url: `${API}/tags`, body: { name: 'Sample' } }),
      probes: (role) => [
        {
          label: 'create a tag',
          request: () => ({ method: 'POST', url: `${API}/tags`, body: { name: unique('Tag ') } }),
          expected: decide(ok(201), [!canDo({ role, action: 'tags.manage' }), FORBIDDEN]),
        },
      ],
    },

    // -- users: users.manage ----------------------------------------------------------------------
    [`GET ${API}/users`]: {
      sample: () => ({ method: 'GET', url: `${API}/users` }),
      probes: (role) => [
        {
          label: 'users of the tenant',
          request: () => ({ method: 'GET', url: `${API}/users` }),
          expected: decide(ok(), [!canDo({ role, action: 'users.manage' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode !== 200) return;
            const ids = res.json().items.map((u: { id: string }) => u.id);
            expect.soft(ids).toContain(colleague.id);
            expect.soft(ids).not.toContain(bUser.id);
          },
        },
      ],
    },
    [`POST ${API}/users`]: {
      sample: () => ({ method: 'POST', url: `${API}/users`, body: userBody('sample@example.de', []) }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `user in ${scope} department`,
          request: () => ({
            method: 'POST',
            url: `${API}/users`,
            body: userBody(`${unique('neu')}@example.de`, recordDepartments(scope)),
          }),
          expected: decide(
            ok(201),
            [!canDo({ role, action: 'users.manage' }), FORBIDDEN],
            [scope === 'otherTenant', refused(422, 'unknown_department')],
          ),
        })),
    },
    [`PATCH ${API}/users/{id}`]: {
      sample: () => ({ method: 'PATCH', url: `${API}/users/${colleague.id}`, body: { disabled: false } }),
      probes: (role) =>
        (
          [
            ['a user of the tenant', () => colleague.id, false],
            ['a user of another tenant', () => bUser.id, true],
          ] as const
        ).map(([label, id, otherTenant]) => ({
          label,
          request: () => ({ method: 'PATCH', url: `${API}/users/${id()}`, body: { disabled: false } }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'users.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },

    // -- organisations: organization category, department scope ---------------------------------
    [`GET ${API}/organizations`]: {
      sample: () => ({ method: 'GET', url: `${API}/organizations` }),
      probes: (role) => [
        {
          label: 'list and search',
          request: () => ({ method: 'GET', url: `${API}/organizations?q=Matrixfirma&pageSize=200` }),
          expected: ok(),
          verify: (res) => {
            const items: { id: string; personCount: number }[] = res.json().items;
            for (const scope of SCOPES) {
              expect
                .soft(
                  items.some((o) => o.id === orgs[scope]),
                  `organisation ${scope} listed`,
                )
                .toBe(sees(role, scope));
            }
            const linked = items.find((o) => o.id === linkedOrg);
            const visiblePersons = SCOPES.filter((s) => s !== 'otherTenant' && sees(role, s)).length;
            expect.soft(linked?.personCount, 'personCount counts only visible persons').toBe(visiblePersons);
          },
        },
      ],
    },
    [`POST ${API}/organizations`]: {
      sample: () => ({ method: 'POST', url: `${API}/organizations`, body: { name: 'Sample AG' } }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `scoped to ${scope}`,
          request: () => ({
            method: 'POST',
            url: `${API}/organizations`,
            body: { name: unique('Neue Firma '), departmentIds: recordDepartments(scope) },
          }),
          expected: decide(
            ok(201),
            [
              !canDo({ role, action: 'records.create' }) || !canWrite({ role, category: 'organization' }),
              FORBIDDEN,
            ],
            [scope === 'otherTenant', refused(422, 'unknown_department')],
            [!mayScope(role, recordDepartments(scope)), FORBIDDEN],
          ),
        })),
    },
    [`GET ${API}/organizations/{id}`]: {
      sample: () => ({ method: 'GET', url: orgUrl('unscoped') }),
      probes: (role) =>
        SCOPES.map(
          (scope): Probe => ({
            label: scope,
            request: () => ({ method: 'GET', url: orgUrl(scope) }),
            expected: decide(ok(), [!sees(role, scope), NOT_FOUND]),
          }),
        ).concat({
          label: 'with its contact persons in every department',
          request: (): Req => ({ method: 'GET', url: `${API}/organizations/${linkedOrg}` }),
          expected: ok(),
          verify: (res: LightMyRequestResponse) => {
            const listed: { id: string; email?: string }[] = res.json().persons;
            const expected = SCOPES.filter((s) => s !== 'otherTenant' && sees(role, s)).map(
              (s) => persons[s],
            );
            expect
              .soft(listed.map((p) => p.id).sort(), 'contact persons: only visible ones')
              .toEqual(expected.sort());
            for (const p of listed)
              expect
                .soft('email' in p, 'contact e-mail only with contact read')
                .toBe(canRead({ role, category: 'contact' }));
          },
        }),
    },
    [`PATCH ${API}/organizations/{id}`]: {
      sample: () => ({ method: 'PATCH', url: orgUrl('unscoped'), body: { version: 1, name: 'x' } }),
      probes: (role) =>
        SCOPES.map((scope) => {
          let version = 0;
          return {
            label: scope,
            request: async () => {
              version = await versionOf('organizations', orgs[scope]);
              return {
                method: 'PATCH' as const,
                url: orgUrl(scope),
                body: { version, name: FIX.orgName(scope) },
              };
            },
            expected: decide(
              ok(),
              [!sees(role, scope), NOT_FOUND],
              [!canWrite({ role, category: 'organization' }), FORBIDDEN],
            ),
            verify: (res) => {
              if (res.statusCode === 200) expect.soft(res.json().version).toBe(version + 1);
            },
          };
        }),
    },

    // -- persons: data categories per field, department scope ------------------------------------
    [`GET ${API}/persons`]: {
      sample: () => ({ method: 'GET', url: `${API}/persons` }),
      probes: (role) => [
        {
          label: 'search',
          request: () => ({ method: 'GET', url: `${API}/persons?q=${MARK}&pageSize=200` }),
          expected: ok(),
          verify: (res) => {
            expect
              .soft(fixturePersonsIn(res), 'search finds exactly the visible persons')
              .toEqual(SCOPES.filter((s) => sees(role, s)));
            const hidden = hiddenFor(role);
            for (const item of res.json().items as Record<string, unknown>[]) {
              expect.soft('email' in item).toBe(!hidden.includes('email'));
              expect.soft('phone' in item).toBe(!hidden.includes('phone'));
              expect.soft('city' in item).toBe(!hidden.includes('address'));
              expect.soft('tags' in item).toBe(!hidden.includes('tags'));
            }
          },
        },
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/persons?pageSize=200&sort=createdAt` }),
          expected: ok(),
          verify: (res) => {
            expect
              .soft(fixturePersonsIn(res), 'list holds exactly the visible persons')
              .toEqual(SCOPES.filter((s) => sees(role, s)));
          },
        },
      ],
    },
    [`POST ${API}/persons`]: {
      sample: () => ({ method: 'POST', url: `${API}/persons`, body: newPerson() }),
      probes: (role) => {
        const mayCreate = canDo({ role, action: 'records.create' });
        const byCategory = PERSON_CREATES.map(
          ({ label, fields, body }): Probe => ({
            label,
            request: () => ({ method: 'POST', url: `${API}/persons`, body: newPerson(body()) }),
            expected: decide(
              ok(201),
              [!mayCreate, FORBIDDEN],
              [!writesAll(role, categoriesOf([...BASE_CREATE_FIELDS, ...fields])), NOT_WRITABLE],
            ),
            verify: (res) => {
              if (res.statusCode !== 201) return;
              expect
                .soft(res.json().departmentIds, 'by default a record is scoped to its creator’s departments')
                .toEqual(seesAllDepartments(role) ? [] : [dept.own]);
            },
          }),
        );
        const byDepartment = SCOPES.map(
          (scope): Probe => ({
            label: `scoped to ${scope}`,
            request: () => ({
              method: 'POST',
              url: `${API}/persons`,
              body: newPerson({ departmentIds: recordDepartments(scope) }),
            }),
            expected: decide(
              ok(201),
              [!mayCreate, FORBIDDEN],
              [scope === 'otherTenant', refused(422, 'unknown_department')],
              [!mayScope(role, recordDepartments(scope)), FORBIDDEN],
            ),
          }),
        );
        const byOrganization = SCOPES.map(
          (scope): Probe => ({
            label: `linked to the organisation in ${scope}`,
            request: () => ({
              method: 'POST',
              url: `${API}/persons`,
              body: newPerson({ organizationId: orgs[scope] }),
            }),
            // an organisation the user cannot see is unknown to them, whether in another tenant or department
            expected: decide(
              ok(201),
              [!mayCreate, FORBIDDEN],
              [!sees(role, scope), refused(422, 'unknown_organization')],
            ),
          }),
        );
        return [...byCategory, ...byDepartment, ...byOrganization];
      },
    },
    [`GET ${API}/persons/{id}`]: {
      sample: () => ({ method: 'GET', url: personUrl('unscoped') }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: personUrl(scope) }),
          expected: decide(ok(), [!sees(role, scope), NOT_FOUND]),
          verify: (res) => {
            if (res.statusCode === 200) expectFieldLevelView(role, scope, res);
            else expectNoPersonalData(res);
          },
        })),
    },
    [`PATCH ${API}/persons/{id}`]: {
      sample: () => ({ method: 'PATCH', url: personUrl('unscoped'), body: { version: 1, lastName: 'x' } }),
      probes: (role) =>
        SCOPES.flatMap((scope) =>
          PERSON_PATCHES.map(({ label, fields, recordFact, body }): Probe => {
            let version = 0;
            return {
              label: `${label} of ${scope}`,
              request: async () => {
                version = await versionOf('persons', persons[scope]);
                return { method: 'PATCH', url: personUrl(scope), body: { version, ...body(scope) } };
              },
              expected: decide(
                ok(),
                [!sees(role, scope), NOT_FOUND],
                [Boolean(recordFact) && !canWrite({ role, category: RECORD_FACTS_CATEGORY }), FORBIDDEN],
                [!writesAll(role, categoriesOf(fields)), NOT_WRITABLE],
              ),
              verify: async (res) => {
                if (res.statusCode !== 200) return expectNoPersonalData(res);
                expect.soft(res.json().version).toBe(version + 1);
                if (fields.includes('tags'))
                  expect.soft(await tagIdsOfPerson(persons[scope])).toEqual([tagOf(scope)]);
              },
            };
          }),
        ),
    },
    // -- subject rights: field locks (DPO, admin for fields it may write) and lifting a restriction (DPO)
    [`GET ${API}/persons/{id}/field-locks`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/field-locks` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${personUrl(scope)}/field-locks` }),
          expected: decide(ok(), [!sees(role, scope), NOT_FOUND]),
        })),
    },
    [`PUT ${API}/persons/{id}/field-locks/{field}`]: {
      sample: () => ({ method: 'PUT', url: `${personUrl('unscoped')}/field-locks/jobTitle`, body: {} }),
      probes: (role) => [
        ...SCOPES.map((scope) => ({
          label: `job title of ${scope}`,
          request: async () => ({
            method: 'PUT' as const,
            url: `${API}/persons/${await rightsPerson(scope)}/field-locks/jobTitle`,
            body: { reason: 'Matrix' },
          }),
          expected: decide(
            ok(),
            [!mayManageFieldLock(role, 'jobTitle'), FORBIDDEN],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
        {
          label: 'health data of unscoped',
          request: async () => ({
            method: 'PUT' as const,
            url: `${API}/persons/${await rightsPerson('unscoped')}/field-locks/accessibilityNeeds`,
            body: {},
          }),
          expected: decide(ok(), [!mayManageFieldLock(role, 'accessibilityNeeds'), FORBIDDEN]),
        },
      ],
    },
    [`DELETE ${API}/persons/{id}/field-locks/{field}`]: {
      sample: () => ({ method: 'DELETE', url: `${personUrl('unscoped')}/field-locks/jobTitle` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `birthday of ${scope}`,
          request: async () => {
            const id = await rightsPerson(scope);
            await asSystem(t.db.kysely, (tx) =>
              tx
                .insertInto('field_locks')
                .values({
                  tenant_id: scope === 'otherTenant' ? b.tenantId : t.tenantId,
                  person_id: id,
                  field: 'birthDate',
                  locked_at: new Date(),
                })
                .onConflict((oc) => oc.doNothing())
                .execute(),
            );
            return { method: 'DELETE' as const, url: `${API}/persons/${id}/field-locks/birthDate` };
          },
          expected: decide(
            ok(204),
            [!mayManageFieldLock(role, 'birthDate'), FORBIDDEN],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`DELETE ${API}/persons/{id}/restriction`]: {
      sample: () => ({ method: 'DELETE', url: `${personUrl('unscoped')}/restriction` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => {
            const id = await rightsPerson(scope);
            await restrictRightsPerson(id);
            return { method: 'DELETE' as const, url: `${API}/persons/${id}/restriction` };
          },
          expected: decide(
            ok(),
            [!canDo({ role, action: 'requests.manage' }), FORBIDDEN],
            [!sees(role, scope), NOT_FOUND],
          ),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.json().restriction).toBeNull();
          },
        })),
    },
    // -- public web forms (issue 8): definitions for webforms.manage, the inbox for webforms.inbox;
    // tenant-wide (no departments), another tenant's form or submission is unknown
    [`GET ${API}/web-forms`]: {
      sample: () => ({ method: 'GET', url: `${API}/web-forms` }),
      probes: (role) => [
        {
          label: "the tenant's forms",
          request: async () => {
            await ensureWebForms();
            return { method: 'GET', url: `${API}/web-forms` };
          },
          expected: decide(ok(), [
            !canDo({ role, action: 'webforms.manage' }) && !canDo({ role, action: 'webforms.inbox' }),
            FORBIDDEN,
          ]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const ids = res.json().items.map((f: { id: string }) => f.id);
            const forms = await ensureWebForms();
            expect.soft(ids).toContain(forms.a.id);
            expect.soft(ids).not.toContain(forms.b.id);
          },
        },
      ],
    },
    [`POST ${API}/web-forms`]: {
      sample: () => ({ method: 'POST', url: `${API}/web-forms`, body: webFormBody() }),
      probes: (role) => [
        {
          label: 'a contact form',
          request: () => ({ method: 'POST', url: `${API}/web-forms`, body: webFormBody() }),
          expected: decide(ok(201), [!canDo({ role, action: 'webforms.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/web-forms/{id}`]: {
      sample: async () => ({ method: 'GET', url: `${API}/web-forms/${(await ensureWebForms()).a.id}` }),
      probes: (role) =>
        webFormTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'GET' as const,
            url: `${API}/web-forms/${(await ensureWebForms())[otherTenant ? 'b' : 'a'].id}`,
          }),
          expected: decide(
            ok(),
            [
              !canDo({ role, action: 'webforms.manage' }) && !canDo({ role, action: 'webforms.inbox' }),
              FORBIDDEN,
            ],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`PATCH ${API}/web-forms/{id}`]: {
      sample: async () => ({
        method: 'PATCH',
        url: `${API}/web-forms/${(await ensureWebForms()).a.id}`,
        body: { name: 'Matrix' },
      }),
      probes: (role) =>
        webFormTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'PATCH' as const,
            url: `${API}/web-forms/${(await newWebForm(otherTenant)).id}`,
            body: { name: unique('Matrix-Webformular geändert ') },
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'webforms.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`DELETE ${API}/web-forms/{id}`]: {
      sample: async () => ({ method: 'DELETE', url: `${API}/web-forms/${(await ensureWebForms()).a.id}` }),
      probes: (role) =>
        webFormTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'DELETE' as const,
            url: `${API}/web-forms/${(await newWebForm(otherTenant)).id}`,
          }),
          expected: decide(
            ok(204),
            [!canDo({ role, action: 'webforms.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/web-forms/{id}/snippet`]: {
      sample: async () => ({
        method: 'GET',
        url: `${API}/web-forms/${(await ensureWebForms()).a.id}/snippet`,
      }),
      probes: (role) =>
        webFormTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'GET' as const,
            url: `${API}/web-forms/${(await ensureWebForms())[otherTenant ? 'b' : 'a'].id}/snippet`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'webforms.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/web-forms/{id}/submissions`]: {
      sample: async () => ({
        method: 'GET',
        url: `${API}/web-forms/${(await ensureWebForms()).a.id}/submissions`,
      }),
      probes: (role) =>
        webFormTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => {
            await newSubmission(otherTenant);
            return {
              method: 'GET' as const,
              url: `${API}/web-forms/${(await ensureWebForms())[otherTenant ? 'b' : 'a'].id}/submissions`,
            };
          },
          expected: decide(
            ok(),
            [!canDo({ role, action: 'webforms.inbox' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
          verify: (res) => {
            if (res.statusCode !== 200) return;
            expect.soft(res.json().items.length).toBeGreaterThan(0);
            expect.soft(res.body).not.toContain(WF_MESSAGE);
          },
        })),
    },
    [`GET ${API}/web-forms/submissions/{id}`]: {
      sample: async () => ({
        method: 'GET',
        url: `${API}/web-forms/submissions/${await newSubmission(false)}`,
      }),
      probes: (role) =>
        webFormTargets.map(([label, otherTenant]) => ({
          label: `a submission to ${label}`,
          request: async () => ({
            method: 'GET' as const,
            url: `${API}/web-forms/submissions/${await newSubmission(otherTenant)}`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'webforms.inbox' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
          verify: (res) => {
            if (res.statusCode !== 200) return;
            // the message (communication data) only for a role that may read it
            if (canRead({ role, category: 'communication' })) expect.soft(res.body).toContain(WF_MESSAGE);
            else expect.soft(res.body).not.toContain(WF_MESSAGE);
          },
        })),
    },
    [`POST ${API}/web-forms/submissions/{id}/accept`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/web-forms/submissions/${await newSubmission(false)}/accept`,
      }),
      probes: (role) => [
        ...webFormTargets.map(([label, otherTenant]) => ({
          label: `a submission to ${label}`,
          request: async () => ({
            method: 'POST' as const,
            url: `${API}/web-forms/submissions/${await newSubmission(otherTenant)}/accept`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'webforms.inbox' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
        {
          // the person with the submission's e-mail address is in Kundenservice only: whoever may not
          // see that person must not write an interaction to them or learn their id
          label: 'a submission with the e-mail address of a person of another department',
          request: async () => {
            const email = `${unique('matrix.wf.kundenservice')}@example.de`;
            const res = await t.call(users.dpo.token, {
              method: 'POST',
              url: `${API}/persons`,
              body: personBody({ lastName: unique('Webformular-KS'), email, departmentIds: [dept.other] }),
            });
            if (res.statusCode !== 201) throw new Error(`matrix: person → ${res.statusCode} ${res.body}`);
            otherDepartmentWebFormPerson = res.json().id;
            return {
              method: 'POST' as const,
              url: `${API}/web-forms/submissions/${await newSubmission(false, email)}/accept`,
            };
          },
          expected: decide(ok(), [!canDo({ role, action: 'webforms.inbox' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode === 200 && !sees(role, 'otherDepartment'))
              expect.soft(res.json().personId).not.toBe(otherDepartmentWebFormPerson);
          },
        },
      ],
    },
    [`POST ${API}/web-forms/submissions/{id}/discard`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/web-forms/submissions/${await newSubmission(false)}/discard`,
      }),
      probes: (role) =>
        webFormTargets.map(([label, otherTenant]) => ({
          label: `a submission to ${label}`,
          request: async () => ({
            method: 'POST' as const,
            url: `${API}/web-forms/submissions/${await newSubmission(otherTenant)}/discard`,
          }),
          expected: decide(
            ok(204),
            [!canDo({ role, action: 'webforms.inbox' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/public/web-forms/{token}`]: {
      public: true,
      anonymous: [
        {
          label: 'an active form',
          request: async () => ({
            method: 'GET',
            url: `${API}/public/web-forms/${(await ensureWebForms()).a.publicToken}`,
            remoteAddress: '10.78.0.1',
          }),
          expected: ok(),
          // the definition to render, without the form's id or anything of its inbox
          verify: async (res) => {
            if (res.statusCode === 200) expect.soft(res.body).not.toContain((await ensureWebForms()).a.id);
          },
        },
        {
          label: 'an unknown token',
          request: () => ({
            method: 'GET',
            url: `${API}/public/web-forms/wf_${'U'.repeat(40)}`,
            remoteAddress: '10.78.0.1',
          }),
          expected: NOT_FOUND,
        },
      ],
    },
    [`POST ${API}/public/web-forms/{token}`]: {
      public: true,
      anonymous: [
        {
          label: 'an undeclared field: nothing stored',
          request: async () => ({
            method: 'POST',
            url: `${API}/public/web-forms/${(await ensureWebForms()).a.publicToken}`,
            body: { last_name: 'Webformular', email: 'matrix.wf@example.de', ip: '10.0.0.1' },
            remoteAddress: '10.78.0.2',
          }),
          expected: refused(422, 'form_field_not_declared'),
        },
        {
          label: 'an unknown token: nothing stored',
          request: () => ({
            method: 'POST',
            url: `${API}/public/web-forms/wf_${'U'.repeat(40)}`,
            body: { last_name: 'Webformular', email: 'matrix.wf@example.de' },
            remoteAddress: '10.78.0.2',
          }),
          expected: NOT_FOUND,
        },
        {
          label: 'a submission',
          request: async () => ({
            method: 'POST',
            url: `${API}/public/web-forms/${(await ensureWebForms()).a.publicToken}`,
            body: { last_name: 'Webformular', email: 'matrix.wf@example.de', message: WF_MESSAGE },
            remoteAddress: '10.78.0.2',
          }),
          expected: ok(201),
        },
      ],
    },
    // -- redaction queue (issue 8, ADR 0032): admin and DPO; the text only for a reviewer who may read
    // the field and every category found (health: the DPO, not the admin)
    [`GET ${API}/redactions`]: {
      sample: () => ({ method: 'GET', url: `${API}/redactions` }),
      probes: (role) => [
        {
          label: "the tenant's open findings, no text",
          request: async () => {
            await newFinding(true);
            await newFinding(false);
            return { method: 'GET', url: `${API}/redactions?limit=500` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'redactions.review' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            expect.soft(res.json().items.length).toBeGreaterThan(0);
            expect.soft(res.body).not.toContain('Diabetes');
            const foreign = await asSystem(t.db.kysely, (tx) =>
              tx.selectFrom('redaction_findings').select('id').where('tenant_id', '=', b.tenantId).execute(),
            );
            const ids = res.json().items.map((f: { id: string }) => f.id);
            for (const { id } of foreign) expect.soft(ids).not.toContain(id);
          },
        },
      ],
    },
    [`GET ${API}/redactions/{id}`]: {
      sample: async () => ({ method: 'GET', url: `${API}/redactions/${await newFinding(false)}` }),
      probes: (role) =>
        findingTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'GET' as const,
            url: `${API}/redactions/${await newFinding(otherTenant)}`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'redactions.review' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
          verify: (res) => {
            if (res.statusCode !== 200) return expect.soft(res.body).not.toContain('Diabetes');
            if (readsFinding(role)) expect.soft(res.json().text).toBe(REDACTION_NOTE);
            else expect.soft(res.json()).toMatchObject({ text: null, textHidden: 'not_permitted' });
          },
        })),
    },
    [`POST ${API}/redactions/{id}/redact`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/redactions/${await newFinding(false)}/redact`,
        body: {},
      }),
      probes: (role) =>
        findingTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'POST' as const,
            url: `${API}/redactions/${await newFinding(otherTenant)}/redact`,
            body: {},
          }),
          // removing hits irreversibly needs no sight of them (the reviewer may redact blind)
          expected: decide(
            ok(),
            [!canDo({ role, action: 'redactions.review' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.json().finding.status).toBe('redacted');
          },
        })),
    },
    [`POST ${API}/redactions/{id}/dismiss`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/redactions/${await newFinding(false)}/dismiss`,
        body: { reason: 'Matrix' },
      }),
      probes: (role) =>
        findingTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'POST' as const,
            url: `${API}/redactions/${await newFinding(otherTenant)}/dismiss`,
            body: { reason: 'Matrix: harmlos' },
          }),
          // keeping a text needs sight of it
          expected: decide(
            ok(),
            [!canDo({ role, action: 'redactions.review' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
            [!readsFinding(role), FORBIDDEN],
          ),
        })),
    },
    [`POST ${API}/redactions/{id}/notice`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/redactions/${await newFinding(false)}/notice`,
        body: { language: 'de' },
      }),
      probes: (role) => [
        ...findingTargets.map(
          ([label, otherTenant]): Probe => ({
            label: `${label}, redacted`,
            request: async () => ({
              method: 'POST' as const,
              url: `${API}/redactions/${await newFinding(otherTenant, { redacted: true })}/notice`,
              body: { language: 'de' },
            }),
            expected: decide(
              ok(),
              [!canDo({ role, action: 'redactions.review' }), FORBIDDEN],
              [otherTenant, NOT_FOUND],
            ),
            verify: (res) => {
              if (res.statusCode === 200) expect.soft(res.json().noticeSentAt).not.toBeNull();
            },
          }),
        ),
        {
          label: 'an open finding of the tenant',
          request: async () => ({
            method: 'POST' as const,
            url: `${API}/redactions/${await newFinding(false)}/notice`,
            body: { language: 'de' },
          }),
          expected: decide(refused(409, 'redaction_not_redacted'), [
            !canDo({ role, action: 'redactions.review' }),
            FORBIDDEN,
          ]),
        },
      ],
    },
    // -- duplicates and merge (issue 8, ADR 0030): duplicates.review for suggestions (both persons
    // visible), persons.merge with identity write for the merge; another department's pair is unknown
    [`GET ${API}/duplicates`]: {
      sample: () => ({ method: 'GET', url: `${API}/duplicates` }),
      probes: (role) => [
        {
          label: 'open suggestions of visible persons',
          request: async () => {
            await ensureDuplicatePairs();
            return { method: 'GET', url: `${API}/duplicates?pageSize=200` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'duplicates.review' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const pairs = await ensureDuplicatePairs();
            const listed = new Set(res.json().items.map((s: { id: string }) => s.id));
            expect.soft(SCOPES.filter((s) => listed.has(pairs[s].suggestion))).toEqual(visibleScopes(role));
          },
        },
      ],
    },
    [`POST ${API}/duplicates/scan`]: {
      sample: () => ({ method: 'POST', url: `${API}/duplicates/scan` }),
      probes: (role) => [
        {
          label: 'scan the tenant',
          request: () => ({ method: 'POST', url: `${API}/duplicates/scan` }),
          expected: decide(ok(), [!canDo({ role, action: 'duplicates.review' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/duplicates/{id}/dismiss`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/duplicates/${(await ensureDuplicatePairs()).unscoped.suggestion}/dismiss`,
      }),
      probes: (role) => [
        ...SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'POST' as const,
            url: `${API}/duplicates/${(await newDuplicatePair(scope)).suggestion}/dismiss`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'duplicates.review' }), FORBIDDEN],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
        {
          label: 'an unknown suggestion',
          request: () => ({ method: 'POST', url: `${API}/duplicates/${randomUUID()}/dismiss` }),
          expected: decide(NOT_FOUND, [!canDo({ role, action: 'duplicates.review' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/duplicates/compare`]: {
      sample: async () => {
        const { a, b: other } = (await ensureDuplicatePairs()).unscoped;
        return { method: 'GET', url: `${API}/duplicates/compare?survivorId=${a}&mergedId=${other}` };
      },
      probes: (role) =>
        SCOPES.map(
          (scope): Probe => ({
            label: scope,
            request: async () => {
              const { a, b: other } = (await ensureDuplicatePairs())[scope];
              return { method: 'GET', url: `${API}/duplicates/compare?survivorId=${a}&mergedId=${other}` };
            },
            expected: decide(
              ok(),
              [!canDo({ role, action: 'duplicates.review' }), FORBIDDEN],
              [!sees(role, scope), NOT_FOUND],
            ),
            verify: (res) => {
              if (res.statusCode !== 200) return expectNoPersonalData(res);
              const hidden = hiddenFor(role);
              expect.soft(res.json().survivor.hiddenFields).toEqual(expect.arrayContaining(hidden));
            },
          }),
        ),
    },
    [`GET ${API}/persons/{id}/duplicates`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/duplicates` }),
      probes: (role) =>
        SCOPES.map(
          (scope): Probe => ({
            label: scope,
            request: async () => ({
              method: 'GET',
              url: `${API}/persons/${(await ensureDuplicatePairs())[scope].a}/duplicates`,
            }),
            expected: decide(
              ok(),
              [!canDo({ role, action: 'duplicates.review' }), FORBIDDEN],
              [!sees(role, scope), NOT_FOUND],
            ),
            verify: async (res) => {
              if (res.statusCode !== 200) return;
              const pair = (await ensureDuplicatePairs())[scope];
              expect.soft(res.json().items.map((s: { id: string }) => s.id)).toContain(pair.suggestion);
            },
          }),
        ),
    },
    [`POST ${API}/persons/merge`]: {
      sample: async () => {
        const { a, b: other } = (await ensureDuplicatePairs()).unscoped;
        return {
          method: 'POST',
          url: `${API}/persons/merge`,
          body: { survivorId: a, mergedId: other, survivorVersion: 1, mergedVersion: 1 },
        };
      },
      probes: (role) => [
        ...SCOPES.map(
          (scope): Probe => ({
            label: scope,
            request: async () => {
              const { a, b: other } = await newDuplicatePair(scope);
              return {
                method: 'POST',
                url: `${API}/persons/merge`,
                body: { survivorId: a, mergedId: other, survivorVersion: 1, mergedVersion: 1 },
              };
            },
            expected: decide(ok(), [!mayMerge(role), FORBIDDEN], [!sees(role, scope), NOT_FOUND]),
          }),
        ),
        {
          label: 'own survivor, a person of another department merged into it',
          request: async () => {
            const { a, b: other } = await newDuplicatePair('own', 'otherDepartment');
            return {
              method: 'POST',
              url: `${API}/persons/merge`,
              body: { survivorId: a, mergedId: other, survivorVersion: 1, mergedVersion: 1 },
            };
          },
          expected: decide(ok(), [!mayMerge(role), FORBIDDEN], [!sees(role, 'otherDepartment'), NOT_FOUND]),
        },
        {
          label: "another tenant's person merged into an own one",
          request: async () => {
            const { a } = await newDuplicatePair('own');
            const { b: other } = await newDuplicatePair('otherTenant');
            return {
              method: 'POST',
              url: `${API}/persons/merge`,
              body: { survivorId: a, mergedId: other, survivorVersion: 1, mergedVersion: 1 },
            };
          },
          expected: decide(NOT_FOUND, [!mayMerge(role), FORBIDDEN]),
        },
        // the same person on both sides: refused before anything changes
        ...SCOPES.map(
          (scope): Probe => ({
            label: `${scope} with itself`,
            request: () => ({
              method: 'POST',
              url: `${API}/persons/merge`,
              body: {
                survivorId: persons[scope],
                mergedId: persons[scope],
                survivorVersion: 1,
                mergedVersion: 1,
              },
            }),
            expected: decide(refused(409, 'merge_same_person'), [!mayMerge(role), FORBIDDEN]),
          }),
        ),
      ],
    },
    // -- person photos (issue 8): identity data; the image, its facts, upload and deletion
    [`PUT ${API}/persons/{id}/photo`]: {
      sample: () => ({ method: 'PUT', url: `${personUrl('unscoped')}/photo`, body: photoBody() }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'PUT' as const, url: `${personUrl(scope)}/photo`, body: photoBody() }),
          expected: decide(
            ok(),
            [!canWrite({ role, category: PERSON_FIELD_CATEGORIES.photo }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/persons/{id}/photo`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/photo` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => {
            await ensurePhoto(scope);
            return { method: 'GET' as const, url: `${personUrl(scope)}/photo` };
          },
          expected: decide(
            ok(),
            [!canRead({ role, category: PERSON_FIELD_CATEGORIES.photo }), NOT_READABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.headers['content-type']).toBe('image/png');
          },
        })),
    },
    [`GET ${API}/persons/{id}/photo/info`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/photo/info` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => {
            await ensurePhoto(scope);
            return { method: 'GET' as const, url: `${personUrl(scope)}/photo/info` };
          },
          expected: decide(
            ok(),
            [!canRead({ role, category: PERSON_FIELD_CATEGORIES.photo }), NOT_READABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`DELETE ${API}/persons/{id}/photo`]: {
      sample: () => ({ method: 'DELETE', url: `${personUrl('unscoped')}/photo` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => {
            await ensurePhoto(scope);
            return { method: 'DELETE' as const, url: `${personUrl(scope)}/photo` };
          },
          expected: decide(
            ok(204),
            [!canWrite({ role, category: PERSON_FIELD_CATEGORIES.photo }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    // -- person imports (issue 8): imports.run stages, maps, checks, commits and discards; imports.read
    // reads batches and reports; a batch belongs to its tenant (another tenant's is not found)
    [`POST ${API}/imports`]: {
      sample: personImportUpload,
      probes: (role) => [
        {
          label: 'CSV upload',
          request: personImportUpload,
          expected: decide(ok(201), [!canDo({ role, action: 'imports.run' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/imports`]: {
      sample: () => ({ method: 'GET', url: `${API}/imports` }),
      probes: (role) => [
        {
          label: 'list',
          request: async () => {
            await checkedImport('tenant');
            await checkedImport('otherTenant');
            return { method: 'GET', url: `${API}/imports?pageSize=200` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'imports.read' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const ids = res.json().items.map((i: { id: string }) => i.id);
            expect.soft(ids).toContain((await checkedImport('tenant')).split('/').pop());
            expect.soft(ids).not.toContain((await checkedImport('otherTenant')).split('/').pop());
          },
        },
      ],
    },
    [`GET ${API}/imports/{id}`]: {
      sample: () => ({ method: 'GET', url: `${API}/imports/${randomUUID()}` }),
      probes: (role) =>
        IMPORT_SCOPES.map((where) => ({
          label: where,
          request: async () => ({ method: 'GET' as const, url: await checkedImport(where) }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'imports.read' }), FORBIDDEN],
            [where === 'otherTenant', NOT_FOUND],
          ),
          // the preview shows file values: only to those who may run the import
          verify: (res) => {
            if (res.statusCode === 200)
              expect
                .soft(res.json().preview.length > 0, `${role} sees the preview`)
                .toBe(canDo({ role, action: 'imports.run' }));
          },
        })),
    },
    [`PUT ${API}/imports/{id}`]: {
      sample: () => ({ method: 'PUT', url: `${API}/imports/${randomUUID()}`, body: personImportSettings() }),
      probes: (role) =>
        IMPORT_SCOPES.map((where) => ({
          label: `mapping of ${where}`,
          request: async () => ({
            method: 'PUT' as const,
            url: await stagedImport(where),
            body: personImportSettings(),
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'imports.run' }), FORBIDDEN],
            [where === 'otherTenant', NOT_FOUND],
            [!writesAll(role, categoriesOf(PERSON_IMPORT_FIELDS)), NOT_WRITABLE],
          ),
        })),
    },
    [`DELETE ${API}/imports/{id}`]: {
      sample: () => ({ method: 'DELETE', url: `${API}/imports/${randomUUID()}` }),
      probes: (role) =>
        IMPORT_SCOPES.map((where) => ({
          label: where,
          request: async () => ({ method: 'DELETE' as const, url: await stagedImport(where) }),
          expected: decide(
            ok(204),
            [!canDo({ role, action: 'imports.run' }), FORBIDDEN],
            [where === 'otherTenant', NOT_FOUND],
          ),
        })),
    },
    [`POST ${API}/imports/{id}/dry-run`]: {
      sample: () => ({ method: 'POST', url: `${API}/imports/${randomUUID()}/dry-run` }),
      probes: (role) =>
        IMPORT_SCOPES.map((where) => ({
          label: where,
          request: async () => ({
            method: 'POST' as const,
            url: `${await stagedImport(where, { mapped: true })}/dry-run`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'imports.run' }), FORBIDDEN],
            [where === 'otherTenant', NOT_FOUND],
          ),
        })),
    },
    [`POST ${API}/imports/{id}/commit`]: {
      sample: () => ({ method: 'POST', url: `${API}/imports/${randomUUID()}/commit`, body: {} }),
      probes: (role) =>
        IMPORT_SCOPES.map((where) => ({
          label: where,
          request: async () => ({
            method: 'POST' as const,
            url: `${await stagedImport(where, { checked: true })}/commit`,
            body: {},
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'imports.run' }), FORBIDDEN],
            [where === 'otherTenant', NOT_FOUND],
          ),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.json().counts.created).toBe(1);
          },
        })),
    },
    [`GET ${API}/imports/{id}/rows`]: {
      sample: () => ({ method: 'GET', url: `${API}/imports/${randomUUID()}/rows` }),
      probes: (role) =>
        IMPORT_SCOPES.map((where) => ({
          label: where,
          request: async () => ({ method: 'GET' as const, url: `${await checkedImport(where)}/rows` }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'imports.read' }), FORBIDDEN],
            [where === 'otherTenant', NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/imports/{id}/report.csv`]: {
      sample: () => ({ method: 'GET', url: `${API}/imports/${randomUUID()}/report.csv` }),
      probes: (role) =>
        IMPORT_SCOPES.map((where) => ({
          label: where,
          request: async () => ({ method: 'GET' as const, url: `${await checkedImport(where)}/report.csv` }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'imports.read' }), FORBIDDEN],
            [where === 'otherTenant', NOT_FOUND],
          ),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.headers['content-type']).toContain('text/csv');
          },
        })),
    },
    [`GET ${API}/import-mappings`]: {
      sample: () => ({ method: 'GET', url: `${API}/import-mappings` }),
      probes: (role) => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/import-mappings` }),
          expected: decide(ok(), [!canDo({ role, action: 'imports.run' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/import-mappings`]: {
      sample: () => ({ method: 'POST', url: `${API}/import-mappings`, body: importMappingBody() }),
      probes: (role) => [
        {
          label: 'new mapping',
          request: () => ({ method: 'POST', url: `${API}/import-mappings`, body: importMappingBody() }),
          expected: decide(ok(201), [!canDo({ role, action: 'imports.run' }), FORBIDDEN]),
        },
      ],
    },
    [`DELETE ${API}/import-mappings/{id}`]: {
      sample: () => ({ method: 'DELETE', url: `${API}/import-mappings/${randomUUID()}` }),
      probes: (role) =>
        IMPORT_SCOPES.map((where) => ({
          label: where,
          request: async () => ({
            method: 'DELETE' as const,
            url: `${API}/import-mappings/${await savedImportMapping(where)}`,
          }),
          expected: decide(
            ok(204),
            [!canDo({ role, action: 'imports.run' }), FORBIDDEN],
            [where === 'otherTenant', NOT_FOUND],
          ),
        })),
    },
    // -- data quality (issue 8): quality.read with identity read for the dashboard and lists (persons
    // within the caller's departments only), quality.manage for the settings
    [`GET ${API}/data-quality`]: {
      sample: () => ({ method: 'GET', url: `${API}/data-quality` }),
      probes: (role) => [
        {
          label: 'dashboard',
          request: () => ({ method: 'GET', url: `${API}/data-quality` }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'quality.read' }), FORBIDDEN],
            [!canRead({ role, category: 'identity' }), NOT_READABLE],
          ),
          verify: (res) => expectNoPersonalData(res),
        },
      ],
    },
    [`GET ${API}/data-quality/lists/{check}`]: {
      sample: () => ({ method: 'GET', url: `${API}/data-quality/lists/incomplete` }),
      probes: (role) =>
        QUALITY_CHECKS.map((check) => ({
          label: check,
          // the rights persons lack phone, birthday and address: incomplete in every scope
          request: async () => {
            for (const scope of SCOPES) await rightsPerson(scope);
            return { method: 'GET' as const, url: `${API}/data-quality/lists/${check}?pageSize=200` };
          },
          expected: decide(
            ok(),
            [!canDo({ role, action: 'quality.read' }), FORBIDDEN],
            [!canRead({ role, category: 'identity' }), NOT_READABLE],
          ),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const hidden = SCOPES.filter((s) => !sees(role, s));
            const incomplete = Object.fromEntries(
              await Promise.all(SCOPES.map(async (s) => [s, await rightsPerson(s)])),
            ) as Record<Scope, string>;
            expect
              .soft(
                scopesIn(res, incomplete).filter((s) => hidden.includes(s)),
                `${check}: hidden incomplete persons`,
              )
              .toEqual([]);
            expect
              .soft(
                scopesIn(res, persons).filter((s) => hidden.includes(s)),
                `${check}: hidden persons`,
              )
              .toEqual([]);
          },
        })),
    },
    [`GET ${API}/data-quality/settings`]: {
      sample: () => ({ method: 'GET', url: `${API}/data-quality/settings` }),
      probes: (role) => [
        {
          label: 'settings',
          request: () => ({ method: 'GET', url: `${API}/data-quality/settings` }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'quality.read' }), FORBIDDEN],
            [!canRead({ role, category: 'identity' }), NOT_READABLE],
          ),
        },
      ],
    },
    [`PUT ${API}/data-quality/settings`]: {
      sample: () => ({ method: 'PUT', url: `${API}/data-quality/settings`, body: { staleMonths: 24 } }),
      probes: (role) => [
        {
          label: 'stale after 24 months',
          request: () => ({ method: 'PUT', url: `${API}/data-quality/settings`, body: { staleMonths: 24 } }),
          expected: decide(ok(), [!canDo({ role, action: 'quality.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/persons/{id}/verified`]: {
      sample: () => ({ method: 'POST', url: `${personUrl('unscoped')}/verified` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'POST' as const, url: `${personUrl(scope)}/verified` }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'quality.read' }), FORBIDDEN],
            [!canWrite({ role, category: 'identity' }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    // -- the consistency report (issue 8): consistency.compare; compared with the persons the caller sees
    [`POST ${API}/consistency-reports`]: {
      sample: consistencyUpload,
      probes: (role) => [
        {
          label: 'CSV naming every fixture person',
          request: consistencyUpload,
          expected: decide(ok(), [!canDo({ role, action: 'consistency.compare' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode !== 200) return;
            const matched = res.json().matched.map((m: { personId: string }) => m.personId);
            expect.soft(SCOPES.filter((s) => matched.includes(persons[s]))).toEqual(visibleScopes(role));
            expect.soft(scopesIn(res, persons)).toEqual(visibleScopes(role));
          },
        },
      ],
    },
    [`GET ${API}/persons/{id}/history`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/history` }),
      probes: (role) =>
        SCOPES.map(
          (scope): Probe => ({
            label: scope,
            request: () => ({ method: 'GET', url: `${personUrl(scope)}/history` }),
            expected: decide(ok(), [!sees(role, scope), NOT_FOUND]),
            verify: (res) => {
              if (res.statusCode !== 200) return expectNoPersonalData(res);
              expect
                .soft(res.json().items.length, 'the history holds at least the creation')
                .toBeGreaterThan(0);
              // values only as the role may read their category
              const hidden = hiddenFor(role);
              if (hidden.includes('notes')) expect.soft(res.body).not.toContain(FIX.notes);
              if (hidden.includes('accessibilityNeeds'))
                expect.soft(res.body).not.toContain(FIX.accessibilityNeeds);
              if (hidden.includes('address')) expect.soft(res.body).not.toContain(FIX.address.street);
            },
          }),
        ),
    },
    [`GET ${API}/audit`]: {
      sample: () => ({ method: 'GET', url: `${API}/audit` }),
      probes: (role) => [
        {
          label: 'the audit trail of the tenant',
          request: () => ({ method: 'GET', url: `${API}/audit?limit=200` }),
          expected: decide(ok(), [!canDo({ role, action: 'audit.read' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode !== 200) return;
            const subjects = res.json().items.map((e: { subjectId: string | null }) => e.subjectId);
            expect.soft(subjects).not.toContain(persons.otherTenant);
          },
        },
        {
          label: "asking for another tenant's subject",
          request: () => ({ method: 'GET', url: `${API}/audit?subjectId=${persons.otherTenant}` }),
          expected: decide(ok(), [!canDo({ role, action: 'audit.read' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.json().items).toEqual([]);
          },
        },
      ],
    },
    [`GET ${API}/audit/verify`]: {
      sample: () => ({ method: 'GET', url: `${API}/audit/verify` }),
      probes: (role) => [
        {
          label: 'verify the hash chain',
          request: () => ({ method: 'GET', url: `${API}/audit/verify` }),
          expected: decide(ok(), [!canDo({ role, action: 'audit.read' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.json().ok).toBe(true);
          },
        },
      ],
    },
    // -- self-check (Art. 5(2)): admin and DPO; the report names only the tenant's own records
    [`GET ${API}/self-check`]: {
      sample: () => ({ method: 'GET', url: `${API}/self-check` }),
      probes: (role) => [
        {
          label: 'the self-check of the tenant',
          request: () => ({ method: 'GET', url: `${API}/self-check` }),
          expected: decide(ok(), [!canDo({ role, action: 'self_check.read' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const foreign = await asSystem(t.db.kysely, (tx) =>
              tx.selectFrom('persons').select('id').where('tenant_id', '=', b.tenantId).execute(),
            );
            const refs = res
              .json()
              .findings.flatMap((f: { refs: { id: string }[] }) => f.refs.map((r) => r.id));
            for (const p of foreign) expect.soft(refs).not.toContain(p.id);
          },
        },
      ],
    },
    // -- erasure journal and suppression list (Art. 17): DPO only; the check for whoever creates records
    [`GET ${API}/erasures`]: {
      sample: () => ({ method: 'GET', url: `${API}/erasures` }),
      probes: (role) => [
        {
          label: 'the erasure journal of the tenant',
          request: () => ({ method: 'GET', url: `${API}/erasures` }),
          expected: decide(ok(), [!canDo({ role, action: 'requests.manage' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(Array.isArray(res.json().items)).toBe(true);
          },
        },
      ],
    },
    [`GET ${API}/suppressions`]: {
      sample: () => ({ method: 'GET', url: `${API}/suppressions` }),
      probes: (role) => [
        {
          label: 'the suppression list, kinds only',
          request: async () => {
            await suppressionOf(b.tenantId);
            return { method: 'GET', url: `${API}/suppressions` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'suppressions.manage' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const ids = res.json().items.map((i: { id: string }) => i.id);
            const bIds = await asSystem(t.db.kysely, (tx) =>
              tx.selectFrom('suppressions').select('id').where('tenant_id', '=', b.tenantId).execute(),
            );
            for (const { id } of bIds) expect.soft(ids).not.toContain(id);
            expect.soft(res.body).not.toMatch(/[0-9a-f]{64}/);
          },
        },
      ],
    },
    [`POST ${API}/suppressions/check`]: {
      sample: () => ({ method: 'POST', url: `${API}/suppressions/check`, body: { email: FIX.email } }),
      probes: (role) => [
        {
          label: 'check an e-mail address and a number',
          request: () => ({
            method: 'POST',
            url: `${API}/suppressions/check`,
            body: { email: FIX.email, phone: FIX.phone },
          }),
          expected: decide(ok(), [!canDo({ role, action: 'records.create' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.json()).toEqual({ suppressed: false, kinds: [] });
          },
        },
      ],
    },
    [`DELETE ${API}/suppressions/{id}`]: {
      sample: () => ({ method: 'DELETE', url: `${API}/suppressions/${randomUUID()}` }),
      probes: (role) =>
        (
          [
            ['an entry of the tenant', () => t.tenantId, ok(204)],
            ['an entry of another tenant', () => b.tenantId, NOT_FOUND],
          ] as const
        ).map(([label, tenant, success]) => ({
          label,
          request: async () => ({
            method: 'DELETE' as const,
            url: `${API}/suppressions/${await suppressionOf(tenant())}`,
          }),
          expected: decide(success, [!canDo({ role, action: 'suppressions.manage' }), FORBIDDEN]),
        })),
    },
    [`GET ${API}/persons/{id}/interactions`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/interactions` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${personUrl(scope)}/interactions` }),
          expected: decide(
            ok(),
            [!sees(role, scope), NOT_FOUND],
            [!canRead({ role, category: 'communication' }), NOT_READABLE],
          ),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.body).toContain(FIX.interactionBody);
            else expect.soft(res.body).not.toContain(FIX.interactionBody);
          },
        })),
    },
    [`POST ${API}/persons/{id}/interactions`]: {
      sample: () => ({
        method: 'POST',
        url: `${personUrl('unscoped')}/interactions`,
        body: interactionBody(),
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({
            method: 'POST',
            url: `${personUrl(scope)}/interactions`,
            body: interactionBody(),
          }),
          expected: decide(
            ok(201),
            [!sees(role, scope), NOT_FOUND],
            [!canWrite({ role, category: 'communication' }), NOT_WRITABLE],
          ),
        })),
    },
    // -- customer account view: sections by data category, records by department ----------------
    [`GET ${API}/persons/{id}/account`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/account` }),
      probes: (role) =>
        SCOPES.map(
          (scope): Probe => ({
            label: scope,
            request: () => ({ method: 'GET', url: `${personUrl(scope)}/account` }),
            expected: decide(ok(), [!sees(role, scope), NOT_FOUND]),
            verify: (res) => {
              if (res.statusCode !== 200) return expectNoPersonalData(res);
              expectAccountSections(role, res);
              const hidden = hiddenFor(role);
              expect.soft('email' in res.json().person).toBe(!hidden.includes('email'));
              if (!canRead({ role, category: 'communication' }))
                expect.soft(res.body).not.toContain(FIX.interactionBody);
              else expect.soft(res.body).toContain(FIX.interactionBody);
            },
          }),
        ),
    },
    [`GET ${API}/organizations/{id}/account`]: {
      sample: () => ({ method: 'GET', url: `${orgUrl('unscoped')}/account` }),
      probes: (role) =>
        SCOPES.map(
          (scope): Probe => ({
            label: scope,
            request: () => ({ method: 'GET', url: `${orgUrl(scope)}/account` }),
            expected: decide(ok(), [!sees(role, scope), NOT_FOUND]),
            verify: (res) => {
              if (res.statusCode === 200) expectAccountSections(role, res);
            },
          }),
        ).concat({
          label: 'with its contact persons in every department',
          request: (): Req => ({ method: 'GET', url: `${API}/organizations/${linkedOrg}/account` }),
          expected: ok(),
          verify: (res: LightMyRequestResponse) => {
            expectAccountSections(role, res);
            const listed: { id: string }[] = res.json().contactPersons.items;
            const expected = SCOPES.filter((s) => s !== 'otherTenant' && sees(role, s)).map(
              (s) => persons[s],
            );
            expect
              .soft(listed.map((p) => p.id).sort(), 'contact persons: only visible ones')
              .toEqual(expected.sort());
            if (canRead({ role, category: 'communication' })) {
              const whose = res.json().timeline.items.map((i: { person: { id: string } }) => i.person.id);
              expect.soft(new Set(whose), 'contacts of the visible persons only').toEqual(new Set(expected));
            }
            // contents are read on the person's account only
            expect.soft(res.body).not.toContain(FIX.interactionBody);
          },
        }),
    },
    // -- support cases and tasks ------------------------------------------------------------------
    [`GET ${API}/cases`]: {
      sample: () => ({ method: 'GET', url: `${API}/cases` }),
      probes: (role) => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/cases?q=${SERVICE_FIX.subject}&pageSize=200` }),
          expected: decide(ok(), [!canRead({ role, category: 'service' }), NOT_READABLE]),
          verify: (res) => {
            if (res.statusCode !== 200) return;
            const ids = new Set(res.json().items.map((c: { id: string }) => c.id));
            expect
              .soft(
                SCOPES.filter((s) => ids.has(cases[s])),
                'cases of the departments the role sees',
              )
              .toEqual(SCOPES.filter((s) => sees(role, s)));
            expect.soft(res.body).not.toContain(SERVICE_FIX.message);
          },
        },
      ],
    },
    [`POST ${API}/cases`]: {
      sample: () => ({ method: 'POST', url: `${API}/cases`, body: caseBody('unscoped') }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `for the person in ${scope}`,
          request: () => ({ method: 'POST', url: `${API}/cases`, body: caseBody(scope) }),
          expected: decide(
            ok(201),
            [!canWrite({ role, category: 'service' }), NOT_WRITABLE],
            [!sees(role, scope), refused(422, 'unknown_person')],
          ),
        })),
    },
    [`GET ${API}/cases/{id}`]: {
      sample: () => ({ method: 'GET', url: `${API}/cases/${cases.unscoped}` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${API}/cases/${cases[scope]}` }),
          expected: decide(
            ok(),
            [!sees(role, scope), NOT_FOUND],
            [!canRead({ role, category: 'service' }), NOT_READABLE],
          ),
          verify: (res) => {
            const thread = res.statusCode === 200 && canRead({ role, category: 'communication' });
            if (thread) expect.soft(res.body).toContain(SERVICE_FIX.message);
            else expect.soft(res.body).not.toContain(SERVICE_FIX.message);
            if (res.statusCode === 200)
              expect.soft(res.json().hiddenFields).toEqual(thread ? [] : ['messages']);
          },
        })),
    },
    [`PATCH ${API}/cases/{id}`]: {
      sample: () => ({ method: 'PATCH', url: `${API}/cases/${cases.unscoped}`, body: { version: 1 } }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'PATCH',
            url: `${API}/cases/${cases[scope]}`,
            body: { priority: 'high', version: await rowVersion('cases', cases[scope]) },
          }),
          expected: decide(
            ok(),
            [!sees(role, scope), NOT_FOUND],
            [!canWrite({ role, category: 'service' }), NOT_WRITABLE],
          ),
        })),
    },
    [`POST ${API}/cases/{id}/messages`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/cases/${cases.unscoped}/messages`,
        body: { direction: 'internal', body: 'Matrix' },
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({
            method: 'POST',
            url: `${API}/cases/${cases[scope]}/messages`,
            body: { direction: 'internal', body: 'Matrix' },
          }),
          expected: decide(
            ok(201),
            [!sees(role, scope), NOT_FOUND],
            [!canWrite({ role, category: 'communication' }), NOT_WRITABLE],
          ),
        })),
    },
    [`GET ${API}/tasks`]: {
      sample: () => ({ method: 'GET', url: `${API}/tasks` }),
      probes: (role) =>
        (['me', 'all'] as const).map((assignee) => ({
          label: `assignee=${assignee}`,
          request: () => ({ method: 'GET', url: `${API}/tasks?assignee=${assignee}&pageSize=200` }),
          expected: ok(),
          verify: (res) => {
            const ids: string[] = res.json().items.map((x: { id: string }) => x.id);
            expect.soft(ids).toContain(ownTasks[role]);
            expect
              .soft(ids.includes(colleagueTask), "a colleague's task: admin and DPO with assignee=all")
              .toBe(assignee === 'all' && seesAllDepartments(role));
            expect.soft(ids).not.toContain(bTask);
          },
        })),
    },
    [`POST ${API}/tasks`]: {
      sample: () => ({ method: 'POST', url: `${API}/tasks`, body: taskBody() }),
      probes: (role) => [
        {
          label: 'for me',
          request: () => ({ method: 'POST', url: `${API}/tasks`, body: taskBody() }),
          expected: ok(201),
        },
        {
          label: 'for a colleague',
          request: () => ({
            method: 'POST',
            url: `${API}/tasks`,
            body: taskBody({ assigneeId: colleague.id }),
          }),
          expected: ok(201),
        },
        {
          label: "for another tenant's user",
          request: () => ({ method: 'POST', url: `${API}/tasks`, body: taskBody({ assigneeId: bUser.id }) }),
          expected: refused(422, 'unknown_user'),
        },
        ...SCOPES.flatMap((scope) => [
          {
            label: `linked to the person in ${scope}`,
            request: () => ({
              method: 'POST' as const,
              url: `${API}/tasks`,
              body: taskBody({ personId: persons[scope] }),
            }),
            expected: decide(ok(201), [!sees(role, scope), refused(422, 'unknown_person')]),
          },
          {
            label: `linked to the case in ${scope}`,
            request: () => ({
              method: 'POST' as const,
              url: `${API}/tasks`,
              body: taskBody({ caseId: cases[scope] }),
            }),
            expected: decide(ok(201), [
              !sees(role, scope) || !canRead({ role, category: 'service' }),
              refused(422, 'unknown_record'),
            ]),
          },
        ]),
      ],
    },
    [`GET ${API}/tasks/{id}`]: {
      sample: () => ({ method: 'GET', url: `${API}/tasks/${colleagueTask}` }),
      probes: (role) => [
        {
          label: 'my task',
          request: () => ({ method: 'GET', url: `${API}/tasks/${ownTasks[role]}` }),
          expected: ok(),
        },
        {
          label: "a colleague's task",
          request: () => ({ method: 'GET', url: `${API}/tasks/${colleagueTask}` }),
          expected: decide(ok(), [!seesAllDepartments(role), NOT_FOUND]),
        },
        {
          label: "another tenant's task",
          request: () => ({ method: 'GET', url: `${API}/tasks/${bTask}` }),
          expected: NOT_FOUND,
        },
      ],
    },
    [`PATCH ${API}/tasks/{id}`]: {
      sample: () => ({ method: 'PATCH', url: `${API}/tasks/${colleagueTask}`, body: { version: 1 } }),
      probes: (role) =>
        (
          [
            ['my task', () => ownTasks[role], ok()],
            ["a colleague's task", () => colleagueTask, decide(ok(), [!seesAllDepartments(role), NOT_FOUND])],
            ["another tenant's task", () => bTask, NOT_FOUND],
          ] as const
        ).map(([label, id, expected]) => ({
          label,
          request: async () => ({
            method: 'PATCH',
            url: `${API}/tasks/${id()}`,
            body: { title: 'Matrixaufgabe', version: await rowVersion('tasks', id()) },
          }),
          expected,
        })),
    },
    // -- contact checks as one types: every logged-in user, nothing stored
    [`POST ${API}/contact-checks`]: {
      sample: () => ({ method: 'POST', url: `${API}/contact-checks`, body: { phone: '030 1234567' } }),
      probes: () => [
        {
          label: 'check e-mail, phone, postal code and IBAN',
          request: () => ({
            method: 'POST',
            url: `${API}/contact-checks`,
            body: {
              email: FIX.email,
              phone: '030 1234567',
              postalCode: '10115',
              iban: 'DE89370400440532013000',
            },
          }),
          expected: ok(),
          verify: (res) => {
            expect.soft(res.json()).toMatchObject({
              email: { valid: true },
              phone: { e164: '+49301234567' },
              postalCode: { cities: ['Berlin'] },
              iban: { valid: true },
            });
          },
        },
      ],
    },
    [`GET ${API}/my-day`]: {
      sample: () => ({ method: 'GET', url: `${API}/my-day` }),
      probes: (role) => [
        {
          label: 'my day',
          request: () => ({ method: 'GET', url: `${API}/my-day` }),
          expected: ok(),
          verify: (res) => {
            const hidden = [
              ...(canRead({ role, category: 'service' }) ? [] : ['cases']),
              ...(canRead({ role, category: 'contract' }) ? [] : ['deals']),
            ];
            expect.soft(res.json().hiddenFields).toEqual(hidden);
          },
        },
      ],
    },
    // -- customer groups: every role reads, customer_groups.manage writes -------------------------
    [`GET ${API}/customer-groups`]: {
      sample: () => ({ method: 'GET', url: `${API}/customer-groups` }),
      probes: () => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/customer-groups` }),
          expected: ok(),
          verify: (res) => {
            const ids = res.json().items.map((g: { id: string }) => g.id);
            expect.soft(ids).toContain(matrixGroup.a);
            expect.soft(ids).not.toContain(matrixGroup.b);
          },
        },
      ],
    },
    [`POST ${API}/customer-groups`]: {
      sample: () => ({ method: 'POST', url: `${API}/customer-groups`, body: { name: 'Sample' } }),
      probes: (role) => [
        {
          label: 'a new group',
          request: () => ({
            method: 'POST',
            url: `${API}/customer-groups`,
            body: { name: unique('Gruppe ') },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'customer_groups.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`PATCH ${API}/customer-groups/{id}`]: {
      sample: () => ({
        method: 'PATCH',
        url: `${API}/customer-groups/${matrixGroup.a}`,
        body: { name: 'x' },
      }),
      probes: (role) =>
        (
          [
            ['a group of the tenant', () => matrixGroup.a, false],
            ["another tenant's group", () => matrixGroup.b, true],
          ] as const
        ).map(([label, id, otherTenant]) => ({
          label,
          request: () => ({
            method: 'PATCH',
            url: `${API}/customer-groups/${id()}`,
            body: { name: unique('Matrixgruppe ') },
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'customer_groups.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },

    // -- retention sweep: retention.read sees the preview and the reports, retention.manage runs a sweep
    [`GET ${API}/retention/preview`]: {
      sample: () => ({ method: 'GET', url: `${API}/retention/preview` }),
      probes: (role) => [
        {
          label: 'the preview',
          request: () => ({ method: 'GET', url: `${API}/retention/preview?limit=5` }),
          expected: decide(ok(), [!canDo({ role, action: 'retention.read' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/retention/sweeps`]: {
      sample: () => ({ method: 'POST', url: `${API}/retention/sweeps` }),
      probes: (role) => [
        {
          label: 'a sweep now',
          request: () => ({ method: 'POST', url: `${API}/retention/sweeps` }),
          expected: decide(ok(), [!canDo({ role, action: 'retention.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/retention/sweeps`]: {
      sample: () => ({ method: 'GET', url: `${API}/retention/sweeps` }),
      probes: (role) => [
        {
          label: 'the reports',
          request: async () => {
            await seedSweep(true);
            return { method: 'GET', url: `${API}/retention/sweeps` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'retention.read' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const foreign = await asSystem(t.db.kysely, (tx) =>
              tx.selectFrom('retention_sweeps').select('id').where('tenant_id', '=', b.tenantId).execute(),
            );
            const ids = res.json().items.map((x: { id: string }) => x.id);
            for (const f of foreign) expect.soft(ids).not.toContain(f.id);
          },
        },
      ],
    },
    [`GET ${API}/retention/sweeps/{id}`]: {
      sample: async () => ({ method: 'GET', url: `${API}/retention/sweeps/${await seedSweep(false)}` }),
      probes: (role) =>
        ([false, true] as const).map((otherTenant) => ({
          label: otherTenant ? 'a report of another tenant' : 'a report',
          request: async () => ({
            method: 'GET',
            url: `${API}/retention/sweeps/${await seedSweep(otherTenant)}`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'retention.read' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    // -- deletion concept (DIN 66398): retention.read reads, retention.manage changes; fresh rows per probe
    [`GET ${API}/retention/concept`]: {
      sample: () => ({ method: 'GET', url: `${API}/retention/concept` }),
      probes: (role) =>
        (['', '?jurisdiction=AT'] as const).map((query) => ({
          label: `the concept${query}`,
          request: () => ({ method: 'GET' as const, url: `${API}/retention/concept${query}` }),
          expected: decide(ok(), [!canDo({ role, action: 'retention.read' }), FORBIDDEN]),
        })),
    },
    [`POST ${API}/retention/periods`]: {
      sample: () => ({ method: 'POST', url: `${API}/retention/periods`, body: retentionPeriodBody() }),
      probes: (role) => [
        {
          label: 'a standard period',
          request: () => ({ method: 'POST', url: `${API}/retention/periods`, body: retentionPeriodBody() }),
          expected: decide(ok(201), [!canDo({ role, action: 'retention.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/retention/classes`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/retention/classes`,
        body: { periodId: await seedRetentionPeriod(), startType: 'collection' },
      }),
      probes: (role) => [
        {
          label: 'a deletion class',
          request: async () => ({
            method: 'POST',
            url: `${API}/retention/classes`,
            body: { periodId: await seedRetentionPeriod(), startType: 'collection' },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'retention.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/retention/data-types`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/retention/data-types`,
        body: dataTypeBody(unique('matrix_dt_')),
      }),
      probes: (role) => [
        {
          label: 'a documented data type',
          request: () => ({
            method: 'POST',
            url: `${API}/retention/data-types`,
            body: dataTypeBody(unique('matrix_dt_')),
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'retention.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`PATCH ${API}/retention/data-types/{id}`]: {
      sample: async () => ({
        method: 'PATCH',
        url: `${API}/retention/data-types/${await seedDataType(false)}`,
        body: { version: 1, nameEn: 'Changed' },
      }),
      probes: (role) =>
        ([false, true] as const).map((otherTenant) => ({
          label: otherTenant ? "another tenant's data type" : 'a data type',
          request: async () => ({
            method: 'PATCH' as const,
            url: `${API}/retention/data-types/${await seedDataType(otherTenant)}`,
            body: { version: 1, nameEn: 'Changed' },
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'retention.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/retention/settings`]: {
      sample: () => ({ method: 'GET', url: `${API}/retention/settings` }),
      probes: (role) => [
        {
          label: 'the jurisdiction',
          request: () => ({ method: 'GET', url: `${API}/retention/settings` }),
          expected: decide(ok(), [!canDo({ role, action: 'retention.read' }), FORBIDDEN]),
        },
      ],
    },
    [`PUT ${API}/retention/settings`]: {
      sample: () => ({ method: 'PUT', url: `${API}/retention/settings`, body: { jurisdiction: 'DE' } }),
      probes: (role) => [
        {
          label: 'the jurisdiction',
          request: () => ({ method: 'PUT', url: `${API}/retention/settings`, body: { jurisdiction: 'DE' } }),
          expected: decide(ok(), [!canDo({ role, action: 'retention.manage' }), FORBIDDEN]),
        },
      ],
    },
    // -- legal holds: legal_holds.manage places and releases on visible records; retention.read reads too
    [`GET ${API}/legal-holds`]: {
      sample: () => ({ method: 'GET', url: `${API}/legal-holds` }),
      probes: (role) => [
        {
          label: 'the holds',
          request: () => ({ method: 'GET', url: `${API}/legal-holds?active=true` }),
          expected: decide(ok(), [
            !canDo({ role, action: 'legal_holds.manage' }) && !canDo({ role, action: 'retention.read' }),
            FORBIDDEN,
          ]),
        },
      ],
    },
    [`POST ${API}/legal-holds`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/legal-holds`,
        body: { objectType: 'person', objectId: persons.unscoped, reason: 'dispute' },
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `on the person in ${scope}`,
          request: () => ({
            method: 'POST' as const,
            url: `${API}/legal-holds`,
            body: { objectType: 'person', objectId: persons[scope], reason: 'dispute' },
          }),
          expected: decide(
            ok(201),
            [!canDo({ role, action: 'legal_holds.manage' }), FORBIDDEN],
            [!sees(role, scope) || !canRead({ role, category: 'identity' }), NOT_FOUND],
          ),
        })),
    },
    [`POST ${API}/legal-holds/{id}/release`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/legal-holds/${await seedLegalHold('unscoped')}/release`,
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `a hold on the person in ${scope}`,
          request: async () => ({
            method: 'POST' as const,
            url: `${API}/legal-holds/${await seedLegalHold(scope)}/release`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'legal_holds.manage' }), FORBIDDEN],
            [!sees(role, scope) || !canRead({ role, category: 'identity' }), NOT_FOUND],
          ),
        })),
    },
    // -- DPIA (Art. 35): admin and DPO read (ropa.read), only the DPO changes (dpia.manage)
    [`GET ${API}/dpias`]: {
      sample: () => ({ method: 'GET', url: `${API}/dpias` }),
      probes: (role) => [
        {
          label: 'the DPIAs',
          request: async () => {
            await seedDpia(true);
            return { method: 'GET', url: `${API}/dpias` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'ropa.read' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const foreign = await asSystem(t.db.kysely, (tx) =>
              tx.selectFrom('dpias').select('id').where('tenant_id', '=', b.tenantId).execute(),
            );
            const ids = res.json().items.map((x: { id: string }) => x.id);
            for (const f of foreign) expect.soft(ids).not.toContain(f.id);
          },
        },
      ],
    },
    [`GET ${API}/dpias/screening`]: {
      sample: () => ({ method: 'GET', url: `${API}/dpias/screening` }),
      probes: (role) => [
        {
          label: 'the screening of every purpose',
          request: () => ({ method: 'GET', url: `${API}/dpias/screening` }),
          expected: decide(ok(), [!canDo({ role, action: 'ropa.read' }), FORBIDDEN]),
        },
      ],
    },
    [`PUT ${API}/dpias/screening/{purposeId}`]: {
      sample: () => ({ method: 'PUT', url: `${API}/dpias/screening/sales`, body: { criteria: [] } }),
      probes: (role) =>
        ([false, true] as const).map((otherTenant) => ({
          label: otherTenant ? "another tenant's purpose" : 'a purpose of the tenant',
          request: async () => ({
            method: 'PUT',
            url: `${API}/dpias/screening/${await seedPurpose(otherTenant)}`,
            body: { criteria: ['wp248_large_scale'] },
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'dpia.manage' }), FORBIDDEN],
            [otherTenant, refused(422, 'unknown_purpose')],
          ),
        })),
    },
    [`POST ${API}/dpias`]: {
      sample: () => ({ method: 'POST', url: `${API}/dpias`, body: { purposeId: 'sales' } }),
      probes: (role) => [
        {
          label: 'a new DPIA',
          request: async () => ({
            method: 'POST',
            url: `${API}/dpias`,
            body: { purposeId: await seedPurpose(false) },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'dpia.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/dpias/{id}`]: {
      sample: async () => ({ method: 'GET', url: `${API}/dpias/${await seedDpia(false)}` }),
      probes: (role) => dpiaProbes(role, 'GET', '', 'ropa.read', 'draft', undefined),
    },
    [`PATCH ${API}/dpias/{id}`]: {
      sample: async () => ({
        method: 'PATCH',
        url: `${API}/dpias/${await seedDpia(false)}`,
        body: { version: 1 },
      }),
      probes: (role) =>
        dpiaProbes(role, 'PATCH', '', 'dpia.manage', 'draft', () => ({ version: 1, title: 'Neu' })),
    },
    [`POST ${API}/dpias/{id}/sign-off`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/dpias/${await seedDpia(false, 'complete')}/sign-off`,
        body: { version: 1 },
      }),
      probes: (role) =>
        dpiaProbes(role, 'POST', '/sign-off', 'dpia.manage', 'complete', () => ({ version: 1 })),
    },
    [`POST ${API}/dpias/{id}/review`]: {
      sample: async () => ({ method: 'POST', url: `${API}/dpias/${await seedDpia(false, 'signed')}/review` }),
      probes: (role) => dpiaProbes(role, 'POST', '/review', 'dpia.manage', 'signed', undefined, ok(201)),
    },
    [`GET ${API}/dpias/{id}/export.pdf`]: {
      sample: async () => ({ method: 'GET', url: `${API}/dpias/${await seedDpia(false)}/export.pdf` }),
      probes: (role) => dpiaProbes(role, 'GET', '/export.pdf', 'ropa.read', 'draft', undefined),
    },
    // -- record of processing activities (Art. 30): ropa.read reads and exports, ropa.manage maintains
    [`GET ${API}/ropa`]: {
      sample: () => ({ method: 'GET', url: `${API}/ropa` }),
      probes: (role) => [
        {
          label: 'the record',
          request: () => ({ method: 'GET', url: `${API}/ropa` }),
          expected: decide(ok(), [!canDo({ role, action: 'ropa.read' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const foreign = await asSystem(t.db.kysely, (tx) =>
              tx.selectFrom('ropa_activities').select('id').where('tenant_id', '=', b.tenantId).execute(),
            );
            const ids = res.json().activities.map((x: { id: string }) => x.id);
            for (const f of foreign) expect.soft(ids).not.toContain(f.id);
          },
        },
      ],
    },
    [`PUT ${API}/ropa/settings`]: {
      sample: () => ({ method: 'PUT', url: `${API}/ropa/settings`, body: { version: 0 } }),
      probes: (role) => [
        {
          label: 'the controller details',
          request: async () => ({
            method: 'PUT',
            url: `${API}/ropa/settings`,
            body: { version: await ropaSettingsVersion(), controllerName: unique('Matrix GmbH ') },
          }),
          expected: decide(ok(), [!canDo({ role, action: 'ropa.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/ropa/activities`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/ropa/activities`,
        body: { part: 'controller', name: 'Matrix-Verarbeitung' },
      }),
      probes: (role) => [
        {
          label: 'a hand-kept activity',
          request: () => ({
            method: 'POST',
            url: `${API}/ropa/activities`,
            body: { part: 'controller', name: unique('Matrix-Verarbeitung ') },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'ropa.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`PATCH ${API}/ropa/activities/{id}`]: {
      sample: async () => ({
        method: 'PATCH',
        url: `${API}/ropa/activities/${await seedRopaActivity(false)}`,
        body: { version: 1, recipients: 'Steuerberater' },
      }),
      probes: (role) =>
        (
          [
            ['an activity of the tenant', false],
            ["another tenant's activity", true],
          ] as const
        ).map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'PATCH',
            url: `${API}/ropa/activities/${await seedRopaActivity(otherTenant)}`,
            body: { version: 1, recipients: 'Steuerberater' },
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'ropa.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/ropa/export`]: {
      sample: () => ({ method: 'GET', url: `${API}/ropa/export?format=json` }),
      probes: (role) => [
        {
          label: 'the export',
          request: () => ({ method: 'GET', url: `${API}/ropa/export?format=json&lang=de` }),
          expected: decide(ok(), [!canDo({ role, action: 'ropa.read' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode !== 200) return;
            expect.soft(res.body).not.toContain('Matrixfirma-otherTenant');
          },
        },
      ],
    },
    // -- breach register (Art. 33/34): everyone but readonly reports, only the DPO manages
    [`GET ${API}/breaches`]: {
      sample: () => ({ method: 'GET', url: `${API}/breaches` }),
      probes: (role) => [
        {
          label: 'the register',
          request: async () => {
            await seedBreach(true);
            return { method: 'GET', url: `${API}/breaches?status=all` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'breaches.manage' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const tenants = await asSystem(t.db.kysely, (tx) =>
              tx
                .selectFrom('breaches')
                .select(['id', 'tenant_id'])
                .where('tenant_id', '=', b.tenantId)
                .execute(),
            );
            const ids = res.json().items.map((x: { id: string }) => x.id);
            for (const foreign of tenants) expect.soft(ids).not.toContain(foreign.id);
          },
        },
      ],
    },
    [`POST ${API}/breaches`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/breaches`,
        body: { title: 'Datenpanne', description: 'Fehlversand' },
      }),
      probes: (role) => [
        {
          label: 'a new breach',
          request: () => ({
            method: 'POST',
            url: `${API}/breaches`,
            body: { title: unique('Datenpanne '), description: 'Fehlversand einer Kundenliste' },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'breaches.report' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/breaches/{id}`]: {
      sample: async () => ({ method: 'GET', url: `${API}/breaches/${await seedBreach(false)}` }),
      probes: (role) => breachProbes(role, 'GET', '', undefined),
    },
    [`PATCH ${API}/breaches/{id}`]: {
      sample: async () => ({
        method: 'PATCH',
        url: `${API}/breaches/${await seedBreach(false)}`,
        body: { version: 1, risk: 'risk' },
      }),
      probes: (role) => breachProbes(role, 'PATCH', '', () => ({ version: 1, risk: 'risk' })),
    },
    [`POST ${API}/breaches/{id}/authority-notification`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/breaches/${await seedBreach(false, ART33_COMPLETE)}/authority-notification`,
        body: { notifiedAt: new Date().toISOString() },
      }),
      probes: (role) =>
        breachProbes(
          role,
          'POST',
          '/authority-notification',
          () => ({ notifiedAt: new Date().toISOString() }),
          { ...ART33_COMPLETE, risk: 'risk' },
        ),
    },
    [`POST ${API}/breaches/{id}/subjects-decision`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/breaches/${await seedBreach(false)}/subjects-decision`,
        body: { decision: 'inform', reason: 'Alle Betroffenen werden per E-Mail informiert' },
      }),
      probes: (role) =>
        breachProbes(role, 'POST', '/subjects-decision', () => ({
          decision: 'inform',
          reason: 'Alle Betroffenen werden per E-Mail informiert',
        })),
    },
    [`POST ${API}/breaches/{id}/close`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/breaches/${await seedBreach(false)}/close`,
        body: {},
      }),
      probes: (role) => breachProbes(role, 'POST', '/close', () => ({}), { risk: 'none' }),
    },
    [`POST ${API}/breaches/{id}/reopen`]: {
      sample: async () => ({ method: 'POST', url: `${API}/breaches/${await seedBreach(false)}/reopen` }),
      probes: (role) =>
        breachProbes(role, 'POST', '/reopen', undefined, {
          risk: 'none',
          status: 'closed',
          closed_at: new Date(Date.now() - 60_000),
        }),
    },
    // -- recipients register (every role reads, recipients.manage writes), disclosure log of a person
    // (disclosures.record, person visible; the note is communication content), Art. 19 notifications
    // (requests.manage)
    [`GET ${API}/recipients`]: {
      sample: () => ({ method: 'GET', url: `${API}/recipients` }),
      probes: () => [
        {
          label: 'list',
          request: async () => {
            await ensureArt19();
            return { method: 'GET', url: `${API}/recipients` };
          },
          expected: ok(),
          verify: async (res) => {
            const { recipient } = await ensureArt19();
            const ids = res.json().items.map((x: { id: string }) => x.id);
            expect.soft(ids).toContain(recipient.a);
            expect.soft(ids).not.toContain(recipient.b);
          },
        },
      ],
    },
    [`POST ${API}/recipients`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/recipients`,
        body: { name: 'Sample', kind: 'processor' },
      }),
      probes: (role) => [
        {
          label: 'a new recipient',
          request: () => ({
            method: 'POST',
            url: `${API}/recipients`,
            body: { name: unique('Empfänger '), kind: 'processor' },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'recipients.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`PATCH ${API}/recipients/{id}`]: {
      sample: async () => ({
        method: 'PATCH',
        url: `${API}/recipients/${(await ensureArt19()).recipient.a}`,
        body: { notes: 'x' },
      }),
      probes: (role) =>
        (
          [
            ['a recipient of the tenant', 'a', false],
            ["another tenant's recipient", 'b', true],
          ] as const
        ).map(([label, which, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'PATCH',
            url: `${API}/recipients/${(await ensureArt19()).recipient[which]}`,
            body: { notes: unique('Vertrag ') },
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'recipients.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    // -- system and processor register (data map): ropa.read or recipients.manage read it and the AVV,
    // recipients.manage uploads the AVV; entries are the recipients of the tenant
    [`GET ${API}/register/systems`]: {
      sample: () => ({ method: 'GET', url: `${API}/register/systems` }),
      probes: (role) => [
        {
          label: 'the register',
          request: async () => {
            await ensureArt19();
            return { method: 'GET', url: `${API}/register/systems?includeArchived=true` };
          },
          expected: decide(ok(), [
            !canDo({ role, action: 'ropa.read' }) && !canDo({ role, action: 'recipients.manage' }),
            FORBIDDEN,
          ]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const { recipient } = await ensureArt19();
            const ids = res.json().items.map((x: { id: string }) => x.id);
            expect.soft(ids).toContain(recipient.a);
            expect.soft(ids).not.toContain(recipient.b);
          },
        },
      ],
    },
    [`PUT ${API}/register/systems/{id}/avv`]: {
      sample: async () => ({
        method: 'PUT',
        url: `${API}/register/systems/${(await ensureArt19()).recipient.a}/avv`,
        body: { fileName: 'avv.pdf', contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') },
      }),
      probes: (role) =>
        (
          [
            ['an entry of the tenant', 'a', false],
            ["another tenant's entry", 'b', true],
          ] as const
        ).map(([label, which, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'PUT',
            url: `${API}/register/systems/${(await ensureArt19()).recipient[which]}/avv`,
            body: {
              fileName: `${unique('AVV-')}.pdf`,
              contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
            },
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'recipients.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/register/systems/{id}/avv`]: {
      sample: async () => ({
        method: 'GET',
        url: `${API}/register/systems/${(await ensureArt19()).recipient.a}/avv`,
      }),
      probes: (role) =>
        (
          [
            ['an entry of the tenant', 'a', false],
            ["another tenant's entry", 'b', true],
          ] as const
        ).map(([label, which, otherTenant]) => ({
          label,
          request: async () => {
            const { recipient } = await ensureArt19();
            // both tenants' entries hold a document, so only the rules decide
            await asSystem(t.db.kysely, (tx) =>
              tx
                .updateTable('recipients')
                .set({
                  avv_file_name: 'Matrix-AVV.pdf',
                  avv_file: Buffer.from('%PDF-1.4\n%%EOF\n'),
                  avv_uploaded_at: new Date(),
                })
                .where('id', 'in', [recipient.a, recipient.b])
                .where('avv_file', 'is', null)
                .execute(),
            );
            return { method: 'GET', url: `${API}/register/systems/${recipient[which]}/avv` };
          },
          expected: decide(
            ok(),
            [
              !canDo({ role, action: 'ropa.read' }) && !canDo({ role, action: 'recipients.manage' }),
              FORBIDDEN,
            ],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/persons/{id}/disclosures`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/disclosures` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${personUrl(scope)}/disclosures` }),
          expected: decide(ok(), [!sees(role, scope), NOT_FOUND]),
          verify: (res) => {
            if (res.statusCode !== 200) return expectNoPersonalData(res);
            expect
              .soft(res.json().hiddenFields)
              .toEqual(canRead({ role, category: 'communication' }) ? [] : ['note']);
          },
        })),
    },
    [`POST ${API}/persons/{id}/disclosures`]: {
      sample: async () => ({
        method: 'POST',
        url: `${personUrl('unscoped')}/disclosures`,
        body: { recipientId: (await ensureArt19()).recipient.a, categories: ['contact'] },
      }),
      probes: (role) => {
        const may = canDo({ role, action: 'disclosures.record' });
        const body = async (extra: object = {}, which: 'a' | 'b' = 'a') => ({
          recipientId: (await ensureArt19()).recipient[which],
          categories: ['contact', 'address'],
          ...extra,
        });
        return [
          ...SCOPES.map((scope) => ({
            label: scope,
            request: async () => ({
              method: 'POST' as const,
              url: `${personUrl(scope)}/disclosures`,
              body: await body(),
            }),
            expected: decide(ok(201), [!sees(role, scope), NOT_FOUND], [!may, FORBIDDEN]),
          })),
          {
            label: 'with a note',
            request: async () => ({
              method: 'POST',
              url: `${personUrl('unscoped')}/disclosures`,
              body: await body({ note: 'Matrixnotiz' }),
            }),
            expected: decide(
              ok(201),
              [!may, FORBIDDEN],
              [!canWrite({ role, category: 'communication' }), NOT_WRITABLE],
            ),
          },
          {
            label: "to another tenant's recipient",
            request: async () => ({
              method: 'POST',
              url: `${personUrl('unscoped')}/disclosures`,
              body: await body({}, 'b'),
            }),
            expected: decide(refused(422, 'unknown_recipient'), [!may, FORBIDDEN]),
          },
        ];
      },
    },
    // -- consent ledger, wordings, marketing settings, mail templates, outbox (issue 6) ---------------
    [`GET ${API}/persons/{id}/consents`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/consents` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${personUrl(scope)}/consents` }),
          expected: decide(ok(), [!sees(role, scope), NOT_FOUND]),
          verify: (res) => {
            if (res.statusCode !== 200) expectNoPersonalData(res);
          },
        })),
    },
    [`POST ${API}/persons/{id}/consents`]: {
      sample: async () => ({
        method: 'POST',
        url: `${personUrl('unscoped')}/consents`,
        body: await consentBody(),
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'POST' as const,
            url: `${personUrl(scope)}/consents`,
            body: await consentBody(),
          }),
          expected: decide(
            ok(201),
            [!sees(role, scope), NOT_FOUND],
            [!canDo({ role, action: 'consents.record' }), FORBIDDEN],
            // the wording is tenant a's: another tenant's person never gets here (not found above)
          ),
        })),
    },
    [`POST ${API}/persons/{id}/consents/{consentId}/withdraw`]: {
      sample: async () => ({
        method: 'POST',
        url: `${personUrl('unscoped')}/consents/${await freshConsent('unscoped')}/withdraw`,
        body: {},
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'POST' as const,
            url: `${personUrl(scope)}/consents/${await freshConsent(scope)}/withdraw`,
            body: { note: 'Matrix' },
          }),
          expected: decide(
            ok(),
            [!sees(role, scope), NOT_FOUND],
            [!canDo({ role, action: 'consents.record' }), FORBIDDEN],
          ),
        })),
    },
    [`GET ${API}/persons/{id}/consents/history.pdf`]: {
      sample: () => ({ method: 'GET', url: `${personUrl('unscoped')}/consents/history.pdf` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${personUrl(scope)}/consents/history.pdf` }),
          expected: decide(ok(), [!sees(role, scope), NOT_FOUND]),
        })),
    },
    [`GET ${API}/consent-wordings`]: {
      sample: () => ({ method: 'GET', url: `${API}/consent-wordings` }),
      probes: (role) => [
        {
          label: 'list',
          request: async () => {
            await ensureConsentFixture();
            return { method: 'GET', url: `${API}/consent-wordings` };
          },
          expected: decide(ok(), [
            !(['marketing.read', 'consents.record', 'consent_wordings.manage'] as const).some((action) =>
              canDo({ role, action }),
            ),
            FORBIDDEN,
          ]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const { wording } = await ensureConsentFixture();
            const ids = res.json().items.map((x: { id: string }) => x.id);
            expect.soft(ids).toContain(wording.a);
            expect.soft(ids).not.toContain(wording.b);
          },
        },
      ],
    },
    [`POST ${API}/consent-wordings`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/consent-wordings`,
        body: {
          purposeId: 'newsletter',
          channel: 'email',
          language: 'en',
          text: 'Sample wording',
          advertiser: 'M',
        },
      }),
      probes: (role) => [
        {
          label: 'a new version',
          request: () => ({
            method: 'POST',
            url: `${API}/consent-wordings`,
            body: {
              purposeId: 'newsletter',
              channel: 'email',
              language: 'en',
              text: unique('Yes, send me the newsletter '),
              advertiser: 'Matrix GmbH',
            },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'consent_wordings.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/marketing/settings`]: {
      sample: () => ({ method: 'GET', url: `${API}/marketing/settings` }),
      probes: (role) => [
        {
          label: 'settings',
          request: () => ({ method: 'GET', url: `${API}/marketing/settings` }),
          expected: decide(ok(), [!canDo({ role, action: 'marketing.read' }), FORBIDDEN]),
        },
      ],
    },
    [`PUT ${API}/marketing/settings`]: {
      sample: () => ({
        method: 'PUT',
        url: `${API}/marketing/settings`,
        body: { senderName: 'Muster', senderEmail: 'news@example.de' },
      }),
      probes: (role) => [
        {
          label: 'change the sender',
          request: () => ({
            method: 'PUT',
            url: `${API}/marketing/settings`,
            body: { senderName: unique('Muster '), senderEmail: 'news@example.de' },
          }),
          expected: decide(ok(), [!canDo({ role, action: 'marketing.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/mail-templates`]: {
      sample: () => ({ method: 'GET', url: `${API}/mail-templates` }),
      probes: (role) => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/mail-templates` }),
          expected: decide(ok(), [!canDo({ role, action: 'marketing.read' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/mail-templates/{key}/{language}/versions`]: {
      sample: () => ({ method: 'GET', url: `${API}/mail-templates/portal_login/de/versions` }),
      probes: (role) => [
        {
          label: 'versions',
          request: () => ({ method: 'GET', url: `${API}/mail-templates/portal_login/de/versions` }),
          expected: decide(ok(), [!canDo({ role, action: 'marketing.read' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/mail-templates`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/mail-templates`,
        body: { key: 'portal_login', language: 'en', subject: 'Login', body: '{{link}}' },
      }),
      probes: (role) => [
        {
          label: 'a new version',
          request: () => ({
            method: 'POST',
            url: `${API}/mail-templates`,
            body: { key: 'portal_login', language: 'en', subject: unique('Login '), body: 'Link: {{link}}' },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'marketing.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/outbox`]: {
      sample: () => ({ method: 'GET', url: `${API}/outbox` }),
      probes: (role) => [
        {
          label: 'list',
          request: async () => {
            await ensureConsentFixture();
            return { method: 'GET', url: `${API}/outbox` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'outbox.read' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const { mail } = await ensureConsentFixture();
            const ids = res.json().items.map((x: { id: string }) => x.id);
            expect.soft(ids).toContain(mail.a);
            expect.soft(ids).not.toContain(mail.b);
          },
        },
      ],
    },
    [`GET ${API}/outbox/{id}`]: {
      sample: async () => ({ method: 'GET', url: `${API}/outbox/${(await ensureConsentFixture()).mail.a}` }),
      probes: (role) =>
        (
          [
            ['a mail of the tenant', 'a', false],
            ["another tenant's mail", 'b', true],
          ] as const
        ).map(([label, which, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'GET' as const,
            url: `${API}/outbox/${(await ensureConsentFixture()).mail[which]}`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'outbox.read' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/requests/{id}/notifications`]: {
      sample: async () => ({
        method: 'GET',
        url: `${API}/requests/${(await ensureArt19()).request.a}/notifications`,
      }),
      probes: (role) =>
        (
          [
            ['a request of the tenant', 'a', ok()],
            ["another tenant's request", 'b', NOT_FOUND],
          ] as const
        ).map(([label, which, allowed]) => ({
          label,
          request: async () => ({
            method: 'GET',
            url: `${API}/requests/${(await ensureArt19()).request[which]}/notifications`,
          }),
          expected: decide(allowed, [!canDo({ role, action: 'requests.manage' }), FORBIDDEN]),
        })),
    },
    [`GET ${API}/recipient-notifications`]: {
      sample: () => ({ method: 'GET', url: `${API}/recipient-notifications` }),
      probes: (role) => [
        {
          label: 'worklist',
          request: async () => {
            await ensureArt19();
            return { method: 'GET', url: `${API}/recipient-notifications?status=all` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'requests.manage' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const { notification } = await ensureArt19();
            const ids = res.json().items.map((x: { id: string }) => x.id);
            expect.soft(ids).toContain(notification.a);
            expect.soft(ids).not.toContain(notification.b);
          },
        },
      ],
    },
    [`PATCH ${API}/recipient-notifications/{id}`]: {
      sample: async () => ({
        method: 'PATCH',
        url: `${API}/recipient-notifications/${(await ensureArt19()).notification.a}`,
        body: { status: 'sent' },
      }),
      probes: (role) =>
        (
          [
            ['a notification of the tenant', 'a', ok()],
            ["another tenant's notification", 'b', NOT_FOUND],
          ] as const
        ).map(([label, which, allowed]) => ({
          label,
          // "sent" may be repeated, so every role's probe finds the same state
          request: async () => ({
            method: 'PATCH',
            url: `${API}/recipient-notifications/${(await ensureArt19()).notification[which]}`,
            body: { status: 'sent' },
          }),
          expected: decide(allowed, [!canDo({ role, action: 'requests.manage' }), FORBIDDEN]),
        })),
    },

    // -- invoices: category "billing", records by department ----------------------------------------
    [`GET ${API}/invoices`]: {
      sample: () => ({ method: 'GET', url: `${API}/invoices` }),
      probes: (role) => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/invoices?pageSize=200` }),
          expected: decide(ok(), [!canRead({ role, category: 'billing' }), NOT_READABLE]),
          verify: (res) => {
            if (res.statusCode !== 200) return;
            const ids = res.json().items.map((i: { id: string }) => i.id);
            for (const scope of SCOPES)
              expect.soft(ids.includes(invoices[scope]), `invoice ${scope} listed`).toBe(sees(role, scope));
          },
        },
      ],
    },
    [`POST ${API}/invoices`]: {
      sample: () => ({ method: 'POST', url: `${API}/invoices`, body: invoiceBody('unscoped') }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: `for the organisation in ${scope}`,
          request: () => ({ method: 'POST', url: `${API}/invoices`, body: invoiceBody(scope) }),
          expected: decide(
            ok(201),
            [!canWrite({ role, category: 'billing' }), NOT_WRITABLE],
            [!sees(role, scope), refused(422, 'unknown_organization')],
          ),
        })),
    },
    [`POST ${API}/invoices/import`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/invoices/import`,
        body: { fileName: 'x.csv', csv: importCsv('S-1'), mapping: importMapping, dryRun: true },
      }),
      probes: (role) =>
        [true, false].map((dryRun) => ({
          label: dryRun ? 'dry run' : 'import',
          request: () => ({
            method: 'POST',
            url: `${API}/invoices/import`,
            body: { fileName: 'matrix.csv', csv: importCsv(unique('MX-')), mapping: importMapping, dryRun },
          }),
          expected: decide(ok(), [!canDo({ role, action: 'invoices.import' }), FORBIDDEN]),
          verify: (res) => {
            if (res.statusCode === 200) expect.soft(res.json()).toMatchObject({ invoices: 1, dryRun });
          },
        })),
    },
    [`GET ${API}/invoices/{id}`]: {
      sample: () => ({ method: 'GET', url: `${API}/invoices/${invoices.unscoped}` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: () => ({ method: 'GET', url: `${API}/invoices/${invoices[scope]}` }),
          expected: decide(
            ok(),
            [!canRead({ role, category: 'billing' }), NOT_READABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`PATCH ${API}/invoices/{id}`]: {
      sample: () => ({ method: 'PATCH', url: `${API}/invoices/${invoices.unscoped}`, body: { version: 1 } }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'PATCH' as const,
            url: `${API}/invoices/${invoices[scope]}`,
            body: { version: await invoiceVersion(invoices[scope]), legalHold: role === 'admin' },
          }),
          expected: decide(
            ok(),
            [!canWrite({ role, category: 'billing' }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`POST ${API}/invoices/{id}/payment`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/invoices/${invoices.unscoped}/payment`,
        body: { paidAt: '2026-01-20' },
      }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'POST' as const,
            url: `${API}/invoices/${await openInvoice(scope)}/payment`,
            body: { paidAt: '2026-01-20' },
          }),
          expected: decide(
            ok(),
            [!canWrite({ role, category: 'billing' }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`POST ${API}/invoices/{id}/cancel`]: {
      sample: () => ({ method: 'POST', url: `${API}/invoices/${invoices.unscoped}/cancel` }),
      probes: (role) =>
        SCOPES.map((scope) => ({
          label: scope,
          request: async () => ({
            method: 'POST' as const,
            url: `${API}/invoices/${await openInvoice(scope)}/cancel`,
          }),
          expected: decide(
            ok(),
            [!canWrite({ role, category: 'billing' }), NOT_WRITABLE],
            [!sees(role, scope), NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/reports/revenue`]: {
      sample: () => ({ method: 'GET', url: `${API}/reports/revenue` }),
      probes: (role) => [
        reportProbe(role, '/reports/revenue?from=2026-Q1&to=2026-Q2&groupBy=customerGroup'),
        reportProbe(role, '/reports/revenue?groupBy=product&currency=EUR'),
      ],
    },
    [`GET ${API}/reports/pipeline`]: {
      sample: () => ({ method: 'GET', url: `${API}/reports/pipeline` }),
      probes: (role) => [
        reportProbe(role, '/reports/pipeline', (res) => {
          if (res.statusCode !== 200) return;
          const sek = res.json().totals.find((c: { currency: string }) => c.currency === REPORT_CURRENCY);
          const seen = SCOPES.filter((scope) => sees(role, scope)).length;
          expect.soft(sek?.count ?? 0, `${role} counts the SEK deals it sees`).toBe(seen);
          expect.soft(sek?.value ?? '0.00').toBe(`${seen * 1000}.00`);
        }),
      ],
    },
    [`GET ${API}/reports/cases-by-age`]: {
      sample: () => ({ method: 'GET', url: `${API}/reports/cases-by-age` }),
      probes: (role) => [reportProbe(role, '/reports/cases-by-age')],
    },

    // -- segments (marketing.read reads and evaluates, marketing.manage writes) ---------------------
    [`GET ${API}/segments`]: {
      sample: () => ({ method: 'GET', url: `${API}/segments` }),
      probes: (role) => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/segments` }),
          expected: decide(ok(), [!canDo({ role, action: 'marketing.read' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/segments`]: {
      sample: () => ({ method: 'POST', url: `${API}/segments`, body: segmentBody() }),
      probes: (role) => [
        {
          label: 'a new segment',
          request: () => ({ method: 'POST', url: `${API}/segments`, body: segmentBody() }),
          expected: decide(ok(201), [!canDo({ role, action: 'marketing.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/segments/preview`]: {
      sample: () => ({ method: 'POST', url: `${API}/segments/preview`, body: segmentBody() }),
      probes: (role) => [
        {
          label: 'preview',
          request: () => {
            const { name: _name, ...body } = segmentBody();
            return { method: 'POST', url: `${API}/segments/preview`, body };
          },
          expected: decide(ok(), [!canDo({ role, action: 'marketing.read' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/segments/{id}`]: {
      sample: async () => ({ method: 'GET', url: `${API}/segments/${await newSegment(t.tenantId)}` }),
      probes: (role) =>
        segmentTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'GET' as const,
            url: `${API}/segments/${await newSegment(otherTenant ? b.tenantId : t.tenantId)}`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'marketing.read' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/segments/{id}/evaluation`]: {
      sample: async () => ({
        method: 'GET',
        url: `${API}/segments/${await newSegment(t.tenantId)}/evaluation`,
      }),
      probes: (role) =>
        segmentTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'GET' as const,
            url: `${API}/segments/${await newSegment(otherTenant ? b.tenantId : t.tenantId)}/evaluation`,
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'marketing.read' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`PUT ${API}/segments/{id}`]: {
      sample: async () => ({
        method: 'PUT',
        url: `${API}/segments/${await newSegment(t.tenantId)}`,
        body: { ...segmentBody(), version: 1 },
      }),
      probes: (role) =>
        segmentTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'PUT' as const,
            url: `${API}/segments/${await newSegment(otherTenant ? b.tenantId : t.tenantId)}`,
            body: { ...segmentBody(), version: 1 },
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'marketing.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`DELETE ${API}/segments/{id}`]: {
      sample: async () => ({ method: 'DELETE', url: `${API}/segments/${await newSegment(t.tenantId)}` }),
      probes: (role) =>
        segmentTargets.map(([label, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'DELETE' as const,
            url: `${API}/segments/${await newSegment(otherTenant ? b.tenantId : t.tenantId)}`,
          }),
          expected: decide(
            ok(204),
            [!canDo({ role, action: 'marketing.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },

    // -- sign-up forms (marketing.read lists, marketing.manage writes) and the public double opt-in,
    // one-click and preference routes (no login; guarded by their tokens)
    [`GET ${API}/consent-forms`]: {
      sample: () => ({ method: 'GET', url: `${API}/consent-forms` }),
      probes: (role) => [
        {
          label: 'list',
          request: async () => {
            await ensureSignupForms();
            return { method: 'GET', url: `${API}/consent-forms` };
          },
          expected: decide(ok(), [!canDo({ role, action: 'marketing.read' }), FORBIDDEN]),
          verify: async (res) => {
            if (res.statusCode !== 200) return;
            const forms = await ensureSignupForms();
            const ids = res.json().items.map((x: { id: string }) => x.id);
            expect.soft(ids).toContain(forms.a);
            expect.soft(ids).not.toContain(forms.b);
          },
        },
      ],
    },
    [`POST ${API}/consent-forms`]: {
      sample: () => ({
        method: 'POST',
        url: `${API}/consent-forms`,
        body: { name: 'Sample', purposeId: 'newsletter', language: 'de' },
      }),
      probes: (role) => [
        {
          label: 'a new form',
          request: async () => {
            await ensureSignupForms();
            return {
              method: 'POST',
              url: `${API}/consent-forms`,
              body: { name: unique('Formular '), purposeId: 'newsletter', language: 'de' },
            };
          },
          expected: decide(ok(201), [!canDo({ role, action: 'marketing.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`PATCH ${API}/consent-forms/{id}`]: {
      sample: async () => ({
        method: 'PATCH',
        url: `${API}/consent-forms/${(await ensureSignupForms()).a}`,
        body: { name: 'x' },
      }),
      probes: (role) =>
        (
          [
            ['a form of the tenant', 'a', false],
            ["another tenant's form", 'b', true],
          ] as const
        ).map(([label, which, otherTenant]) => ({
          label,
          request: async () => ({
            method: 'PATCH',
            url: `${API}/consent-forms/${(await ensureSignupForms())[which]}`,
            body: { name: unique('Matrix-Formular ') },
          }),
          expected: decide(
            ok(),
            [!canDo({ role, action: 'marketing.manage' }), FORBIDDEN],
            [otherTenant, NOT_FOUND],
          ),
        })),
    },
    [`GET ${API}/public/forms/{formId}`]: {
      public: true,
      anonymous: [
        {
          label: 'a form with its current wording',
          request: async () => ({
            method: 'GET',
            url: `${API}/public/forms/${(await ensureSignupForms()).a}`,
          }),
          expected: ok(),
        },
        {
          label: 'an unknown form',
          request: () => ({ method: 'GET', url: `${API}/public/forms/${randomUUID()}` }),
          expected: NOT_FOUND,
        },
      ],
    },
    [`POST ${API}/public/forms/{formId}/signups`]: {
      public: true,
      anonymous: [
        {
          label: 'the box not ticked',
          request: async () => {
            const forms = await ensureSignupForms();
            return {
              method: 'POST',
              url: `${API}/public/forms/${forms.a}/signups`,
              body: { email: 'matrix.signup@example.de', wordingId: forms.wordingA, consent: false },
              remoteAddress: '10.0.8.1',
            };
          },
          expected: refused(422, 'consent_not_given'),
        },
        {
          label: 'a sign-up: the confirmation mail waits in the outbox',
          request: async () => {
            const forms = await ensureSignupForms();
            return {
              method: 'POST',
              url: `${API}/public/forms/${forms.a}/signups`,
              body: { email: 'matrix.signup@example.de', wordingId: forms.wordingA, consent: true },
              remoteAddress: '10.0.8.1',
            };
          },
          expected: ok(202),
        },
      ],
    },
    [`POST ${API}/public/consent/confirm`]: {
      public: true,
      anonymous: [
        {
          label: 'a forged confirmation token',
          request: () => ({
            method: 'POST',
            url: `${API}/public/consent/confirm`,
            body: { token: `s_${'F'.repeat(43)}` },
          }),
          expected: refused(404, 'link_invalid'),
        },
      ],
    },
    [`POST ${API}/public/unsubscribe/{token}`]: forgedLink('POST', `/public/unsubscribe/${FORGED_LINK}`),
    [`GET ${API}/public/preferences/{token}`]: forgedLink('GET', `/public/preferences/${FORGED_LINK}`),
    [`POST ${API}/public/preferences/{token}/withdraw`]: forgedLink(
      'POST',
      `/public/preferences/${FORGED_LINK}/withdraw`,
      { consentId: randomUUID() },
    ),
    [`POST ${API}/public/preferences/{token}/object`]: forgedLink(
      'POST',
      `/public/preferences/${FORGED_LINK}/object`,
    ),
    // -- campaigns (marketing.read reads, marketing.manage writes and sends, campaigns.respond records
    // replies and orders); the matrix segments match nobody, so sending and printing are 409
    // campaign_no_legal_basis for whoever may do them
    [`GET ${API}/campaigns`]: {
      sample: () => ({ method: 'GET', url: `${API}/campaigns` }),
      probes: (role) => [
        {
          label: 'list',
          request: () => ({ method: 'GET', url: `${API}/campaigns` }),
          expected: decide(ok(), [!canDo({ role, action: 'marketing.read' }), FORBIDDEN]),
        },
      ],
    },
    [`POST ${API}/campaigns`]: {
      sample: async () => ({
        method: 'POST',
        url: `${API}/campaigns`,
        body: {
          name: 'Sample',
          kind: 'email',
          occasion: 'offer',
          segmentId: await newSegment(t.tenantId),
          purposeId: 'marketing',
          language: 'de',
          subject: 'Matrix',
          body: 'Hallo',
        },
      }),
      probes: (role) => [
        {
          label: 'a new draft',
          request: async () => ({
            method: 'POST',
            url: `${API}/campaigns`,
            body: {
              name: unique('Kampagne '),
              kind: 'email',
              occasion: 'offer',
              segmentId: await newSegment(t.tenantId),
              purposeId: 'marketing',
              language: 'de',
              subject: 'Matrix',
              body: '{{salutation}}, hallo',
            },
          }),
          expected: decide(ok(201), [!canDo({ role, action: 'marketing.manage' }), FORBIDDEN]),
        },
      ],
    },
    [`GET ${API}/campaigns/{id}`]: {
      sample: campaignSample('GET', ''),
      probes: (role) =>
        campaignProbes(role, 'marketing.read', ok(), (id) => ({
          method: 'GET',
          url: `${API}/campaigns/${id}`,
        })),
    },
    [`PATCH ${API}/campaigns/{id}`]: {
      sample: campaignSample('PATCH', '', { version: 1, name: 'x' }),
      probes: (role) =>
        campaignProbes(role, 'marketing.manage', ok(), (id) => ({
          method: 'PATCH',
          url: `${API}/campaigns/${id}`,
          body: { version: 1, name: unique('Geändert ') },
        })),
    },
    [`POST ${API}/campaigns/{id}/schedule`]: {
      sample: campaignSample('POST', '/schedule', { at: '2099-01-01T08:00:00Z' }),
      probes: (role) =>
        campaignProbes(
          role,
          'marketing.manage',
          ok(),
          (id) => ({
            method: 'POST',
            url: `${API}/campaigns/${id}/schedule`,
            body: { at: new Date(Date.now() + 86_400_000).toISOString() },
          }),
          { recurrence: 'birthday' },
        ),
    },
    [`POST ${API}/campaigns/{id}/send`]: {
      sample: campaignSample('POST', '/send'),
      probes: (role) =>
        campaignProbes(role, 'marketing.manage', refused(409, 'campaign_no_legal_basis'), (id) => ({
          method: 'POST',
          url: `${API}/campaigns/${id}/send`,
        })),
    },
    [`POST ${API}/campaigns/{id}/cancel`]: {
      sample: campaignSample('POST', '/cancel'),
      probes: (role) =>
        campaignProbes(role, 'marketing.manage', ok(), (id) => ({
          method: 'POST',
          url: `${API}/campaigns/${id}/cancel`,
        })),
    },
    [`GET ${API}/campaigns/{id}/recipients`]: {
      sample: campaignSample('GET', '/recipients'),
      probes: (role) =>
        campaignProbes(role, 'marketing.read', ok(), (id) => ({
          method: 'GET',
          url: `${API}/campaigns/${id}/recipients`,
        })),
    },
    [`POST ${API}/campaigns/{id}/responses`]: {
      sample: campaignSample('POST', '/responses', {
        personId: randomUUID(),
        kind: 'replied',
        occurredAt: '2026-01-01T10:00:00Z',
      }),
      probes: (role) =>
        campaignProbes(
          role,
          'campaigns.respond',
          ok(201),
          (id, otherTenant) => ({
            method: 'POST',
            url: `${API}/campaigns/${id}/responses`,
            body: {
              personId: otherTenant ? persons.otherTenant : persons.unscoped,
              kind: 'replied',
              occurredAt: '2026-01-01T10:00:00Z',
            },
          }),
          { recipient: 'yes' },
        ),
    },
    [`GET ${API}/campaigns/{id}/report`]: {
      sample: campaignSample('GET', '/report'),
      probes: (role) =>
        campaignProbes(role, 'marketing.read', ok(), (id) => ({
          method: 'GET',
          url: `${API}/campaigns/${id}/report`,
        })),
    },
    [`GET ${API}/campaigns/{id}/letters.pdf`]: {
      sample: campaignSample('GET', '/letters.pdf'),
      probes: (role) =>
        campaignProbes(
          role,
          'marketing.manage',
          refused(409, 'campaign_no_legal_basis'),
          (id) => ({ method: 'GET', url: `${API}/campaigns/${id}/letters.pdf` }),
          { kind: 'letter' },
        ),
    },
    [`GET ${API}/public/c/{token}`]: forgedLink('GET', `/public/c/${FORGED_LINK}`),
  });

  /** The account's sections: exactly those whose data category the role may read. */
  const expectAccountSections = (role: Role, res: LightMyRequestResponse) => {
    const body = res.json();
    const sections = {
      timeline: 'communication',
      invoices: 'billing',
      deals: 'contract',
      orders: 'contract',
      cases: 'service',
    } as const satisfies Record<string, DataCategory>;
    const hidden = Object.entries(sections)
      .filter(([, category]) => !canRead({ role, category }))
      .map(([section]) => section);
    expect.soft(body.hiddenSections, 'hidden sections follow the data categories').toEqual(hidden);
    for (const section of Object.keys(sections))
      expect.soft(section in body, `section ${section}`).toBe(!hidden.includes(section));
    expect.soft(body.tasks, 'tasks are listed for every role').toBeInstanceOf(Array);
  };

  const purposeBody = (id: string) => ({
    id,
    labelDe: 'Zweck',
    labelEn: 'Purpose',
    descriptionDe: 'Beschreibung',
    descriptionEn: 'Description',
    legalBases: ['consent'],
  });
  const userBody = (email: string, departmentIds: string[]) => ({
    email,
    displayName: 'Neu',
    password: ADMIN_PASSWORD,
    role: 'readonly',
    departmentIds,
  });
  const interactionBody = () => ({
    kind: 'note',
    occurredAt: '2026-02-01T09:00:00Z',
    subject: 'Notiz',
    body: 'Matrix',
  });

  /** Field-level rights: exactly the unreadable fields are omitted and named in hiddenFields. */
  const expectFieldLevelView = (role: Role, scope: Scope, res: LightMyRequestResponse) => {
    const person = res.json();
    const hidden = hiddenFor(role);
    expect.soft([...person.hiddenFields].sort(), `${role}: hiddenFields`).toEqual([...hidden].sort());
    const expected: Record<PersonField, unknown> = {
      firstName: FIX.firstName,
      lastName: FIX.lastName(scope),
      birthDate: FIX.birthDate,
      jobTitle: FIX.jobTitle,
      email: FIX.email,
      phone: FIX.phone,
      address: FIX.address,
      notes: FIX.notes,
      tags: [expect.objectContaining({ id: tagOf(scope) })],
      accessibilityNeeds: FIX.accessibilityNeeds,
      // never part of the person: read through GET /persons/{id}/photo
      photo: undefined,
    };
    for (const field of Object.keys(PERSON_FIELD_CATEGORIES) as PersonField[]) {
      if (hidden.includes(field)) {
        expect.soft(field in person, `${role} must not receive ${field}`).toBe(false);
      } else {
        expect.soft(person[field], `${role} reads ${field}`).toEqual(expected[field]);
      }
    }
    // hidden values appear nowhere in the response, under no other key either
    const text = res.body;
    if (hidden.includes('notes')) expect.soft(text).not.toContain(FIX.notes);
    if (hidden.includes('accessibilityNeeds')) {
      expect.soft(text).not.toContain(FIX.accessibilityNeeds);
      expect.soft(person.specialCategoryBasis).toBeNull();
    }
    if (hidden.includes('tags')) expect.soft(text).not.toContain('Matrix-Tag');
    if (hidden.includes('address')) expect.soft(text).not.toContain(FIX.address.street);
  };

  /** A refused request about a person tells nothing about them. */
  const expectNoPersonalData = (res: LightMyRequestResponse) => {
    for (const value of [MARK, FIX.email, FIX.phone, FIX.notes, FIX.accessibilityNeeds, FIX.address.street])
      expect.soft(res.body).not.toContain(value);
  };

  // ---- the runner ------------------------------------------------------------------------------

  const mark = (route: string, who: string) => {
    if (!exercised.has(route)) exercised.set(route, new Set());
    exercised.get(route)?.add(who);
  };

  const runProbe = async (route: RouteKey, who: Role | 'anonymous', token: string | null, probe: Probe) => {
    const req = await probe.request();
    const label = `${route} as ${who} [${probe.label}]`;
    const isWrite = req.method !== 'GET';
    const before = isWrite && probe.expected.status >= 400 ? await snapshotDigest(t.db) : undefined;
    const res = await t.call(probe.token === undefined ? token : probe.token, req);
    expect.soft(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBe(probe.expected.status);
    if (probe.expected.code) expect.soft(res.json().code, label).toBe(probe.expected.code);
    if (before) expect.soft(await snapshotDigest(t.db), `${label} must change nothing`).toEqual(before);
    await probe.verify?.(res);
    mark(route, who);
  };

  /** The routes of the OpenAPI document under /api/v1, as "METHOD /path/{param}". */
  const documentedRoutes = async () => {
    await t.app.ready();
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    return Object.entries(doc.paths)
      .filter(([path]) => path.startsWith(`${API}/`))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      )
      .sort();
  };

  it('has a matrix entry for every route of the OpenAPI document, and none for routes that are gone', async () => {
    const documented = await documentedRoutes();
    expect(documented.length).toBeGreaterThan(20);
    expect(Object.keys(matrix()).sort()).toEqual(documented);
    for (const route of documented) {
      const [method, path] = route.split(' ') as [Method, string];
      expect(t.app.hasRoute({ method, url: path.replace(/\{(\w+)\}/g, ':$1') }), route).toBe(true);
    }
  });

  it('answers the public routes without login', async () => {
    for (const [route, spec] of Object.entries(matrix()) as [RouteKey, RouteSpec][]) {
      if (spec.public) for (const probe of spec.anonymous) await runProbe(route, 'anonymous', null, probe);
    }
  });

  it('answers every other route with 401 without a valid login: no credentials, no body, bad token, bad cookie, odd paths', async () => {
    for (const [route, spec] of Object.entries(matrix()) as [RouteKey, RouteSpec][]) {
      if (spec.public) continue;
      const sample = await spec.sample();
      const variants: [string, Req][] = [
        ['no credentials', sample],
        ['no credentials, no body', { method: sample.method, url: sample.url }],
        ['malformed JSON', { ...sample, body: '{"x":', headers: { 'content-type': 'application/json' } }],
        ['unknown bearer token', { ...sample, headers: { authorization: 'Bearer cst_not-a-real-token' } }],
        [
          'malformed authorization header',
          { ...sample, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
        ],
        ['unknown session cookie', { ...sample, headers: { cookie: 'custos_session=forged' } }],
        ['percent-encoded path', { ...sample, url: sample.url.replace('/api/v1/', '/api/%761/') }],
      ];
      if (sample.method === 'GET') variants.push(['HEAD', { ...sample, method: 'HEAD' }]);
      for (const [label, req] of variants) {
        const res = await t.call(null, { ...req, remoteAddress: '10.9.9.9' });
        expect.soft(res.statusCode, `${route} [${label}]: ${res.body.slice(0, 200)}`).toBe(401);
        if (req.method !== 'HEAD')
          expect.soft(res.json().code, `${route} [${label}]`).toBe('unauthenticated');
      }
      mark(route, 'anonymous');
    }
  });

  it.each(ROLES)('gives %s on every route and scope exactly what the domain rules allow', async (role) => {
    for (const [route, spec] of Object.entries(matrix()) as [RouteKey, RouteSpec][]) {
      if (spec.public) continue;
      for (const probe of spec.probes(role)) await runProbe(route, role, users[role].token, probe);
    }
  });

  it('exercised every documented route anonymously and, unless public, as every role', async () => {
    const spec = matrix();
    for (const route of await documentedRoutes()) {
      const who = exercised.get(route) ?? new Set();
      const expected = spec[route as RouteKey]?.public ? ['anonymous'] : ['anonymous', ...ROLES];
      expect([...who].sort(), route).toEqual(expected.sort());
    }
  });

  // ---- department scope and field-level rights, spelled out ---------------------------------------

  describe('department scope', () => {
    it('hides a Kundenservice-only person from sales in Vertrieb (404, not listed, not found), but not unscoped ones', async () => {
      const sales = users.sales.token;
      const read = await t.call(sales, { method: 'GET', url: personUrl('otherDepartment') });
      expect(read.statusCode).toBe(404);
      const search = await t.call(sales, {
        method: 'GET',
        url: `${API}/persons?q=${FIX.lastName('otherDepartment')}`,
      });
      expect(search.json().items).toEqual([]);
      const list = await t.call(sales, { method: 'GET', url: `${API}/persons?pageSize=200` });
      const ids = list.json().items.map((p: { id: string }) => p.id);
      expect(ids).not.toContain(persons.otherDepartment);
      expect(ids).toEqual(expect.arrayContaining([persons.own, persons.unscoped]));
      expect((await t.call(sales, { method: 'GET', url: personUrl('unscoped') })).statusCode).toBe(200);
      const filtered = await t.call(sales, {
        method: 'GET',
        url: `${API}/persons?organizationId=${linkedOrg}&tagId=${tagA}&pageSize=200`,
      });
      expect(filtered.json().items.map((p: { id: string }) => p.id)).not.toContain(persons.otherDepartment);
    });

    it('lets admin and dpo see every department', async () => {
      for (const role of ['admin', 'dpo'] as const) {
        for (const scope of ['own', 'otherDepartment', 'unscoped'] as const)
          expect((await t.call(users[role].token, { method: 'GET', url: personUrl(scope) })).statusCode).toBe(
            200,
          );
        const search = await t.call(users[role].token, { method: 'GET', url: `${API}/persons?q=${MARK}` });
        expect(fixturePersonsIn(search)).toEqual(['own', 'otherDepartment', 'unscoped']);
      }
    });

    it('refuses a non-admin scoping a record to a department they are not in (403), on create and change', async () => {
      const sales = users.sales.token;
      const before = await snapshotDigest(t.db);
      for (const departmentIds of [[dept.other], [dept.own, dept.other]]) {
        const create = await t.call(sales, {
          method: 'POST',
          url: `${API}/persons`,
          body: newPerson({ departmentIds }),
        });
        expect(create.statusCode).toBe(403);
        const org = await t.call(sales, {
          method: 'POST',
          url: `${API}/organizations`,
          body: { name: 'X', departmentIds },
        });
        expect(org.statusCode).toBe(403);
        const patch = await t.call(sales, {
          method: 'PATCH',
          url: personUrl('own'),
          body: { version: await versionOf('persons', persons.own), departmentIds },
        });
        expect(patch.statusCode).toBe(403);
      }
      expect(await snapshotDigest(t.db)).toEqual(before);
      const admin = await t.call(users.admin.token, {
        method: 'POST',
        url: `${API}/persons`,
        body: newPerson({ departmentIds: [dept.other] }),
      });
      expect(admin.statusCode).toBe(201);
    });
  });

  describe('field-level rights', () => {
    it.each(ROLES)(
      'GET /persons/:id for %s omits exactly the unreadable fields and names them',
      async (role) => {
        const res = await t.call(users[role].token, { method: 'GET', url: personUrl('unscoped') });
        expect(res.statusCode).toBe(200);
        expectFieldLevelView(role, 'unscoped', res);
      },
    );

    it.each(ROLES)(
      'PATCH by %s of a field it cannot write is 403 field_not_writable and changes nothing',
      async (role) => {
        for (const field of Object.keys(PERSON_FIELD_CATEGORIES) as PersonField[]) {
          const category = PERSON_FIELD_CATEGORIES[field];
          if (canWrite({ role, category })) continue;
          const body = OTHER_VALUES[field];
          const before = await snapshotDigest(t.db);
          const res = await t.call(users[role].token, {
            method: 'PATCH',
            url: personUrl('unscoped'),
            body: { version: await versionOf('persons', persons.unscoped), ...body },
          });
          expect(res.statusCode, `${role} ${field}: ${res.body}`).toBe(403);
          expect(res.json().code).toBe('field_not_writable');
          expect(await snapshotDigest(t.db)).toEqual(before);
        }
      },
    );
  });
});

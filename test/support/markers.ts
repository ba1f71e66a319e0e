import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { asSystem } from '../../src/db/tenant.ts';
import { sendMails } from '../../src/modules/mail/mail.service.ts';
import { personBody, type TestApp } from './app.ts';
import type { DatabaseKind } from './database.ts';

/**
 * Planting a unique marker in every personal field of every table that can hold data about a person,
 * for the Art. 15 completeness test (every marker must show up in the access export) and the Art. 17
 * erasure test (no marker may survive, except the retained billing fields).
 *
 * Data-driven: MARKER_SPOTS is the one list of where a marker goes. `plantMarkers` fills every spot
 * and throws if a spot in the list was not planted or a planted one is missing from the list, so the
 * list and the planting cannot drift apart.
 */

/** What a marker looks like: free text, or a value that must fit a format (e-mail, phone, date). */
export type MarkerKind = 'text' | 'email' | 'phone' | 'date';

export type MarkerSpot = {
  /** `table.column`, with `#variant` where one column gets several markers (e.g. inbound/outbound) */
  key: string;
  table: string;
  column: string;
  kind: MarkerKind;
  /** Art. 20: the person provided it, so it belongs in the portability export */
  portable: boolean;
  /** Art. 17: billing data an erasure keeps (restricted) during the invoice's retention period */
  retainedOnErasure: boolean;
  /** short code inside the marker text, so markers fit short columns (postal code: 20 characters) */
  code: string;
};

const spot = (
  key: string,
  code: string,
  options: { kind?: MarkerKind; portable?: boolean; retained?: boolean } = {},
): MarkerSpot => {
  const [tableColumn] = key.split('#') as [string];
  const [table, column] = tableColumn.split('.') as [string, string];
  return {
    key,
    table,
    column,
    code,
    kind: options.kind ?? 'text',
    portable: options.portable ?? false,
    retainedOnErasure: options.retained ?? false,
  };
};

export const MARKER_SPOTS: readonly MarkerSpot[] = [
  // the person: identity, contact, address, free text, health data (Art. 9)
  spot('persons.first_name', 'fn', { portable: true }),
  spot('persons.last_name', 'ln', { portable: true }),
  spot('persons.email', 'em', { kind: 'email', portable: true }),
  spot('persons.phone', 'ph', { kind: 'phone', portable: true }),
  spot('persons.birth_date', 'bd', { kind: 'date', portable: true }),
  spot('persons.job_title', 'jt', { portable: true }),
  spot('persons.street', 'st', { portable: true }),
  spot('persons.postal_code', 'pc', { portable: true }),
  spot('persons.city', 'ci', { portable: true }),
  spot('persons.notes', 'no'),
  spot('persons.accessibility_needs', 'an'),
  spot('persons.source_detail', 'sd'),
  // the organisation the person is linked to
  spot('organizations.name', 'on'),
  // tags on the person
  spot('tags.name', 'tg'),
  // interactions: what the person sent (inbound) and what we sent or noted
  spot('interactions.subject#inbound', 'is', { portable: true }),
  spot('interactions.body#inbound', 'ib', { portable: true }),
  spot('interactions.subject#outbound', 'os'),
  spot('interactions.body#outbound', 'ob'),
  // service cases and their thread
  spot('cases.subject', 'cs'),
  spot('case_messages.body#inbound', 'mi', { portable: true }),
  spot('case_messages.body#outbound', 'mo'),
  spot('case_messages.body#internal', 'mn'),
  // sales
  spot('deals.title', 'dt'),
  spot('deals.lost_reason', 'dl'),
  spot('quote_lines.description', 'ql'),
  spot('orders.external_ref', 'oe', { portable: true }),
  spot('order_lines.description', 'ol', { portable: true }),
  // billing (kept, restricted, through the retention period after an erasure)
  spot('invoices.billing_name', 'bn', { retained: true }),
  spot('invoices.billing_street', 'bs', { retained: true }),
  spot('invoices.billing_postal_code', 'bp', { retained: true }),
  spot('invoices.billing_city', 'bc', { retained: true }),
  spot('invoices.billing_email', 'be', { kind: 'email', retained: true }),
  spot('invoice_lines.description', 'il', { retained: true }),
  // an invoice imported from the ERP: the import batch is the source of the data
  spot('invoices.billing_name#import', 'bi', { retained: true }),
  spot('invoice_lines.description#import', 'ii', { retained: true }),
  spot('import_batches.file_name', 'fi'),
  // work items
  spot('tasks.title', 'tt'),
  // Art. 19 disclosure log
  spot('disclosures.note', 'dn'),
  // earlier data subject requests and field locks
  spot('dsr_requests.requester_note', 'rn'),
  spot('field_locks.reason', 'fl'),
  // issue 6: the consent ledger (the address it was given for, the staff note as proof), the mails
  // sent to the person (by person id, and to their address without one), their sign-ups (one
  // confirmed and linked to them, one pending for their e-mail address)
  spot('consents.address', 'ca', { kind: 'email' }),
  spot('consents.proof', 'cp'),
  spot('outbound_mails.to_address', 'ma', { kind: 'email' }),
  spot('outbound_mails.subject', 'ms'),
  spot('outbound_mails.body_text', 'mb'),
  spot('outbound_mails.subject#by_address', 'mx'),
  spot('consent_signups.email', 'se', { kind: 'email' }),
  spot('consent_signups.first_name', 'sf'),
  // issue 8: a duplicate merged into the person; the merge record keeps its provenance (ADR 0030)
  spot('person_merges.provenance', 'pv'),
  // issue 8: a web form submission accepted into the person (sealed under their key)
  spot('web_form_submissions.values_enc', 'wf'),
];

export type PlantedMarker = MarkerSpot & { value: string };

export type PlantedPerson = {
  personId: string;
  /** one entry per spot of MARKER_SPOTS, with the value as stored (read back through the API) */
  markers: PlantedMarker[];
  /** key → value */
  byKey: Record<string, string>;
  ids: {
    organizationId: string;
    tagId: string;
    interactionIds: string[];
    caseId: string;
    dealId: string;
    quoteId: string;
    orderId: string;
    invoiceIds: string[];
    importBatchId: string;
    taskId: string;
    recipientId: string;
    disclosureId: string;
    requestId: string;
  };
};

export type PlantedMarkers = PlantedPerson & {
  otherPersonId: string;
  /** the second person's markers: none of them may appear in the first person's export */
  other: PlantedPerson;
};

const API = '/api/v1';

/** Birth dates of the planted persons, never repeated within a process (the leak check needs that). */
const usedBirthDates = new Set<string>();
const uniqueBirthDate = () => {
  for (;;) {
    const d = new Date(Date.UTC(1935 + randomInt(60), randomInt(12), 1 + randomInt(28)));
    const iso = d.toISOString().slice(0, 10);
    if (!usedBirthDates.has(iso)) {
      usedBirthDates.add(iso);
      return iso;
    }
  }
};

/** The marker value for one spot, unique per run: MK-<8 hex>-<code> (or a valid e-mail/phone/date). */
const markerValue = (run: string, s: MarkerSpot) => {
  switch (s.kind) {
    case 'email':
      return `mk-${run}-${s.code}@example.de`;
    case 'phone':
      // digits only; the run's hex is turned into decimal digits
      return `+49 30 ${Number.parseInt(run.slice(0, 7), 16).toString().padStart(9, '0')}`;
    case 'date':
      return uniqueBirthDate();
    default:
      return `MK-${run}-${s.code}`;
  }
};

/**
 * Creates one person through the real HTTP API with a marker in every spot of MARKER_SPOTS, and a
 * second person with markers of their own. Uses a DPO (the only role that may write health data) and
 * the admin (tags, recipients, invoice import). Everything goes through the HTTP API, so the rows
 * are exactly what the application writes (sealed where it seals).
 */
export const plantMarkers = async (t: TestApp, _kind: DatabaseKind): Promise<PlantedMarkers> => {
  const dpo = (await t.userWithToken({ role: 'dpo' })).token;
  const first = await plantOne(t, dpo);
  const other = await plantOne(t, dpo);
  return { ...first, otherPersonId: other.personId, other };
};

const plantOne = async (t: TestApp, dpo: string): Promise<PlantedPerson> => {
  const run = randomBytes(4).toString('hex');
  const wanted = new Map(MARKER_SPOTS.map((s) => [s.key, markerValue(run, s)]));
  const planted = new Map<string, string>();
  /** The marker for a spot; the spot counts as planted with the stored value `stored` (default: as sent). */
  const m = (key: string) => {
    const value = wanted.get(key);
    if (value === undefined) throw new Error(`markers: ${key} is not in MARKER_SPOTS`);
    planted.set(key, value);
    return value;
  };
  const call = async (token: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
    const res = await t.call(token, { method, url: `${API}${url}`, body: body as object | undefined });
    if (res.statusCode >= 300) throw new Error(`markers: ${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const post = (url: string, body: unknown, token = dpo) => call(token, 'POST', url, body);

  const organization = await post('/organizations', { name: m('organizations.name') });
  const tag = await post('/tags', { name: m('tags.name') }, t.adminToken);
  const person = await post(
    '/persons',
    personBody({
      firstName: m('persons.first_name'),
      lastName: m('persons.last_name'),
      email: m('persons.email'),
      phone: m('persons.phone'),
      birthDate: m('persons.birth_date'),
      jobTitle: m('persons.job_title'),
      address: {
        street: m('persons.street'),
        postalCode: m('persons.postal_code'),
        city: m('persons.city'),
        country: 'DE',
      },
      notes: m('persons.notes'),
      accessibilityNeeds: m('persons.accessibility_needs'),
      specialCategoryBasis: 'explicit_consent',
      source: { kind: 'business_card', detail: m('persons.source_detail') },
      organizationId: organization.id,
      tagIds: [tag.id],
    }),
  );
  const personId: string = person.id;
  // record what the API stored (e.g. a normalised phone number)
  planted.set('persons.email', person.email);
  planted.set('persons.phone', person.phone);
  planted.set('persons.birth_date', person.birthDate);
  // issue 8: a duplicate of the person, merged into it (before any open request, which refuses merges)
  const duplicate = await post(
    '/persons',
    personBody({
      firstName: person.firstName,
      lastName: person.lastName,
      email: undefined,
      phone: undefined,
      source: { kind: 'business_card', detail: m('person_merges.provenance') },
    }),
  );
  await post('/persons/merge', {
    survivorId: personId,
    mergedId: duplicate.id,
    survivorVersion: person.version,
    mergedVersion: duplicate.version,
  });

  const inbound = await post(`/persons/${personId}/interactions`, {
    kind: 'email',
    direction: 'inbound',
    occurredAt: '2026-01-15T10:00:00Z',
    subject: m('interactions.subject#inbound'),
    body: m('interactions.body#inbound'),
  });
  const outbound = await post(`/persons/${personId}/interactions`, {
    kind: 'call',
    direction: 'outbound',
    occurredAt: '2026-01-16T10:00:00Z',
    subject: m('interactions.subject#outbound'),
    body: m('interactions.body#outbound'),
  });

  const kase = await post('/cases', {
    personId,
    channel: 'email',
    category: 'complaint',
    subject: m('cases.subject'),
    message: m('case_messages.body#inbound'),
  });
  await post(`/cases/${kase.id}/messages`, { direction: 'outbound', body: m('case_messages.body#outbound') });
  await post(`/cases/${kase.id}/messages`, { direction: 'internal', body: m('case_messages.body#internal') });

  const stages: { id: string; outcome: string }[] = (await call(dpo, 'GET', '/pipeline/stages')).items;
  const lostStage = stages.find((s) => s.outcome === 'lost');
  if (!lostStage) throw new Error('markers: no lost stage');
  const deal = await post('/deals', { title: m('deals.title'), personId, value: '1000.00' });
  await post(`/deals/${deal.id}/move`, {
    stageId: lostStage.id,
    version: deal.version,
    lostReason: m('deals.lost_reason'),
  });

  const line = (description: string) => ({
    product: 'Beratung',
    description,
    quantity: '1',
    unitPrice: '100.00',
    taxRate: '19',
  });
  const quote = await post('/quotes', { personId, lines: [line(m('quote_lines.description'))] });
  const order = await post('/orders', {
    personId,
    externalRef: m('orders.external_ref'),
    lines: [line(m('order_lines.description'))],
  });
  const invoice = await post('/invoices', {
    personId,
    issuedAt: '2026-02-01',
    dueAt: '2026-02-15',
    lines: [line(m('invoice_lines.description'))],
    billing: {
      name: m('invoices.billing_name'),
      street: m('invoices.billing_street'),
      postalCode: m('invoices.billing_postal_code'),
      city: m('invoices.billing_city'),
      country: 'DE',
      email: m('invoices.billing_email'),
    },
  });

  // an ERP import whose row is matched to the person by e-mail: the batch is a source of their data
  const csv = [
    'Belegnummer;Belegdatum;E-Mail;Rechnungsname;Artikel;Beschreibung;Menge;Einzelpreis;USt-Satz',
    `RE-${run};10.03.2026;${person.email};${m('invoices.billing_name#import')};Fachbuch;${m('invoice_lines.description#import')};1;24,90;7`,
  ].join('\r\n');
  const imported = await post(
    '/invoices/import',
    {
      fileName: `${m('import_batches.file_name')}.csv`,
      csv,
      mapping: {
        number: 'Belegnummer',
        issuedAt: 'Belegdatum',
        customerEmail: 'E-Mail',
        billingName: 'Rechnungsname',
        product: 'Artikel',
        description: 'Beschreibung',
        quantity: 'Menge',
        unitPrice: 'Einzelpreis',
        taxRate: 'USt-Satz',
      },
      options: { delimiter: ';', decimal: ',', dateFormat: 'DD.MM.YYYY' },
    },
    t.adminToken,
  );
  const importedInvoices: { items: { id: string }[] } = await call(
    dpo,
    'GET',
    `/invoices?personId=${personId}&pageSize=100`,
  );
  const importedInvoiceIds = importedInvoices.items.map((i) => i.id).filter((id) => id !== invoice.id);

  const task = await post('/tasks', { title: m('tasks.title'), dueAt: '2026-03-01T09:00:00Z', personId });

  // Art. 19 disclosure log
  const recipientId: string = (
    await post(
      '/recipients',
      { name: `Versanddienst ${run}`, kind: 'processor', country: 'DE' },
      t.adminToken,
    )
  ).id;
  const disclosureId: string = (
    await post(`/persons/${personId}/disclosures`, {
      recipientId,
      categories: ['identity', 'address'],
      purpose: 'Versand',
      disclosedAt: '2026-02-02T08:00:00Z',
      note: m('disclosures.note'),
    })
  ).id;

  // an earlier request of the person, with a note about the requester (sealed)
  const requestId: string = (
    await post('/requests', {
      type: 'rectification',
      personId,
      channel: 'letter',
      receivedAt: '2026-02-03T09:00:00Z',
      requester: { note: m('dsr_requests.requester_note') },
    })
  ).id;

  // a field lock with its reason (on photo, so no planted value is emptied by the lock)
  await call(dpo, 'PUT', `/persons/${personId}/field-locks/photo`, { reason: m('field_locks.reason') });

  // issue 6: a consent recorded by staff, on a wording version of the tenant
  const wording = await post('/consent-wordings', {
    purposeId: 'newsletter',
    channel: 'email',
    language: 'de',
    text: 'Ja, ich möchte den Newsletter per E-Mail erhalten. Widerruf jederzeit.',
    advertiser: 'Muster GmbH',
  });
  await post(`/persons/${personId}/consents`, {
    purposeId: 'newsletter',
    channel: 'email',
    wordingId: wording.id,
    method: 'in_person',
    givenAt: '2026-02-04T09:00:00Z',
    address: m('consents.address'),
    proof: { note: m('consents.proof') },
  });
  // mails: one to the person (with their id), one to their address only (no SMTP: outbox and .eml)
  await sendMails(t.ctx, {
    tenantId: t.tenantId,
    mails: [
      {
        kind: 'notice',
        personId,
        to: m('outbound_mails.to_address'),
        subject: m('outbound_mails.subject'),
        text: m('outbound_mails.body_text'),
      },
      { kind: 'notice', to: person.email, subject: m('outbound_mails.subject#by_address'), text: 'Hinweis' },
    ],
  });
  // sign-ups (the signups module writes these from the public form): a confirmed one linked to the
  // person, and a pending one for their e-mail address
  await asSystem(t.db.kysely, async (tx) => {
    const formId = randomUUID();
    await tx
      .insertInto('consent_forms')
      .values({ id: formId, tenant_id: t.tenantId, name: 'Marker', purpose_id: 'newsletter', language: 'de' })
      .execute();
    const signup = (email: string, firstName: string | null, linked: boolean) => ({
      tenant_id: t.tenantId,
      form_id: formId,
      wording_id: wording.id,
      email: email.toLowerCase(),
      first_name: firstName,
      language: 'de' as const,
      requested_at: new Date('2026-02-05T09:00:00Z'),
      token_hash: randomBytes(32).toString('hex'),
      expires_at: new Date('2026-02-07T09:00:00Z'),
      confirmed_at: linked ? new Date('2026-02-05T10:00:00Z') : null,
      person_id: linked ? personId : null,
    });
    await tx
      .insertInto('consent_signups')
      .values([
        signup(m('consent_signups.email'), null, true),
        signup(person.email, m('consent_signups.first_name'), false),
      ])
      .execute();
  });

  // issue 8: a contact form sent by the person and accepted into them (matched by e-mail)
  const webForm = await post(
    '/web-forms',
    {
      kind: 'contact',
      name: `Kontakt ${run}`,
      purposeId: 'customer_service',
      legalBasis: 'contract',
      retentionDays: 30,
      fields: [
        {
          key: 'email',
          label: { de: 'E-Mail', en: 'E-mail' },
          type: 'email',
          required: true,
          maps: 'email',
          category: 'contact',
        },
        {
          key: 'position',
          label: { de: 'Position', en: 'Position' },
          type: 'text',
          required: false,
          maps: 'jobTitle',
          category: 'identity',
        },
      ],
    },
    t.adminToken,
  );
  const sent = await t.app.inject({
    method: 'POST',
    url: `${API}/public/web-forms/${webForm.publicToken}`,
    payload: { email: person.email, position: m('web_form_submissions.values_enc') },
  });
  if (sent.statusCode !== 201) throw new Error(`markers: web form → ${sent.statusCode} ${sent.body}`);
  const inbox = await call(t.adminToken, 'GET', `/web-forms/${webForm.id}/submissions`);
  await post(`/web-forms/submissions/${inbox.items[0].id}/accept`, {}, t.adminToken);

  const missing = MARKER_SPOTS.filter((s) => !planted.has(s.key)).map((s) => s.key);
  if (missing.length > 0) throw new Error(`markers: spots not planted: ${missing.join(', ')}`);
  const markers = MARKER_SPOTS.map((s) => ({ ...s, value: planted.get(s.key) as string }));
  return {
    personId,
    markers,
    byKey: Object.fromEntries(markers.map((x) => [x.key, x.value])),
    ids: {
      organizationId: organization.id,
      tagId: tag.id,
      interactionIds: [inbound.id, outbound.id],
      caseId: kase.id,
      dealId: deal.id,
      quoteId: quote.id,
      orderId: order.id,
      invoiceIds: [invoice.id, ...importedInvoiceIds],
      importBatchId: imported.batchId,
      taskId: task.id,
      recipientId,
      disclosureId,
      requestId,
    },
  };
};

/** The markers among `markers` that do not occur in `text` (case-insensitive: e-mail addresses may be lower-cased). */
export const markersMissingFrom = (text: string, markers: readonly PlantedMarker[]) => {
  const haystack = text.toLowerCase();
  return markers.filter((x) => !haystack.includes(x.value.toLowerCase())).map((x) => x.key);
};

/** The markers among `markers` that do occur in `text`. */
export const markersFoundIn = (text: string, markers: readonly PlantedMarker[]) => {
  const haystack = text.toLowerCase();
  return markers.filter((x) => haystack.includes(x.value.toLowerCase())).map((x) => x.key);
};

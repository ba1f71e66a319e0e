/**
 * One big customer for benchmarks (issues 4 and 5): a person of a customer organisation, created by the
 * persons service (which creates the data key), with 10,000 interactions (every third with a sealed
 * body), 500 invoices × 3 lines, 200 cases × 5 sealed messages, 30 deals, 50 orders and 10 tasks,
 * inserted set-based as the owner. `tag` keeps numbers unique when one tenant holds several.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inTenant } from '../src/db/tenant.ts';
import { sealValue, subjectKey } from '../src/modules/keys/keys.service.ts';
import { createPerson } from '../src/modules/persons/persons.service.ts';
import type { Actor, AppContext } from '../src/server/context.ts';

export const BIG_CUSTOMER = {
  interactions: 10_000,
  invoices: 500,
  linesPerInvoice: 3,
  cases: 200,
  messagesPerCase: 5,
};
export const BODY =
  'Kunde meldet sich wegen der Lieferung; Rückruf am Vormittag zugesagt, Unterlagen per E-Mail.';
const MESSAGE = 'Die gelieferte Ware ist beschädigt angekommen, bitte um Ersatz oder Gutschrift.';
const REFERENCE = Date.parse('2026-06-30T12:00:00Z');
const DAY = 86_400_000;

const chunks = <T>(list: T[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

export const seedBigCustomer = async (
  ctx: AppContext,
  {
    actor,
    groupId,
    tag,
    shape = BIG_CUSTOMER,
  }: { actor: Actor; groupId: string; tag: string; shape?: typeof BIG_CUSTOMER },
): Promise<{ personId: string; orgId: string }> => {
  const db = ctx.db.kysely;
  const tenantId = actor.tenantId;
  const admin = { id: actor.userId };
  const group = { id: groupId };
  const orgId = randomUUID();
  await db
    .insertInto('organizations')
    .values({
      id: orgId,
      tenant_id: tenantId,
      name: `Großkunde Bench AG ${tag}`,
      kind: 'customer',
      customer_group_id: group.id,
      customer_number: `K-BENCH-${tag}`,
    })
    .execute();
  const person = await createPerson(ctx, actor, {
    kind: 'customer',
    firstName: 'Berta',
    lastName: 'Bestandskundin',
    email: 'berta.bestandskundin@example.de',
    phone: '+49 30 5550100',
    notes: 'Ruft oft an; bevorzugt Rückruf am Vormittag.',
    organizationId: orgId,
    legalBasis: 'contract',
    purposes: ['sales', 'customer_service'],
    source: { kind: 'business_card', detail: 'Messe' },
  } as never);
  const personId = person.id as string;
  const dataKey = await inTenant(db, tenantId, (tx) => subjectKey(tx, ctx, tenantId, personId));
  if (!dataKey) throw new Error('the persons service created no data key');

  const kinds = ['call', 'email', 'meeting', 'chat', 'letter', 'note', 'social'];
  const interactions = Array.from({ length: shape.interactions }, (_, i) => {
    const id = randomUUID();
    const at = new Date(REFERENCE - Math.floor((i * 5 * 365 * DAY) / shape.interactions)).toISOString();
    return {
      id,
      kind: kinds[i % kinds.length],
      direction: i % 2 === 0 ? 'inbound' : 'outbound',
      at,
      subject: `Kontakt ${i + 1}`,
      body:
        i % 3 === 0
          ? sealValue(dataKey, { table: 'interactions', recordId: id, column: 'body' }, BODY)
          : null,
    };
  });
  for (const batch of chunks(interactions, 2_000))
    await sql`insert into interactions (id, tenant_id, person_id, organization_id, kind, direction, occurred_at, subject,
        body, employee_id, created_at)
      select r.id, ${tenantId}::uuid, ${personId}::uuid, ${orgId}::uuid, r.kind, r.direction, r.at, r.subject, r.body,
        ${admin.id}::uuid, r.at
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(id uuid, kind text, direction text,
        at timestamptz, subject text, body text)`.execute(db);

  // 500 invoices over five years with 3 lines each: the last 40 open (some overdue), every 25th cancelled
  const n = shape.invoices;
  await sql`insert into invoices (id, tenant_id, number, person_id, organization_id, customer_group_id, status, issued_at,
      due_at, paid_at, currency, net_total, tax_total, gross_total, billing_name, billing_city, billing_country,
      retention_rule, retain_until, created_by)
    select md5(${`bench-invoice:${tag}:`} || g)::uuid, ${tenantId}::uuid, ${`R-BENCH-${tag}-`} || lpad(g::text, 4, '0'), ${personId}::uuid,
      ${orgId}::uuid, ${group.id}::uuid,
      case when g > ${n - 40} then 'open' when g % 25 = 0 then 'cancelled' else 'paid' end,
      d.issued, d.issued + 30, case when g <= ${n - 40} and g % 25 <> 0 then d.issued + 20 end, 'EUR',
      300, 57, 357, 'Berta Bestandskundin', 'Berlin', 'DE', 'de_invoice_8y', date '2036-12-31', ${admin.id}::uuid
    from generate_series(1, ${n}) g
    cross join lateral (select date '2021-07-01' + (g * 1825 / ${n}) as issued) d`.execute(db);
  await sql`insert into invoice_lines (tenant_id, invoice_id, position, product, quantity, unit_price, tax_rate, net)
    select ${tenantId}::uuid, md5(${`bench-invoice:${tag}:`} || g)::uuid, k, 'Produkt ' || k, 1, 100, 19, 100
    from generate_series(1, ${n}) g cross join generate_series(1, ${shape.linesPerInvoice}) k`.execute(db);

  // 200 cases (the last 15 open), 5 messages each sealed under the customer's key
  const c = shape.cases;
  await sql`insert into cases (id, tenant_id, number, person_id, organization_id, channel, category, status, priority,
      subject, received_at, first_response_due_at, resolution_due_at, first_responded_at, resolved_at, closed_at,
      assignee_id, created_by)
    select md5(${`bench-case:${tag}:`} || g)::uuid, ${tenantId}::uuid, ${`F-BENCH-${tag}-`} || lpad(g::text, 4, '0'), ${personId}::uuid,
      ${orgId}::uuid, 'phone', (array['complaint','question','defect','return','billing','other'])[1 + g % 6],
      case when g > ${c - 15} then 'open' else 'closed' end, (array['low','normal','high','urgent'])[1 + g % 4],
      'Reklamation ' || g, t.at, t.at + interval '4 hours', t.at + interval '3 days', t.at + interval '1 hour',
      case when g <= ${c - 15} then t.at + interval '2 days' end, case when g <= ${c - 15} then t.at + interval '3 days' end,
      ${admin.id}::uuid, ${admin.id}::uuid
    from generate_series(1, ${c}) g
    cross join lateral (select timestamptz '2021-07-01 09:00:00+00' + (g * 1825 / ${c}) * interval '1 day' as at) t`.execute(
    db,
  );
  const caseIds = (
    await sql<{
      id: string;
      g: number;
    }>`select md5(${`bench-case:${tag}:`} || g)::uuid as id, g from generate_series(1, ${c}) g`.execute(db)
  ).rows;
  const messages = caseIds.flatMap(({ id: caseId, g }) =>
    Array.from({ length: shape.messagesPerCase }, (_, k) => {
      const id = randomUUID();
      return {
        id,
        case_id: caseId,
        direction: k % 2 === 0 ? 'inbound' : 'outbound',
        body: sealValue(dataKey, { table: 'case_messages', recordId: id, column: 'body' }, MESSAGE) as string,
        at: new Date(Date.parse('2021-07-01T09:00:00Z') + g * DAY + k * 3_600_000).toISOString(),
      };
    }),
  );
  for (const batch of chunks(messages, 1_000))
    await sql`insert into case_messages (id, tenant_id, case_id, direction, body, author_id, created_at)
      select r.id, ${tenantId}::uuid, r.case_id, r.direction, r.body, ${admin.id}::uuid, r.at
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(id uuid, case_id uuid, direction text, body text,
        at timestamptz)`.execute(db);

  // deals, orders and tasks of the customer
  const stages = await db
    .selectFrom('pipeline_stages')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .orderBy('position')
    .execute();
  await sql`insert into deals (tenant_id, title, person_id, organization_id, stage_id, value, probability, owner_id, created_by)
    select ${tenantId}::uuid, 'Projekt ' || g, ${personId}::uuid, ${orgId}::uuid, (${stages.map((s) => s.id)}::uuid[])[1 + g % 4],
      1000 * g, 25, ${admin.id}::uuid, ${admin.id}::uuid
    from generate_series(1, 30) g`.execute(db);
  await sql`insert into orders (tenant_id, number, person_id, organization_id, status, ordered_at, net_total, tax_total,
      gross_total, created_by)
    select ${tenantId}::uuid, ${`A-BENCH-${tag}-`} || g, ${personId}::uuid, ${orgId}::uuid,
      case when g > 45 then 'open' else 'fulfilled' end, date '2021-07-01' + g * 36, 300, 57, 357, ${admin.id}::uuid
    from generate_series(1, 50) g`.execute(db);
  await sql`insert into tasks (tenant_id, title, due_at, status, assignee_id, person_id, created_by)
    select ${tenantId}::uuid, 'Rückruf ' || g, timestamptz '2026-07-01 09:00:00+00' + g * interval '1 day', 'open',
      ${admin.id}::uuid, ${personId}::uuid, ${admin.id}::uuid
    from generate_series(1, 10) g`.execute(db);
  return { personId, orgId };
};

import type { Browser, Page } from 'playwright-core';
import { asSystem } from '../../src/db/tenant.ts';
import { createToken } from '../../src/modules/tokens/tokens.service.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import type { startE2eServer } from './server.ts';
import { newPage, submitPassword } from './session.ts';

type E2eServer = Awaited<ReturnType<typeof startE2eServer>>;
export type DpoCredentials = { email: string; password: string; displayName: string };

/**
 * The starting point of the DPO workflows: a DPO user and one customer (created through the API with
 * an admin token, as a colleague would have entered them). Returns the person's id.
 */
export const seedDpoAndPerson = async (
  server: E2eServer,
  { dpo, person }: { dpo: DpoCredentials; person: Record<string, unknown> },
): Promise<string> => {
  const { tenantId, adminId } = await asSystem(server.ctx.db.kysely, async (tx) => ({
    tenantId: (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
    adminId: (await tx.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
  }));
  await createUser(server.ctx, { tenantId, input: { ...dpo, role: 'dpo', departmentIds: [] } });
  const { token } = await createToken(server.ctx, { tenantId, userId: adminId, name: 'e2e seed' });
  const res = await fetch(`${server.url}/api/v1/persons`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'customer',
      legalBasis: 'contract',
      purposes: ['sales'],
      source: { kind: 'business_card', detail: 'Messe' },
      ...person,
    }),
  });
  if (res.status !== 201) throw new Error(`seed person: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
};

/** Logs the DPO in (German UI) and waits until the requests inbox is in the navigation. */
export const logInAsDpo = async (browser: Browser, server: E2eServer, dpo: DpoCredentials): Promise<Page> => {
  const page = await newPage(browser, server.url, 'de');
  await submitPassword(page, 'de', dpo);
  await page.getByRole('link', { name: 'Betroffenenanfragen', exact: true }).waitFor();
  return page;
};

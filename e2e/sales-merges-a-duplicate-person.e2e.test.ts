import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { adminApi, seedCustomer } from './support/privacy-portal.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword } from './support/session.ts';

const SALES = {
  email: 'vertrieb@example.de',
  password: 'dubletten zusammenführen 2026',
  displayName: 'Viktor Vertrieb',
};

describe.runIf(browserAvailable())(
  'sales finds the same customer twice, picks the newer phone number from the second record and merges them',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let firstId: string;
    let secondId: string;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const tenantId = (
        await asSystem(server.ctx.db.kysely, (tx) =>
          tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow(),
        )
      ).id;
      await createUser(server.ctx, { tenantId, input: { ...SALES, role: 'sales', departmentIds: [] } });
      const api = await adminApi(server);
      firstId = (
        await seedCustomer(api, {
          firstName: 'Jürgen',
          lastName: 'Müller',
          email: 'juergen.mueller@example.de',
          phone: '+49 30 1111111',
          address: { street: 'Hauptstr. 5', postalCode: '10115', city: 'Berlin' },
        })
      ).id;
      secondId = (
        await seedCustomer(api, {
          firstName: 'Juergen',
          lastName: 'Mueller',
          email: 'juergen.mueller@example.de',
          phone: '+49 30 2222222',
          address: { street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin' },
        })
      ).id;
      for (const [id, subject] of [
        [firstId, 'Beratung Bürostuhl'],
        [secondId, 'Rückruf wegen Lieferung'],
      ] as const)
        await api.call('POST', `/persons/${id}/interactions`, {
          kind: 'call',
          occurredAt: '2026-02-01T10:00:00Z',
          subject,
        });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('opens the duplicates, compares, picks a field, merges and sees both interactions on the survivor', async () => {
      const page = await newPage(browser, server.url, 'de');
      await submitPassword(page, 'de', SALES);
      await page.getByTestId('nav-duplicates').click();
      await page.waitForURL((url) => url.pathname === '/duplicates');
      await page.getByTestId('duplicates-scan').click();
      const row = page.getByTestId('duplicate-row');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      expect(await row.first().textContent()).toContain('Nachname: gleich');

      await row.first().getByTestId('duplicate-compare').click();
      await page.getByTestId('merge-field-phone').waitFor();
      // the suggested survivor is whichever record sorts first; keep the Müller record, take the phone of the other
      const url = new URL(page.url());
      if (url.searchParams.get('survivorId') !== firstId) {
        await page.getByTestId('merge-swap').click();
        await page.waitForURL((u) => u.searchParams.get('survivorId') === firstId);
        await page.getByTestId('merge-field-phone').waitFor();
      }
      await page.getByTestId('merge-phone-merged').check();
      await page.getByTestId('merge-button').click();
      await page.getByTestId('confirm').click();

      await page.waitForURL((u) => u.pathname === `/persons/${firstId}`);
      await page.getByText('Rückruf wegen Lieferung').first().waitFor();
      await page.getByText('Beratung Bürostuhl').first().waitFor();
      await page.getByText('+49302222222').first().waitFor();

      const left = await asSystem(server.ctx.db.kysely, (tx) =>
        tx.selectFrom('persons').select('id').where('id', 'in', [firstId, secondId]).execute(),
      );
      expect(left.map((p) => p.id)).toEqual([firstId]);
      await page.context().close();
    });
  },
);

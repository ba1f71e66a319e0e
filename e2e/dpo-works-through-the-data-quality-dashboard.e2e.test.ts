import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo, seedDpoAndPerson } from './support/dpo.ts';
import { adminApi, seedCustomer } from './support/privacy-portal.ts';
import { startE2eServer } from './support/server.ts';

const DPO = { email: 'dsb@example.de', password: 'richtigkeit jederzeit', displayName: 'Dora Datenschutz' };

describe.runIf(browserAvailable())(
  'the data protection officer opens the data quality dashboard, finds an invalid e-mail address and a person nobody has confirmed for years, and marks that person verified',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let staleId: string;
    let brokenId: string;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      staleId = await seedDpoAndPerson(server, {
        dpo: DPO,
        person: {
          firstName: 'Otto',
          lastName: 'Altbestand',
          email: 'otto@example.de',
          phone: '+49 30 1234567',
        },
      });
      const api = await adminApi(server);
      brokenId = (
        await seedCustomer(api, {
          firstName: 'Berta',
          lastName: 'Tippfehler',
          email: 'berta@example.de',
          phone: '+49 30 7654321',
        })
      ).id;
      // an old import: the address was stored with a typo, and Otto was collected in 2019 and never touched since
      await asSystem(server.ctx.db.kysely, async (tx) => {
        await sql`update persons set email = 'berta..tippfehler@example.de' where id = ${brokenId}`.execute(
          tx,
        );
        await sql`update persons set collected_at = '2019-05-01T00:00:00Z' where id = ${staleId}`.execute(tx);
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const staleCount = (page: Page) => page.getByTestId('quality-stale-count').getAttribute('data-count');

    it('from the figures to the lists, to the person, and verified', async () => {
      const page = await logInAsDpo(browser, server, DPO);
      await page.getByRole('link', { name: 'Datenqualität', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/data-quality');
      await expect.poll(() => staleCount(page)).toBe('1');
      expect(await page.getByTestId('quality-persons').textContent()).toBe('2 Personen');

      // the contact data row: one invalid address; its list names the person and what is wrong, not the value
      await page.getByTestId('quality-invalid-contact').click();
      const list = page.getByTestId('quality-list');
      await list.getByText('E-Mail: E-Mail-Adresse ungültig').waitFor();
      expect(await list.textContent()).toContain('Berta Tippfehler');
      expect(await list.textContent()).not.toContain('berta..tippfehler');

      // the stale list: Otto, last confirmed when collected in 2019; the DPO called him and marks him verified
      await page.getByTestId('quality-stale-list').click();
      await list.getByText('Otto Altbestand').waitFor();
      expect(await list.textContent()).toContain('zuletzt bestätigt am 01.05.2019');
      await list.getByTestId('quality-mark-verified').click();
      await expect.poll(() => staleCount(page)).toBe('0');

      // the link in a list leads to the person
      await page.getByTestId('quality-invalid-contact').click();
      await list.getByRole('link', { name: 'Berta Tippfehler' }).click();
      await page.waitForURL((url) => url.pathname === `/persons/${brokenId}`);

      const verified = await asSystem(server.ctx.db.kysely, (tx) =>
        sql<{ verified_at: Date | null }>`select verified_at from persons where id = ${staleId}`.execute(tx),
      );
      expect(verified.rows[0]?.verified_at).toBeInstanceOf(Date);
      await page.context().close();
    });
  },
);

import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo, seedDpoAndPerson } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = { email: 'dsb@example.de', password: 'rechenschaft jederzeit', displayName: 'Dora Datenschutz' };

describe.runIf(browserAvailable())(
  'the data protection officer sees the self-check green on a clean installation, red on a person without a fitting legal basis, fixes the person and sees it green again',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let personId: string;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      personId = await seedDpoAndPerson(server, {
        dpo: DPO,
        person: { firstName: 'Anna', lastName: 'Rechnungsempfängerin', email: 'anna@example.de' },
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const status = (page: Page) => page.getByTestId('self-check-status');
    const card = (page: Page) => page.getByTestId('self-check-card-person_without_purpose');
    const failingCards = (page: Page) =>
      page
        .locator('[data-testid^="self-check-card-"]')
        .evaluateAll((cards) =>
          cards
            .filter((c) => (c as HTMLElement).dataset.count !== '0')
            .map((c) => (c as HTMLElement).dataset.testid),
        );

    it('green, red with the one check and the person linked, fixed in the person form, green again', async () => {
      // 1. a clean installation: the dashboard is green, every check passes
      const page = await logInAsDpo(browser, server, DPO);
      await page.getByRole('link', { name: 'Rechenschaft', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/accountability');
      await expect.poll(() => status(page).getAttribute('data-status')).toBe('ok');
      expect(await status(page).textContent()).toContain('Alles in Ordnung');
      expect(await failingCards(page)).toEqual([]);
      expect(await card(page).getByTestId('self-check-count').textContent()).toBe('In Ordnung');

      // 2. a faulty import leaves the person under a basis the purpose does not allow (billing needs a
      //    contract or a legal obligation, not legitimate interests)
      await asSystem(server.ctx.db.kysely, (tx) =>
        sql`update persons set legal_basis = 'legitimate_interest', purposes = array['billing'] where id = ${personId}`.execute(
          tx,
        ),
      );
      await page.getByRole('button', { name: 'Erneut prüfen' }).click();
      await expect.poll(() => status(page).getAttribute('data-status')).toBe('violations');
      expect(await status(page).textContent()).toContain('1 Prüfung findet Verstöße');
      expect(await failingCards(page)).toEqual(['self-check-card-person_without_purpose']);
      expect(await card(page).getByTestId('self-check-count').textContent()).toBe('1 Verstoß');
      expect(await card(page).textContent()).toContain('Rechtsgrundlage passt nicht zum Zweck: 1');
      // named by id only, never by name
      expect(await card(page).textContent()).not.toContain('Rechnungsempfängerin');

      // 3. from the card to the person, where the DPO chooses the contract as the legal basis
      await card(page).getByTestId('self-check-ref').click();
      await page.waitForURL((url) => url.pathname === `/persons/${personId}`);
      await page.getByTestId('edit-person').click();
      const privacy = page.getByTestId('privacy-fieldset');
      await privacy.getByLabel('Rechtsgrundlage').selectOption('contract');
      await page.getByRole('button', { name: 'Speichern' }).click();
      await page.waitForURL((url) => url.pathname === `/persons/${personId}`);

      // 4. back on the dashboard, checked again: green
      await page.getByRole('link', { name: 'Rechenschaft', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/accountability');
      await page.getByRole('button', { name: 'Erneut prüfen' }).click();
      await expect.poll(() => status(page).getAttribute('data-status')).toBe('ok');
      expect(await failingCards(page)).toEqual([]);
      await page.context().close();
    });
  },
);

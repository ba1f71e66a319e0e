import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo, seedDpoAndPerson } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = {
  email: 'dsb@example.de',
  password: 'acht jahre ab jahresende',
  displayName: 'Dora Datenschutz',
};
const SUBJECT = { firstName: 'Klara', lastName: 'Klägerin', email: 'klara@example.de' };

describe.runIf(browserAvailable())(
  'the data protection officer maintains the deletion concept (DIN 66398): reads the invoice rule, cannot undercut the statutory minimum, places a legal hold on a person',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let personId: string;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      personId = await seedDpoAndPerson(server, { dpo: DPO, person: SUBJECT });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('sees 8 years from year end for invoices, is refused 5 years, and holds a person in a lawsuit', async () => {
      const page = await logInAsDpo(browser, server, DPO);

      // 1. the deletion concept from the accountability area: the invoice rule in matrix and catalogue
      await page.getByTestId('nav-accountability').click();
      await page.getByTestId('accountability-tab-deletionConcept').click();
      await page.waitForURL((url) => url.pathname === '/accountability/deletion-concept');
      const rule = page.getByTestId('rule-de_invoices');
      await rule.waitFor();
      expect(await rule.getByTestId('rule-period').textContent()).toBe('8 Jahre ab Jahresende');
      expect(await rule.textContent()).toContain('Rechnungen (Buchungsbelege)');
      expect(await page.getByTestId('matrix-cell-years_8_ye-collection').textContent()).toContain(
        'Rechnungen (Buchungsbelege)',
      );

      // 2. shortening it to 5 years is refused with the statutory minimum; nothing changes
      await rule.getByTestId('edit-de_invoices').click();
      const form = page.getByTestId('data-type-form');
      await form.getByLabel('Regellöschfrist').selectOption({ label: '5 Jahre' });
      await form.getByTestId('data-type-save').click();
      const refusal = form.getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('gesetzliche Aufbewahrungsfrist');
      expect(await refusal.textContent()).toContain('mindestens 8 Jahre ab Jahresende');
      await form.getByRole('button', { name: 'Abbrechen' }).click();
      await form.waitFor({ state: 'detached' });
      expect(await rule.getByTestId('rule-period').textContent()).toBe('8 Jahre ab Jahresende');

      // 3. the Austrian rules are one switch away
      await page.getByTestId('retention-jurisdiction').selectOption('AT');
      await page.getByTestId('rule-at_invoices').waitFor();
      expect(await page.getByTestId('rule-at_invoices').getByTestId('rule-period').textContent()).toBe(
        '7 Jahre ab Jahresende',
      );

      // 4. a legal hold on the person (lawsuit), placed from the person's page
      await page.goto(`/persons/${personId}`);
      await page.getByTestId('person-name').waitFor();
      await page.getByTestId('legal-hold-button').click();
      const hold = page.getByTestId('legal-hold-form');
      await hold.getByLabel('Grund').selectOption({ label: 'Rechtsstreit' });
      await hold.getByLabel('Aktenzeichen').fill('Az. 3 O 123/26');
      await hold.getByTestId('legal-hold-submit').click();
      await hold.waitFor({ state: 'detached' });
      await page.getByTestId('legal-hold-active').waitFor();

      // 5. … and it is in the list of active holds
      await page.getByTestId('legal-hold-active').click();
      await page.waitForURL((url) => url.pathname === '/accountability/legal-holds');
      const row = page.getByTestId('legal-holds-active').getByTestId('legal-hold-row');
      await row.waitFor();
      const text = await row.textContent();
      expect(text).toContain('Person: Klara Klägerin');
      expect(text).toContain('Rechtsstreit');
      expect(text).toContain('Az. 3 O 123/26');
      expect(text).toContain('Dora Datenschutz');
    });
  },
);

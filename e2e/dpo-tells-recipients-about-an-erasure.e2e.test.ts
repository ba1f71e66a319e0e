import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo, seedDpoAndPerson } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = {
  email: 'dsb@example.de',
  password: 'empfaenger muessen es erfahren',
  displayName: 'Dora Datenschutz',
};
const SUBJECT = {
  firstName: 'Berta',
  lastName: 'Briefkasten',
  email: 'berta@kunde.example',
  phone: '+49 30 5550123',
};
const PRINTER = 'Druckerei Schmidt GmbH';

describe.runIf(browserAvailable())(
  'the data protection officer tells recipients about an erasure (Art. 19): register a recipient, log a disclosure, erase the person, work through the open notification',
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

    const logIn = () => logInAsDpo(browser, server, DPO);

    it('the printer that got the address is on the worklist until the DPO confirms it was told', async () => {
      const page = await logIn();

      // 1. the recipients register (a settings tab): add the printing house as a processor
      await page.getByRole('link', { name: 'Einstellungen', exact: true }).click();
      await page.getByTestId('settings-recipients').click();
      await page.waitForURL((url) => url.pathname === '/settings/recipients');
      await page.getByText('Noch keine Empfänger erfasst.').waitFor();
      const form = page.getByTestId('recipient-form');
      await form.getByLabel('Name').fill(PRINTER);
      await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Auftragsverarbeiter' });
      await form.getByLabel('Land').fill('de');
      await form.getByLabel('Kontakt', { exact: true }).fill('datenschutz@druckerei-schmidt.example');
      await form.getByRole('button', { name: 'Empfänger anlegen' }).click();
      const row = page.getByTestId('recipient-row').filter({ hasText: PRINTER });
      await row.waitFor();
      expect(await row.textContent()).toContain('Auftragsverarbeiter');
      expect(await row.textContent()).toContain('DE');

      // 2. on the person's page: the catalogue went to the printer with contact and address data
      await page.goto(`/persons/${personId}`);
      await expect.poll(() => page.getByTestId('person-name').textContent()).toBe('Berta Briefkasten');
      const card = page.getByTestId('disclosures-card');
      await card.getByText('Keine Weitergaben erfasst.').waitFor();
      await card.getByRole('button', { name: 'Weitergabe erfassen' }).click();
      const disclosure = card.getByTestId('disclosure-form');
      await disclosure.getByLabel('Empfänger', { exact: true }).selectOption({ label: PRINTER });
      await disclosure.getByLabel('Kontaktdaten').check();
      await disclosure.getByLabel('Adressdaten').check();
      await disclosure.getByLabel('Zweck').fill('Versand des Jahreskatalogs');
      await disclosure.getByRole('button', { name: 'Weitergabe speichern' }).click();
      await disclosure.waitFor({ state: 'detached' });
      const logged = card.getByTestId('disclosure');
      await expect.poll(() => logged.count()).toBe(1);
      expect(await logged.getByTestId('disclosure-recipient').textContent()).toBe(PRINTER);
      const categories = (await logged.getByTestId('disclosure-categories').textContent()) ?? '';
      expect(categories).toContain('Kontaktdaten');
      expect(categories).toContain('Adressdaten');
      expect(await logged.textContent()).toContain('Versand des Jahreskatalogs');

      // 3. the person asks for erasure: record, verify, fulfil
      await page.getByTestId('person-new-request').click();
      await page.waitForURL(
        (url) => url.pathname === '/requests/new' && url.searchParams.get('personId') === personId,
      );
      const request = page.getByTestId('request-form');
      await expect
        .poll(() => request.getByTestId('request-person').inputValue())
        .toBe(`${SUBJECT.firstName} ${SUBJECT.lastName}`);
      await request.getByLabel('Art der Anfrage').selectOption('erasure');
      await request.getByLabel('Eingangsweg').selectOption('email');
      await page.getByTestId('request-submit').click();
      await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
      const requestPath = new URL(page.url()).pathname;
      const verification = page.getByTestId('verification-form');
      await verification.getByLabel('Methode').selectOption('known_email');
      await verification.getByLabel('Ergebnis').selectOption('passed');
      await page.getByTestId('verification-add').click();
      await expect.poll(() => page.getByTestId('identity-status').textContent()).toBe('Identität bestätigt');
      await page.getByTestId('request-fulfil').click();
      await page.getByRole('dialog', { name: 'Anfrage erfüllen?' }).getByTestId('confirm-fulfil').click();
      await expect
        .poll(() => page.getByTestId('request-status').getAttribute('data-status'))
        .toBe('completed');

      // 4. the worklist (from the inbox): one open notification, for the printer, of the erasure
      await page.getByRole('link', { name: 'Betroffenenanfragen', exact: true }).click();
      await page.getByRole('link', { name: 'Empfänger benachrichtigen' }).click();
      await page.waitForURL((url) => url.pathname === '/recipient-notifications');
      await page.getByRole('heading', { name: 'Empfänger-Benachrichtigungen (Art. 19)' }).waitFor();
      const open = page.getByTestId('worklist').getByTestId('notification');
      await expect.poll(() => open.count()).toBe(1);
      const text = (await open.textContent()) ?? '';
      expect(text).toContain(PRINTER);
      expect(text).toContain('Löschung');
      expect(text).toContain('seit heute');
      expect(await open.getByTestId('notification-status').textContent()).toBe('Offen');
      expect(await open.getByTestId('worklist-request').getAttribute('href')).toBe(requestPath);

      // 5. the printer confirmed the deletion: the notification leaves the open list
      await open.getByTestId('notification-note').fill('Löschung per E-Mail bestätigt');
      await open.getByRole('button', { name: 'Bestätigt', exact: true }).click();
      await page.getByText('Keine offenen Benachrichtigungen.').waitFor();
      expect(await page.getByTestId('notification').count()).toBe(0);

      // the request keeps the record: confirmed, with the note
      await page.goto(requestPath);
      const kept = page.getByTestId('notifications-card').getByTestId('notification');
      await expect.poll(() => kept.getAttribute('data-status')).toBe('confirmed');
      expect(await kept.textContent()).toContain('Löschung per E-Mail bestätigt');
      await page.context().close();
    });
  },
);

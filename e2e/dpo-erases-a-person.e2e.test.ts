import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo, seedDpoAndPerson } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = {
  email: 'dsb@example.de',
  password: 'vergessen werden ist ein recht',
  displayName: 'Dora Datenschutz',
};
const SUBJECT = {
  firstName: 'Egon',
  lastName: 'Löschmann',
  email: 'egon@kunde.example',
  phone: '+49 30 5550999',
};

describe.runIf(browserAvailable())(
  'the data protection officer erases a person (Art. 17): request from the person page, identity check, fulfil with confirmation, the person is gone',
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

    const searchPersons = async (page: Page, text: string) => {
      await page.goto('/persons');
      await page.getByLabel('Suche').fill(text);
    };

    it('erases the person so that the search no longer finds them', async () => {
      const page = await logIn();

      // find the person and record the erasure request from their page
      await searchPersons(page, 'Löschm');
      await page.getByTestId('person-link').filter({ hasText: SUBJECT.lastName }).click();
      await page.getByTestId('person-new-request').click();
      await page.waitForURL(
        (url) => url.pathname === '/requests/new' && url.searchParams.get('personId') === personId,
      );
      const form = page.getByTestId('request-form');
      await expect
        .poll(() => form.getByTestId('request-person').inputValue())
        .toBe(`${SUBJECT.firstName} ${SUBJECT.lastName}`);
      await form.getByLabel('Art der Anfrage').selectOption('erasure');
      await form.getByLabel('Eingangsweg').selectOption('letter');
      await page.getByTestId('request-submit').click();
      await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByTestId('request-title').textContent()).toBe('Löschung (Art. 17)');

      // identity: a call back on the known number
      const verification = page.getByTestId('verification-form');
      await verification.getByLabel('Methode').selectOption('callback');
      await verification.getByLabel('Ergebnis').selectOption('passed');
      await page.getByTestId('verification-add').click();
      await expect.poll(() => page.getByTestId('identity-status').textContent()).toBe('Identität bestätigt');

      // fulfil: the dialog says what the erasure does, cancelling changes nothing
      await page.getByTestId('request-fulfil').click();
      const dialog = page.getByRole('dialog', { name: 'Anfrage erfüllen?' });
      await dialog.waitFor();
      const description = (await dialog.textContent()) ?? '';
      expect(description).toContain('aus allen Tabellen gelöscht');
      expect(description).toContain('Datenschlüssel vernichtet');
      expect(description).toContain(
        'Rechnungen innerhalb der Aufbewahrungsfrist bleiben eingeschränkt erhalten',
      );
      await dialog.getByRole('button', { name: 'Abbrechen' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByTestId('request-status').getAttribute('data-status')).toBe('open');

      await page.getByTestId('request-fulfil').click();
      await page.getByRole('dialog', { name: 'Anfrage erfüllen?' }).getByTestId('confirm-fulfil').click();
      await expect
        .poll(() => page.getByTestId('request-status').getAttribute('data-status'))
        .toBe('completed');
      // the request stays as proof, without the person's name
      await expect.poll(() => page.getByTestId('request-person-name').textContent()).toBe('Person gelöscht');

      // the person search finds nobody, by name, e-mail or phone
      for (const text of ['Löschm', SUBJECT.email, '5550999']) {
        await searchPersons(page, text);
        await page.getByText('Keine Kontakte gefunden.').waitFor();
        expect(await page.getByTestId('person-link').count()).toBe(0);
      }
      // and the old address of the person page answers "not found"
      await page.goto(`/persons/${personId}`);
      await page.getByTestId('error-message').waitFor();
      expect(await page.getByTestId('person-name').count()).toBe(0);
      await page.context().close();
    });
  },
);

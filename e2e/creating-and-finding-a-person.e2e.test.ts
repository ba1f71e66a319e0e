import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { type Language, newPage, submitPassword } from './support/session.ts';

const UI = {
  de: {
    newContact: 'Neuer Kontakt',
    firstName: 'Vorname',
    lastName: 'Nachname',
    email: 'E-Mail',
    legalBasis: 'Rechtsgrundlage',
    source: 'Quelle',
    origin: 'Angaben zur Herkunft',
    purpose: 'Vertrieb',
    create: 'Kontakt anlegen',
    search: 'Suche',
    basisShown: 'Vertrag',
  },
  en: {
    newContact: 'New contact',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    legalBasis: 'Legal basis',
    source: 'Source',
    origin: 'Origin details',
    purpose: 'Sales',
    create: 'Create contact',
    search: 'Search',
    basisShown: 'Contract',
  },
} as const;

describe.runIf(browserAvailable())(
  'a sales employee records a new contact with its privacy facts and finds it again',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const logIn = async (language: Language): Promise<Page> => {
      const page = await newPage(browser, server.url, language);
      await submitPassword(page, language);
      await page.getByRole('link', { name: UI[language].newContact }).waitFor();
      return page;
    };

    for (const [language, lastName] of [
      ['de', 'Schwarzwälder'],
      ['en', 'Featherstonehaugh'],
    ] as const) {
      it(`creates a person with legal basis, purpose and source, then finds them by search (${language})`, async () => {
        const t = UI[language];
        const page = await logIn(language);
        await page.getByRole('link', { name: t.newContact }).click();

        // without the privacy facts the form refuses and says why
        await page.getByLabel(t.firstName, { exact: true }).fill('Greta');
        await page.getByLabel(t.lastName, { exact: true }).fill(lastName);
        await page.getByRole('button', { name: t.create }).click();
        await page.getByTestId('field-error').first().waitFor();
        expect(page.url()).toContain('/persons/new');

        await page.getByLabel(t.email, { exact: true }).fill(`greta.${language}@example.de`);
        const privacy = page.getByTestId('privacy-fieldset');
        await privacy.getByLabel(t.purpose, { exact: true }).check();
        await privacy.getByLabel(t.legalBasis).selectOption('contract');
        await privacy.getByLabel(t.source, { exact: true }).selectOption('business_card');
        await privacy.getByLabel(t.origin).fill('Hannover Messe 2026');
        await page.getByRole('button', { name: t.create }).click();

        await expect.poll(() => page.getByTestId('person-name').textContent()).toContain(lastName);
        await expect
          .poll(() => page.getByTestId('privacy-legal-basis').textContent())
          .toContain(t.basisShown);
        await expect.poll(() => page.getByTestId('privacy-purposes').textContent()).toContain(t.purpose);
        await expect
          .poll(() => page.getByTestId('privacy-source').textContent())
          .toContain('Hannover Messe 2026');

        await page.goto('/persons');
        await page.getByLabel(t.search).fill(lastName.slice(0, 7));
        const hit = page.getByTestId('person-link').filter({ hasText: lastName });
        await hit.waitFor();
        await hit.click();
        await expect.poll(() => page.getByTestId('person-name').textContent()).toContain('Greta');
        await page.context().close();
      });
    }

    it('keeps the chosen language after a reload', async () => {
      const page = await logIn('en');
      await page.reload();
      await page.getByRole('link', { name: UI.en.newContact }).waitFor();
      await page.context().close();
    });
  },
);

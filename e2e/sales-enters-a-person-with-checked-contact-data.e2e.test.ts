import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { type Language, newPage, submitPassword } from './support/session.ts';

const SALES = {
  email: 'sven.sales@example.de',
  password: 'correct horse battery staple',
  displayName: 'Sven Sales',
};

const UI = {
  de: {
    newContact: 'Neuer Kontakt',
    firstName: 'Vorname',
    lastName: 'Nachname',
    email: 'E-Mail',
    phone: 'Telefon',
    postalCode: 'PLZ',
    city: 'Ort',
    legalBasis: 'Rechtsgrundlage',
    source: 'Quelle',
    purpose: 'Vertrieb',
    create: 'Kontakt anlegen',
    invalidEmail: 'Keine gültige E-Mail-Adresse',
    disposable: 'Wegwerf-Adressen',
    invalidPhone: 'Keine gültige Telefonnummer',
    attribution: 'PLZ-Daten: © OpenStreetMap-Mitwirkende (ODbL)',
  },
  en: {
    newContact: 'New contact',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phone: 'Phone',
    postalCode: 'Postal code',
    city: 'City',
    legalBasis: 'Legal basis',
    source: 'Source',
    purpose: 'Sales',
    create: 'Create contact',
    invalidEmail: 'Not a valid e-mail address',
    disposable: 'disposable addresses',
    invalidPhone: 'Not a valid phone number',
    attribution: 'Postal code data: © OpenStreetMap contributors (ODbL)',
  },
} as const;

describe.runIf(browserAvailable())(
  'a sales employee enters a person and the contact data is checked as they type',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const tenantId = await asSystem(
        server.ctx.db.kysely,
        async (tx) => (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
      );
      await createUser(server.ctx, { tenantId, input: { ...SALES, role: 'sales', departmentIds: [] } });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const logIn = async (language: Language): Promise<Page> => {
      const page = await newPage(browser, server.url, language);
      await submitPassword(page, language, SALES);
      await page.getByRole('link', { name: UI[language].newContact }).waitFor();
      return page;
    };

    for (const language of ['de', 'en'] as const) {
      it(`warns about a throw-away address, shows the E.164 number and fills the city (${language})`, async () => {
        const t = UI[language];
        const page = await logIn(language);
        await page.getByRole('link', { name: t.newContact }).click();
        await page.getByLabel(t.firstName, { exact: true }).fill('Paula');
        await page.getByLabel(t.lastName, { exact: true }).fill(`Prüfmann-${language}`);

        const email = page.getByLabel(t.email, { exact: true });
        await email.fill('paula..pruef@example.de');
        await expect.poll(() => page.getByTestId('email-check').textContent()).toContain(t.invalidEmail);
        await email.fill('paula@mailinator.com');
        await expect.poll(() => page.getByTestId('email-check').textContent()).toContain(t.disposable);
        await email.fill(`paula.${language}@beispiel.de`);
        await expect.poll(() => page.getByTestId('email-check').count()).toBe(0);

        const phone = page.getByLabel(t.phone, { exact: true });
        await phone.fill('12345');
        await expect.poll(() => page.getByTestId('phone-check').textContent()).toContain(t.invalidPhone);
        await phone.fill('0171 1234567');
        await expect.poll(() => page.getByTestId('phone-e164').textContent()).toBe('+491711234567');

        await page.getByLabel(t.postalCode, { exact: true }).fill('10115');
        const suggestion = page.getByTestId('postal-city').filter({ hasText: 'Berlin' });
        await suggestion.waitFor();
        expect(await page.getByTestId('postal-attribution').textContent()).toBe(t.attribution);
        await suggestion.click();
        expect(await page.getByLabel(t.city, { exact: true }).inputValue()).toBe('Berlin');
        await expect.poll(() => page.getByTestId('postal-check').count()).toBe(0);

        const privacy = page.getByTestId('privacy-fieldset');
        await privacy.getByLabel(t.purpose, { exact: true }).check();
        await privacy.getByLabel(t.legalBasis).selectOption('contract');
        await privacy.getByLabel(t.source, { exact: true }).selectOption('business_card');
        await page.getByRole('button', { name: t.create }).click();

        await expect
          .poll(() => page.getByTestId('person-name').textContent())
          .toContain(`Prüfmann-${language}`);
        // stored as E.164, with the city from the suggestion
        await expect.poll(() => page.locator('a[href^="tel:"]').first().textContent()).toBe('+491711234567');
        expect(await page.locator('body').textContent()).toContain('10115 Berlin');
        await page.context().close();
      });
    }
  },
);

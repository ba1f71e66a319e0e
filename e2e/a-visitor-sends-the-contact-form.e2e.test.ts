import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword } from './support/session.ts';

const MARKETER = {
  email: 'wanda.webform@example.de',
  password: 'kontaktformular ohne ip adresse',
  displayName: 'Wanda Webform',
};
const MESSAGE = 'Bitte senden Sie mir ein Angebot für zwei höhenverstellbare Schreibtische.';

/**
 * Issue 8: marketing defines a contact form in the UI (every field with its data category), a visitor
 * sends it on the hosted page (no script, no login), staff see it in the inbox and accept it into a
 * person with the form as source.
 */
describe.runIf(browserAvailable())(
  'a visitor sends the contact form and staff accept it into a person',
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
      await createUser(server.ctx, {
        tenantId,
        input: { ...MARKETER, role: 'marketing', departmentIds: [] },
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the submission arrives with only its fields and becomes a prospect with provenance', async () => {
      // 1. marketing defines the form: the contact kind starts with name, e-mail and message fields
      const marketing = await newPage(browser, server.url, 'de');
      await submitPassword(marketing, 'de', MARKETER);
      await marketing.waitForURL((url) => url.pathname === '/persons');
      await marketing.getByTestId('nav-web-forms').click();
      await marketing.getByTestId('web-form-new').click();
      const editor = marketing.getByTestId('web-form-create');
      await editor.getByTestId('web-form-name').fill('Kontakt Website');
      await editor.getByTestId('web-form-purpose').selectOption('customer_service');
      await editor.getByTestId('web-form-basis').selectOption('legitimate_interest');
      await editor.getByTestId('web-form-retention').fill('30');
      expect(await editor.getByTestId('web-form-field-row').count()).toBe(4);
      // a field without a data category is refused by the server
      await editor.getByTestId('web-form-add-field').click();
      const extra = editor.getByTestId('web-form-field-row').nth(4);
      await extra.getByLabel('Schlüssel').fill('firma');
      await extra.getByLabel('Beschriftung (DE)').fill('Firma');
      await extra.getByLabel('Beschriftung (EN)').fill('Company');
      await editor.getByTestId('web-form-create-submit').click();
      await marketing.getByText('Das Formular ist so nicht zulässig', { exact: false }).waitFor();
      await extra.getByLabel('Datenkategorie').selectOption('organization');
      await editor.getByTestId('web-form-create-submit').click();
      const row = marketing.getByTestId('web-form-row').filter({ hasText: 'Kontakt Website' });
      await row.waitFor();
      await row.getByRole('link', { name: 'Kontakt Website' }).click();
      const hosted = marketing.getByTestId('web-form-hosted-link');
      await hosted.waitFor();
      const hostedPath = new URL((await hosted.textContent()) ?? '').pathname;
      expect(hostedPath).toMatch(/^\/forms\/wf_/);
      expect(await marketing.getByTestId('web-form-iframe').inputValue()).toContain(hostedPath);

      // 2. a visitor sends the hosted page (German browser)
      const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
      context.setDefaultTimeout(10_000);
      const visitor: Page = await context.newPage();
      await visitor.goto(hostedPath);
      await visitor.getByRole('heading', { name: 'Kontakt Website' }).waitFor();
      await visitor.getByLabel('Vorname').fill('Viktor');
      await visitor.getByLabel('Nachname').fill('Besucher');
      await visitor.getByLabel('E-Mail').fill('viktor.besucher@example.de');
      await visitor.getByLabel('Nachricht').fill(MESSAGE);
      await visitor.getByLabel('Firma').fill('Besucher KG');
      await visitor.getByRole('button', { name: 'Absenden' }).click();
      await visitor.getByText('Vielen Dank, Ihre Nachricht ist angekommen.').waitFor();

      // 3. staff see the submission in the inbox and accept it into a person
      const staff = await newPage(browser, server.url, 'de');
      await submitPassword(staff, 'de');
      await staff.waitForURL((url) => url.pathname === '/persons');
      await staff.getByTestId('nav-web-forms').click();
      await staff.getByRole('link', { name: 'Kontakt Website' }).click();
      const submission = staff.getByTestId('web-form-submission-row').filter({ hasText: 'Viktor Besucher' });
      await submission.waitFor();
      await submission.getByTestId('web-form-submission-open').click();
      const detail = staff.getByTestId('web-form-submission');
      await expect.poll(() => detail.getByTestId('web-form-value-message').textContent()).toBe(MESSAGE);
      expect(await detail.getByTestId('web-form-value-firma').textContent()).toBe('Besucher KG');
      await detail.getByTestId('web-form-accept').click();
      await detail.getByTestId('web-form-person-link').click();
      await expect.poll(() => staff.getByTestId('person-name').textContent()).toBe('Viktor Besucher');
      await staff.getByText('Kontakt Website', { exact: false }).first().waitFor();
    });
  },
);

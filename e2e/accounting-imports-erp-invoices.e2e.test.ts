import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { type Language, submitPassword, TEXT } from './support/session.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../test/fixtures/erp-invoices-de.csv');
const ACCOUNTANT = {
  email: 'buchhaltung@example.de',
  password: 'soll und haben stimmen',
  displayName: 'Bea Buchhaltung',
};
const MARKETER = {
  email: 'marketing@example.de',
  password: 'kampagnen fuer alle',
  displayName: 'Max Marketing',
};

const UI = {
  de: { paid: 'Bezahlt', overdue: 'Überfällig', holdOn: 'Gesetzt – Löschung gesperrt' },
  en: { paid: 'Paid', overdue: 'Overdue', holdOn: 'Set – deletion blocked' },
} as const;

describe.runIf(browserAvailable())(
  'accounting imports the ERP export, checks it first, then records a payment and a legal hold',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const { tenantId, adminId } = await asSystem(server.ctx.db.kysely, async (tx) => ({
        tenantId: (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
        adminId: (await tx.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
      }));
      await createUser(server.ctx, {
        tenantId,
        input: { ...ACCOUNTANT, role: 'accounting', departmentIds: [] },
      });
      await createUser(server.ctx, {
        tenantId,
        input: { ...MARKETER, role: 'marketing', departmentIds: [] },
      });
      const { token } = await createToken(server.ctx, { tenantId, userId: adminId, name: 'e2e seed' });
      const seed = async (url: string, body: object) => {
        const res = await fetch(`${server.url}/api/v1${url}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status !== 201) throw new Error(`seed ${url}: ${res.status} ${await res.text()}`);
      };
      await seed('/organizations', { name: 'Muster Handel GmbH', customerNumber: 'K-100' });
      await seed('/persons', {
        firstName: 'Anna',
        lastName: 'Müller',
        email: 'anna.mueller@example.de',
        legalBasis: 'contract',
        purposes: ['sales'],
        source: { kind: 'business_card' },
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const logIn = async (language: Language, who: { email: string; password: string }): Promise<Page> => {
      const context = await browser.newContext({
        baseURL: server.url,
        locale: language === 'de' ? 'de-DE' : 'en-GB',
      });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByTestId(`lang-${language}`).click();
      await page.getByRole('button', { name: TEXT[language].signIn }).waitFor();
      await submitPassword(page, language, who);
      await page.waitForURL(/\/persons/);
      return page;
    };

    it('imports, pays and holds (de)', async () => {
      const t = UI.de;
      const page = await logIn('de', ACCOUNTANT);
      await page.getByTestId('nav-invoices').click();
      await page.getByTestId('import-invoices').click();
      await page.getByTestId('import-file').setInputFiles(FIXTURE);
      // the format and the columns are guessed from the file; the preview shows its first rows
      expect(await page.getByTestId('import-delimiter').inputValue()).toBe(';');
      expect(await page.getByTestId('map-number').inputValue()).toBe('Belegnummer');
      expect(await page.getByTestId('map-unitPrice').inputValue()).toBe('Einzelpreis');
      expect(await page.getByTestId('map-customerNumber').inputValue()).toBe('Kundennummer');
      await expect.poll(() => page.getByTestId('import-preview').textContent()).toContain('RE-ERP-1001');

      // a wrong decimal separator: the dry run names the bad rows and nothing is imported
      await page.getByTestId('import-decimal').selectOption('.');
      await page.getByTestId('import-dry-run').click();
      await page.getByTestId('import-errors').waitFor();
      expect(await page.getByTestId('import-errors').textContent()).toContain('Einzelpreis');
      expect(await page.getByTestId('import-run').isDisabled()).toBe(true);

      await page.getByTestId('import-decimal').selectOption(',');
      await page.getByTestId('import-dry-run').click();
      await expect.poll(() => page.getByTestId('import-checked').textContent()).toContain('3');
      await page.getByTestId('import-run').click();
      await page.getByTestId('import-done').waitFor();

      // the list: two open invoices from 2025 are overdue, one was paid in the ERP
      await page.goto('/invoices?filter=overdue');
      await expect.poll(() => page.getByTestId('invoice-link').count()).toBe(2);
      expect(await page.getByTestId('invoices-table').textContent()).toContain(t.overdue);
      await page.getByTestId('invoice-link').filter({ hasText: 'RE-ERP-1001' }).click();
      await expect.poll(() => page.getByTestId('invoice-gross').textContent()).toMatch(/3\.033,45/);
      expect(await page.getByTestId('retain-until').textContent()).toContain('2033');

      await page.getByTestId('paid-at').fill('2025-03-20');
      await page.getByTestId('mark-paid').click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(t.paid);
      await page.getByTestId('toggle-hold').click();
      await expect.poll(() => page.getByTestId('legal-hold').textContent()).toBe(t.holdOn);
      await page.context().close();
    });

    it('marketing sees no invoices: no navigation entry, and the page sends it away', async () => {
      const page = await logIn('en', MARKETER);
      expect(await page.getByTestId('nav-invoices').count()).toBe(0);
      await page.goto('/invoices');
      await page.waitForURL(/\/persons/);
      await page.context().close();
    });
  },
);

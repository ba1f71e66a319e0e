import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import {
  customerGroupIds,
  insertCase,
  insertDeal,
  insertInvoice,
  insertOrganization,
  rebuildRevenueLedger,
  stageIds,
} from '../src/modules/reports/reports.fixtures.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { type Language, newPage, submitPassword } from './support/session.ts';

const SALES = {
  email: 'vertriebsleitung@example.de',
  password: 'umsatz im blick behalten 2026',
  displayName: 'Vera Vertriebsleitung',
};
const READONLY = {
  email: 'lesend@example.de',
  password: 'nur lesen und staunen 2026',
  displayName: 'Lea Lesend',
};

/** The quarter before today's, as the report names it ("2026-Q3"), and a day inside it. */
const lastQuarter = () => {
  const now = new Date();
  const start = new Date(Date.UTC(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3 - 3, 1));
  const label = `${start.getUTCFullYear()}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
  const day = (offset: number) => new Date(start.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return { label, day };
};
const today = () => new Date().toISOString().slice(0, 10);
/** The cells of a table row, each as shown, joined by " | ". */
const cellsOf = async (row: Locator) =>
  (await row.locator('th, td').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim()).join(' | ');
/** Text as shown, with the non-breaking spaces of number formatting as plain spaces. */
const plain = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe.runIf(browserAvailable())(
  'the sales meeting looks at last quarter’s revenue by customer group',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let tenantId: string;
    let groups: Record<string, string>;
    const quarter = lastQuarter();

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const db = server.ctx.db;
      tenantId = (
        await asSystem(db.kysely, (tx) => tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow())
      ).id;
      for (const [user, role] of [
        [SALES, 'sales'],
        [READONLY, 'readonly'],
      ] as const)
        await createUser(server.ctx, { tenantId, input: { ...user, role, departmentIds: [] } });
      groups = await customerGroupIds(db, tenantId);
      const stages = await stageIds(db, tenantId);
      // Invoices as accounting records them; the revenue ledger holds what the invoices service keeps in it.
      await asSystem(db.kysely, async (tx) => {
        const big = await insertOrganization(tx, tenantId, 'Nordlicht Handels AG', groups.Großkunden!);
        const dealer = await insertOrganization(tx, tenantId, 'Fachhandel Sommer KG', groups.Fachhandel!);
        const loose = await insertOrganization(tx, tenantId, 'Einzelkunde GmbH', null);
        await insertInvoice(tx, tenantId, {
          organizationId: big,
          customerGroupId: groups.Großkunden!,
          issuedAt: quarter.day(5),
          lines: [
            { product: 'Wartungsvertrag', net: '12000.00' },
            { product: 'Ersatzteile', net: '450.50' },
          ],
        });
        await insertInvoice(tx, tenantId, {
          organizationId: big,
          customerGroupId: groups.Großkunden!,
          issuedAt: quarter.day(40),
          status: 'paid',
          lines: [{ product: 'Ersatzteile', net: '1549.50' }],
        });
        await insertInvoice(tx, tenantId, {
          organizationId: dealer,
          customerGroupId: groups.Fachhandel!,
          issuedAt: quarter.day(20),
          lines: [{ product: 'Ersatzteile', net: '3210.99' }],
        });
        await insertInvoice(tx, tenantId, {
          organizationId: dealer,
          customerGroupId: groups.Fachhandel!,
          issuedAt: quarter.day(21),
          status: 'cancelled',
          lines: [{ product: 'Ersatzteile', net: '9999.00' }],
        });
        await insertInvoice(tx, tenantId, {
          organizationId: loose,
          customerGroupId: null,
          issuedAt: quarter.day(60),
          lines: [{ product: 'Wartungsvertrag', net: '800.00' }],
        });
        // this quarter: not part of last quarter's figures
        await insertInvoice(tx, tenantId, {
          organizationId: dealer,
          customerGroupId: groups.Fachhandel!,
          issuedAt: today(),
          lines: [{ product: 'Ersatzteile', net: '77.00' }],
        });
        await rebuildRevenueLedger(tx, tenantId);
        await insertDeal(tx, tenantId, {
          organizationId: big,
          stageId: stages.Angebot!,
          value: '25000.00',
          probability: 50,
        });
        await insertCase(tx, tenantId, {
          organizationId: dealer,
          receivedAt: new Date(Date.now() - 2 * 86_400_000),
          priority: 'high',
          firstResponseDueAt: new Date(Date.now() - 86_400_000),
          resolutionDueAt: new Date(Date.now() + 86_400_000),
        });
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const logIn = async (language: Language, user: { email: string; password: string }) => {
      const page = await newPage(browser, server.url, language);
      await submitPassword(page, language, user);
      await page.getByTestId('nav-toggle').or(page.getByRole('navigation')).first().waitFor();
      return page;
    };

    /** The revenue table's rows as [label, figure of the quarter] pairs. */
    const revenueRows = async (page: Page, q: string) =>
      page
        .getByTestId('revenue-row')
        .evaluateAll(
          (rows, quarterLabel) =>
            rows.map((row) => [
              row.querySelector('th')?.textContent ?? '',
              row.querySelector(`td[data-quarter="${quarterLabel}"]`)?.textContent ?? '',
            ]),
          q,
        );

    it('opens the dashboard, switches to last quarter by customer group and reads the figures from the table', async () => {
      const page = await logIn('de', SALES);
      await page.getByRole('link', { name: 'Übersicht', exact: true }).click();
      await page.getByRole('heading', { name: 'Umsatz pro Quartal' }).waitFor();
      await page.getByTestId('revenue-table').waitFor();

      await page.getByLabel('Zeitraum', { exact: true }).selectOption({ label: 'Letztes Quartal' });
      await page.getByRole('button', { name: 'nach Kundengruppe' }).click();
      const q = quarter.label;
      await expect
        .poll(() => page.getByTestId('revenue-table').locator('thead th[data-quarter]').count())
        .toBe(1);
      expect(await page.getByTestId('revenue-table').locator(`thead th[data-quarter="${q}"]`).count()).toBe(
        1,
      );
      expect(page.url()).toContain('period=lastQuarter');
      expect(await page.getByRole('button', { name: 'nach Kundengruppe' }).getAttribute('aria-pressed')).toBe(
        'true',
      );

      await expect
        .poll(async () => (await revenueRows(page, q)).map(([label, value]) => [plain(label), plain(value)]))
        .toEqual([
          ['Fachhandel', '3.210,99 €'],
          ['Großkunden', '14.000,00 €'],
          ['Privatkunden', '0,00 €'],
          ['ohne Kundengruppe', '800,00 €'],
        ]);
      expect(
        plain(await page.getByTestId('revenue-total-row').locator(`td[data-quarter="${q}"]`).textContent()),
      ).toBe('18.010,99 €');
      // the chart is drawn beside its table
      expect(
        await page.getByTestId('revenue-card').locator('.recharts-bar-rectangle').count(),
      ).toBeGreaterThan(0);

      // by product, then back
      await page.getByRole('button', { name: 'nach Produkt' }).click();
      await expect
        .poll(async () => (await revenueRows(page, q)).map(([label, value]) => [plain(label), plain(value)]))
        .toEqual([
          ['Wartungsvertrag', '12.800,00 €'],
          ['Ersatzteile', '5.210,99 €'],
        ]);
      await page.getByRole('button', { name: 'nach Kundengruppe' }).click();
      await expect.poll(async () => (await revenueRows(page, q)).length).toBe(4);

      // pipeline and open cases on the same page, never per employee
      const pipeline = page.getByTestId('pipeline-table');
      await expect
        .poll(async () => cellsOf(pipeline.locator('[data-stage="Proposal"]')))
        .toBe('Angebot (50 %) | 1 | 25.000,00 € | 12.500,00 €');
      const cases = page.getByTestId('cases-table');
      await expect
        .poll(async () => cellsOf(cases.locator('[data-bucket="1to3d"]')))
        .toBe('1–3 Tage | 0 | 0 | 1 | 0 | 1 | 1');
      expect(await page.locator('main').textContent()).not.toContain(SALES.displayName);
      await page.context().close();
    });

    it('works on a phone in English', async () => {
      const page = await logIn('en', SALES);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/dashboard?period=lastQuarter&groupBy=customerGroup');
      await page.getByRole('heading', { name: 'Revenue per quarter' }).waitFor();
      const q = quarter.label;
      await expect
        .poll(async () => (await revenueRows(page, q)).map(([label, value]) => [plain(label), plain(value)]))
        .toEqual([
          ['Fachhandel', '€3,210.99'],
          ['Großkunden', '€14,000.00'],
          ['Privatkunden', '€0.00'],
          ['no customer group', '€800.00'],
        ]);
      // the page does not scroll sideways on a phone; wide tables scroll inside their box
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.getByTestId('nav-toggle').click();
      await page.getByRole('link', { name: 'Dashboard', exact: true }).waitFor();
      await page.context().close();
    });

    it('is neither offered nor shown to a read-only user', async () => {
      const page = await logIn('de', READONLY);
      await page.getByRole('link', { name: 'Firmen', exact: true }).waitFor();
      expect(await page.getByRole('link', { name: 'Übersicht', exact: true }).count()).toBe(0);
      await page.goto('/dashboard');
      await expect
        .poll(() => page.getByTestId('dashboard-no-access').textContent())
        .toContain('Kein Zugriff');
      expect((await page.request.get('/api/v1/reports/revenue')).status()).toBe(403);
      await page.context().close();
    });
  },
);

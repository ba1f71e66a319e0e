import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { businessDate } from '../src/domain/accounts/account-view.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { type Language, submitPassword, TEXT } from './support/session.ts';

/** A service agent in customer service: reads invoices, writes contacts and cases. */
const AGENT = {
  email: 'service@example.de',
  password: 'kunden zuerst am telefon',
  displayName: 'Selma Service',
};
const CUSTOMER = { firstName: 'Rita', lastName: 'Reklamatius', phone: '+49 30 5550123' };

const UI = {
  de: {
    home: 'Neuer Kontakt',
    search: 'Suche',
    account: 'Kundenkonto',
    subject: 'Betreff',
    body: 'Inhalt',
    direction: 'Richtung',
    openInvoices: 'Offene Rechnungen',
    overdue: '30 Tage überfällig',
    slaDue: 'SLA fällig',
  },
  en: {
    home: 'New contact',
    search: 'Search',
    account: 'Customer account',
    subject: 'Subject',
    body: 'Content',
    direction: 'Direction',
    openInvoices: 'Open invoices',
    overdue: '30 days overdue',
    slaDue: 'SLA due',
  },
} as const;

/** A calendar day relative to today, as the account view counts days (Europe/Berlin). */
const day = (offsetDays: number) => businessDate(new Date(Date.now() + offsetDays * 86_400_000));

describe.runIf(browserAvailable())(
  'a service agent takes a complaint call: finds the customer, sees the open invoices, logs the call and opens a case',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let personId: string;

    /** The API as the administrator, for the data the call is about. */
    const seed = async (token: string, url: string, body: object) => {
      const res = await fetch(`${server.url}/api/v1${url}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`seed ${url}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const { tenantId, adminId, serviceDepartment } = await asSystem(server.ctx.db.kysely, async (tx) => ({
        tenantId: (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
        adminId: (await tx.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
        serviceDepartment: (
          await tx
            .selectFrom('departments')
            .select('id')
            .where('name', '=', 'Kundenservice')
            .executeTakeFirstOrThrow()
        ).id,
      }));
      await createUser(server.ctx, {
        tenantId,
        input: { ...AGENT, role: 'support', departmentIds: [serviceDepartment] },
      });
      const { token } = await createToken(server.ctx, { tenantId, userId: adminId, name: 'e2e seed' });
      personId = await seed(token, '/persons', {
        ...CUSTOMER,
        email: 'rita@kunde.example',
        legalBasis: 'contract',
        purposes: ['sales', 'customer_service'],
        source: { kind: 'business_card', detail: 'Messe' },
      });
      // one invoice 30 days overdue, one due in two weeks
      const line = { product: 'Kaffeemaschine', quantity: '1', unitPrice: '100.00', taxRate: '19' };
      await seed(token, '/invoices', { personId, issuedAt: day(-44), dueAt: day(-30), lines: [line] });
      await seed(token, '/invoices', {
        personId,
        issuedAt: day(0),
        dueAt: day(14),
        lines: [{ ...line, product: 'Entkalker', unitPrice: '10.50' }],
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const logIn = async (language: Language, viewport?: { width: number; height: number }): Promise<Page> => {
      const context = await browser.newContext({
        baseURL: server.url,
        locale: language === 'de' ? 'de-DE' : 'en-GB',
        ...(viewport ? { viewport, isMobile: true, hasTouch: true } : {}),
      });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByTestId(`lang-${language}`).click();
      await page.getByRole('button', { name: TEXT[language].signIn }).waitFor();
      await submitPassword(page, language, AGENT);
      await page.waitForURL(/\/persons/);
      return page;
    };

    for (const language of ['de', 'en'] as const) {
      it(`handles the complaint call (${language})`, async () => {
        const t = UI[language];
        const page = await logIn(language);

        // find the customer by name and open the account
        await page.goto('/persons');
        await page.getByLabel(t.search).fill('Reklam');
        const hit = page.getByTestId('person-link').filter({ hasText: CUSTOMER.lastName });
        await hit.click();
        await page.getByTestId('person-account-link').click();
        await expect.poll(() => page.getByTestId('account-name').textContent()).toContain(CUSTOMER.lastName);
        expect(await page.getByTestId('account-phone').getAttribute('href')).toBe('tel:+49305550123');

        // the open invoices, the overdue one first and marked, with the totals
        const invoices = page.getByRole('region', { name: t.openInvoices });
        await invoices.getByTestId('account-invoice').nth(1).waitFor();
        expect(await invoices.getByTestId('account-invoice').count()).toBe(2);
        expect(
          await invoices.getByTestId('account-invoice').first().getByTestId('overdue-badge').textContent(),
        ).toBe(t.overdue);
        expect(
          await invoices.getByTestId('account-invoice').nth(1).getByTestId('overdue-badge').count(),
        ).toBe(0);
        // 119.00 + 12.50 (10.50 + 19 % VAT) open, 119.00 of it overdue
        await expect
          .poll(() => invoices.getByTestId('invoices-open-total').textContent())
          .toMatch(language === 'de' ? /131,50\s€/ : /€131\.50/);
        await expect
          .poll(() => invoices.getByTestId('invoices-overdue-total').textContent())
          .toMatch(language === 'de' ? /119,00\s€/ : /€119\.00/);

        // log the call, with the keyboard landing in the form
        const subject = language === 'de' ? 'Reklamation: Gerät defekt' : 'Complaint: machine broken';
        await page.getByTestId('log-call').click();
        const form = page.getByTestId('interaction-form');
        await form.getByLabel(t.direction).selectOption('inbound');
        await form.getByLabel(t.subject, { exact: true }).fill(subject);
        await form.getByLabel(t.body, { exact: true }).fill('Kundin ruft wegen defekter Kaffeemaschine an.');
        await page.getByTestId('interaction-submit').click();
        // (both language runs log their call in the same minute, so it need not be the very first entry)
        await page.getByTestId('account-interaction').filter({ hasText: subject }).waitFor();
        expect(await form.count()).toBe(0);

        // open a case for this customer: the case form knows who it is for
        await page.getByTestId('open-case').click();
        await page.waitForURL(
          (url) => url.pathname === '/cases/new' && url.searchParams.get('personId') === personId,
        );
        await expect.poll(() => page.getByTestId('case-person').inputValue()).toContain(CUSTOMER.lastName);
        await page.getByTestId('case-subject').fill(subject);
        await page.getByTestId('case-message').fill('Gerät heizt nicht mehr, Kundin wünscht Austausch.');
        await page.getByTestId('case-submit').click();
        await expect.poll(() => page.getByTestId('case-subject-title').textContent()).toBe(subject);

        // back on the account, the new case is among the open ones with its SLA deadline
        await page.getByRole('link', { name: `${CUSTOMER.firstName} ${CUSTOMER.lastName}` }).click();
        await page.getByTestId('person-account-link').click();
        const openCase = page
          .getByTestId('open-cases')
          .getByTestId('account-case')
          .filter({ hasText: subject });
        await openCase.waitFor();
        expect(await openCase.textContent()).toContain(t.slaDue);
        await page.context().close();
      });
    }

    it('shows the account in one column on a phone and in two on a desktop', async () => {
      const phone = await logIn('de', { width: 390, height: 844 });
      await phone.goto(`/persons/${personId}/account`);
      const invoices = phone.getByTestId('account-invoices');
      const timeline = phone.getByTestId('account-timeline');
      await invoices.getByTestId('account-invoice').first().waitFor();
      const [a, b] = [await invoices.boundingBox(), await timeline.boundingBox()];
      expect(a && b).toBeTruthy();
      if (!a || !b) return;
      // stacked: same left edge, the timeline below the invoices, both within the screen
      expect(Math.abs(a.x - b.x)).toBeLessThan(1);
      expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
      expect(a.x + a.width).toBeLessThanOrEqual(390);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
      // the call button is a real link within reach
      const call = phone.getByTestId('account-phone');
      expect(await call.getAttribute('href')).toBe('tel:+49305550123');
      expect((await call.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(40);
      await phone.context().close();

      const desktop = await logIn('de');
      await desktop.setViewportSize({ width: 1280, height: 900 });
      await desktop.goto(`/persons/${personId}/account`);
      await desktop.getByTestId('account-invoice').first().waitFor();
      const [c, d] = [
        await desktop.getByTestId('account-invoices').boundingBox(),
        await desktop.getByTestId('account-timeline').boundingBox(),
      ];
      expect(c && d && d.x > c.x + c.width - 1).toBe(true);
      await desktop.context().close();
    });

    it('can be worked through with the keyboard alone', async () => {
      const page = await logIn('en');
      await page.goto(`/persons/${personId}/account`);
      await page.getByTestId('account-invoice').first().waitFor();
      // tab to "log a call" and open the form with Enter: the first field takes the focus
      let reached = false;
      for (let i = 0; i < 30 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(
          () => document.activeElement?.getAttribute('data-testid') === 'log-call',
        );
      }
      expect(reached, '"log a call" is reachable by Tab').toBe(true);
      await page.keyboard.press('Enter');
      await expect
        .poll(() =>
          page.evaluate(() => document.activeElement?.closest('[data-testid="interaction-form"]') !== null),
        )
        .toBe(true);
      await page.context().close();
    });
  },
);

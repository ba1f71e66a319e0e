import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { type Language, submitPassword, TEXT } from './support/session.ts';

/** A service agent in customer service who starts the day on "My day". */
const AGENT = { email: 'agent@example.de', password: 'erst die arbeit dann', displayName: 'Theo Tagwerk' };

const UI = {
  de: {
    myDay: 'Mein Tag',
    taskTitle: 'Was ist zu tun?',
    due: 'Fällig',
    add: 'Hinzufügen',
    markDone: (title: string) => `${title} als erledigt markieren`,
    kind: 'Art',
    message: 'Nachricht',
    save: 'Speichern',
    inProgress: 'In Bearbeitung',
    subject: 'Betreff',
    request: 'Anliegen des Kunden',
    open: 'Fall anlegen',
  },
  en: {
    myDay: 'My day',
    taskTitle: 'What needs doing?',
    due: 'Due',
    add: 'Add',
    markDone: (title: string) => `Mark ${title} as done`,
    kind: 'Kind',
    message: 'Message',
    save: 'Save',
    inProgress: 'In progress',
    subject: 'Subject',
    request: "The customer's request",
    open: 'Open case',
  },
} as const;

describe.runIf(browserAvailable())(
  'a service agent works through the day: adds a task, ticks it off, answers a case and opens a new one',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let agentToken: string;
    let agentId: string;
    let personId: string;

    const seed = async (token: string, url: string, body: object) => {
      const res = await fetch(`${server.url}/api/v1${url}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`seed ${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; number?: string };
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
      const agent = await createUser(server.ctx, {
        tenantId,
        input: { ...AGENT, role: 'support', departmentIds: [serviceDepartment] },
      });
      agentId = agent.id;
      agentToken = (await createToken(server.ctx, { tenantId, userId: agent.id, name: 'e2e seed' })).token;
      const adminToken = (await createToken(server.ctx, { tenantId, userId: adminId, name: 'e2e seed' }))
        .token;
      personId = (
        await seed(adminToken, '/persons', {
          firstName: 'Karl',
          lastName: 'Kundig',
          email: 'karl@kunde.example',
          legalBasis: 'contract',
          purposes: ['customer_service'],
          source: { kind: 'phone', detail: 'Hotline' },
          departmentIds: [serviceDepartment],
        })
      ).id;
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const logIn = async (language: Language, viewport?: { width: number; height: number }): Promise<Page> => {
      const context = await browser.newContext({
        baseURL: server.url,
        locale: language === 'de' ? 'de-DE' : 'en-GB',
        timezoneId: 'Europe/Berlin',
        ...(viewport ? { viewport, isMobile: true, hasTouch: true } : {}),
      });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByTestId(`lang-${language}`).click();
      await page.getByRole('button', { name: TEXT[language].signIn }).waitFor();
      await submitPassword(page, language, AGENT);
      await page.getByTestId('nav-my-day').waitFor({ state: 'attached' });
      return page;
    };

    for (const language of ['de', 'en'] as const) {
      it(`adds a task on My day, ticks it done and answers a case of the day (${language})`, async () => {
        const t = UI[language];
        const subject = `Lieferung beschädigt (${language})`;
        const seeded = await seed(agentToken, '/cases', {
          personId,
          channel: 'email',
          category: 'complaint',
          priority: 'high',
          subject,
          message: 'Der Karton war eingedrückt, das Glas gesprungen.',
          assigneeId: agentId,
        });

        const page = await logIn(language, language === 'de' ? { width: 390, height: 844 } : undefined);
        await page.goto('/my-day');
        await page.getByRole('heading', { name: t.myDay, level: 1 }).waitFor();

        // a quick task, due now: it is on today's list (or just overdue), never lost
        const title = language === 'de' ? 'Herrn Kundig zurückrufen' : 'Call Mr Kundig back';
        const form = page.getByTestId('quick-add-task');
        await form.getByLabel(t.taskTitle).fill(title);
        const now = await page.evaluate(() => {
          const d = new Date();
          const p = (n: number) => String(n).padStart(2, '0');
          return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
        });
        await form.getByLabel(t.due, { exact: true }).fill(now);
        await form.getByRole('button', { name: t.add }).click();
        const checkbox = page.getByLabel(t.markDone(title));
        await checkbox.waitFor();
        expect(await form.getByLabel(t.taskTitle).inputValue()).toBe('');

        // tick it off: it leaves the list
        await checkbox.click();
        await checkbox.waitFor({ state: 'detached' });

        // my case is listed with its SLA state; open it and answer the customer
        const myCases = page.getByTestId('my-cases');
        const row = myCases.getByTestId('case-row').filter({ hasText: subject });
        await row.getByTestId('sla-badge').waitFor();
        await row.click();
        await page.waitForURL((url) => url.pathname === `/cases/${seeded.id}`);
        await page.getByTestId('case-thread').getByText('Der Karton war eingedrückt').waitFor();
        const reply = page.getByTestId('case-reply-form');
        await reply.getByLabel(t.kind).selectOption('outbound');
        const answer = language === 'de' ? 'Ersatz ist unterwegs.' : 'A replacement is on its way.';
        await reply.getByLabel(t.message, { exact: true }).fill(answer);
        await reply.getByRole('button', { name: t.save }).click();
        await page.getByTestId('case-thread').getByText(answer).waitFor();
        // the first answer puts the new case into work and meets the first-response target
        await expect.poll(() => page.getByTestId('case-status').textContent()).toBe(t.inProgress);
        expect(await reply.getByLabel(t.message, { exact: true }).inputValue()).toBe('');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
        await page.context().close();
      });
    }

    it('opens a case from the customer link /cases/new?personId=… and shows it after saving', async () => {
      const t = UI.de;
      const page = await logIn('de');
      await page.goto(`/cases/new?personId=${personId}`);
      await expect.poll(() => page.getByTestId('case-person').inputValue()).toBe('Karl Kundig');
      await page.getByLabel(t.subject, { exact: true }).fill('Rechnung doppelt bezahlt');
      await page.getByLabel(t.request).fill('Kunde hat die Rechnung zweimal überwiesen.');
      await page.getByRole('button', { name: t.open }).click();
      await page.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}$/.test(url.pathname));
      await expect.poll(() => page.getByTestId('case-number').textContent()).toMatch(/^F-\d{4}-\d{4}$/);
      expect(await page.getByTestId('case-subject-title').textContent()).toBe('Rechnung doppelt bezahlt');
      await page.getByTestId('case-thread').getByText('zweimal überwiesen').waitFor();
      expect(await page.getByTestId('case-assignee').textContent()).toBe(AGENT.displayName);
      await page.context().close();
    });
  },
);

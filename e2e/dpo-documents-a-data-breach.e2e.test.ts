import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword } from './support/session.ts';

const DPO = { email: 'dsb@example.de', password: 'zweiundsiebzig stunden', displayName: 'Dora Datenschutz' };
const SALES = {
  email: 'vertrieb@example.de',
  password: 'laptop im zug vergessen',
  displayName: 'Sven Vertrieb',
};
const TITLE = 'Laptop mit Kundenliste im Zug vergessen';

describe.runIf(browserAvailable())(
  'the data protection officer documents a data breach (Art. 33/34): a colleague reports it, the DPO assesses, notifies the authority, decides on informing the people and closes it',
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
      await createUser(server.ctx, { tenantId, input: { ...DPO, role: 'dpo', departmentIds: [] } });
      await createUser(server.ctx, { tenantId, input: { ...SALES, role: 'sales', departmentIds: [] } });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const logInAsSales = async (): Promise<Page> => {
      const page = await newPage(browser, server.url, 'de');
      await submitPassword(page, 'de', SALES);
      await page.getByRole('link', { name: 'Datenpanne melden', exact: true }).waitFor();
      return page;
    };

    it('a salesperson reports a lost laptop; the DPO works it through to the end within the 72 hours', async () => {
      // 1. the salesperson reports it from the navigation (no register for them, only the form)
      const sales = await logInAsSales();
      expect(await sales.getByRole('link', { name: 'Datenpannen', exact: true }).count()).toBe(0);
      await sales.getByRole('link', { name: 'Datenpanne melden', exact: true }).click();
      await sales.waitForURL((url) => url.pathname === '/breaches/new');
      const report = sales.getByTestId('breach-report-form');
      await report.getByLabel('Was ist passiert? (kurz)').fill(TITLE);
      const description = report.getByLabel('Beschreibung');
      expect(await description.getAttribute('aria-describedby')).toBeTruthy();
      await report.getByText('Keine Namen von Betroffenen nennen.', { exact: false }).waitFor();
      await description.fill(
        'Dienstlaptop mit einer exportierten Kundenliste (Namen, E-Mail, Adressen) im ICE liegen lassen.',
      );
      await report.getByRole('button', { name: 'Datenpanne melden' }).click();
      const reported = sales.getByRole('status').filter({ hasText: 'wurde gemeldet' });
      await reported.waitFor();
      const number = /DP-\d{4}-\d{4}/.exec((await reported.textContent()) ?? '')?.[0];
      expect(number).toMatch(/^DP-20\d\d-0001$/);
      await sales.context().close();

      // 2. the DPO sees it in the register with the running 72-hour deadline
      const page = await logInAsDpo(browser, server, DPO);
      await page.getByRole('link', { name: 'Datenpannen', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/breaches');
      const row = page.getByTestId('breach-row').filter({ hasText: TITLE });
      await row.waitFor();
      expect(await row.getByTestId('breach-number').textContent()).toBe(number);
      const badge = row.getByTestId('breach-deadline');
      expect(await badge.getAttribute('data-state')).toBe('open');
      expect(await badge.textContent()).toMatch(/^Frist läuft · noch 7[12] Stunden$/);
      await row.getByTestId('breach-number').click();
      await page.waitForURL(/\/breaches\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByTestId('breach-detail-title').textContent()).toBe(TITLE);
      expect(await page.getByTestId('breach-facts').textContent()).toContain('Sven Vertrieb');

      // closing before the assessment is refused with the API's message
      await page.getByRole('button', { name: 'Datenpanne abschließen' }).click();
      await page.getByTestId('breach-closing').getByRole('alert').waitFor();

      // 3. the Art. 33(3) assessment: everything still missing, then filled in
      const missing = page.getByTestId('breach-missing-list').getByRole('listitem');
      await expect.poll(() => missing.count()).toBe(7);
      const form = page.getByTestId('assessment-form');
      await form.getByLabel('Vertraulichkeit', { exact: false }).check();
      await form.getByLabel('Kontaktdaten').check();
      await form.getByLabel('Adressdaten').check();
      await form.getByLabel('Kategorien betroffener Personen').fill('Kunden');
      await form.getByLabel('Ungefähre Zahl betroffener Personen').fill('350');
      await form.getByLabel('Ungefähre Zahl betroffener Datensätze').fill('350');
      await form
        .getByLabel('Ansprechpartner für weitere Informationen')
        .fill('Dora Datenschutz, dsb@example.de');
      await form.getByLabel('Wahrscheinliche Folgen').fill('Phishing-Mails an die Kunden möglich.');
      await form
        .getByLabel('Ergriffene oder vorgeschlagene Maßnahmen')
        .fill('Gerät gesperrt, Fundbüro der Bahn informiert.');
      await form.getByLabel('Hohes Risiko', { exact: false }).check();
      await form
        .getByLabel('Begründung der Risikobewertung')
        .fill('Festplatte unverschlüsselt, Adressen und E-Mails.');
      await form.getByRole('button', { name: 'Bewertung speichern' }).click();
      await form.getByText('Bewertung gespeichert.').waitFor();
      await page.getByTestId('breach-complete').waitFor();

      // 4. the notification to the supervisory authority (within the deadline: no reason for delay asked)
      const notification = page.getByTestId('notification-form');
      expect(await notification.getByLabel('Begründung der Verzögerung').count()).toBe(0);
      await notification.getByLabel('Aktenzeichen der Behörde').fill('LDI-2026-4711');
      await notification.getByRole('button', { name: 'Meldung an die Aufsichtsbehörde erfassen' }).click();
      await page.getByTestId('breach-notified').waitFor();
      expect(await page.getByTestId('breach-notified').textContent()).toContain('LDI-2026-4711');
      await expect
        .poll(() => page.getByTestId('breach-deadline').getAttribute('data-state'))
        .toBe('notified');
      expect(await page.getByTestId('breach-deadline').textContent()).toBe('Gemeldet');

      // 5. high risk: the data subjects are informed (Art. 34)
      const subjects = page.getByTestId('subjects-form');
      await subjects.getByLabel('Entscheidung').selectOption({ label: 'Betroffene werden benachrichtigt' });
      await subjects
        .getByLabel('Begründung')
        .fill('Hohes Risiko: alle Kunden der Liste per Brief informieren.');
      await subjects.getByRole('button', { name: 'Entscheidung speichern' }).click();
      await expect
        .poll(() => page.getByTestId('subjects-current').getAttribute('data-decision'))
        .toBe('inform');

      // 6. closed, with the whole story in the history
      await page.getByLabel('Abschlussvermerk').fill('Kunden informiert, Laptop nicht wieder aufgetaucht.');
      await page.getByRole('button', { name: 'Datenpanne abschließen' }).click();
      await expect.poll(() => page.getByTestId('breach-status').getAttribute('data-status')).toBe('closed');
      await page.getByRole('button', { name: 'Wieder öffnen' }).waitFor();
      const kinds = await page
        .getByTestId('breach-event')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
      expect(kinds).toEqual(['reported', 'assessed', 'authority_notified', 'subjects_decided', 'closed']);
      expect(await page.getByTestId('breach-history').textContent()).toContain('Sven Vertrieb');

      // the register's closed view keeps it
      await page.getByRole('link', { name: 'Alle Datenpannen' }).click();
      await page.getByTestId('breaches-empty').waitFor();
      await page.getByLabel('Anzeigen').selectOption('closed');
      await page.getByTestId('breach-row').filter({ hasText: TITLE }).waitFor();
      await page.context().close();
    });
  },
);

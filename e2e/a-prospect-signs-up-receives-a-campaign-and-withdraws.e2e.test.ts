import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { type AdminApi, adminApi, mailCount, newestMailLink } from './support/privacy-portal.ts';
import { startE2eServer } from './support/server.ts';

type Server = Awaited<ReturnType<typeof startE2eServer>>;
type LedgerEntry = {
  id: string;
  method: string;
  state: string;
  proof: Record<string, unknown>;
  withdrawnAt: string | null;
  withdrawalMethod: string | null;
  wording: { version: number; text: string };
};

const PROSPECT = { firstName: 'Paula', lastName: 'Probeabo', email: 'paula@interessentin.example' };
const WORDING =
  'Ja, ich möchte den Newsletter der Muster GmbH mit Angeboten zu Gartenmöbeln per E-Mail erhalten. Ich kann mich jederzeit abmelden.';

describe.runIf(browserAvailable())(
  'a prospect signs up for the newsletter, receives a campaign, withdraws with one click and downloads their data',
  () => {
    let server: Server;
    let browser: Browser;
    let api: AdminApi;
    let formId: string;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      api = await adminApi(server);
      // marketing has a current wording and a sign-up form for the newsletter
      await api.call('POST', '/consent-wordings', {
        purposeId: 'newsletter',
        channel: 'email',
        language: 'de',
        text: WORDING,
        advertiser: 'Muster GmbH',
      });
      formId = (
        await api.call<{ id: string }>('POST', '/consent-forms', {
          name: 'Newsletter Website',
          purposeId: 'newsletter',
          language: 'de',
        })
      ).id;
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const newPage = async (): Promise<Page> => {
      const context = await browser.newContext({
        baseURL: server.url,
        locale: 'de-DE',
        acceptDownloads: true,
      });
      context.setDefaultTimeout(10_000);
      return context.newPage();
    };

    it('from sign-up to withdrawal, with the proof in the consent ledger', async () => {
      const page = await newPage();

      // 1. she signs up on the hosted form and sees the exact wording she agrees to
      await page.goto(`/signup/${formId}`);
      await page.getByTestId('signup-wording').getByText(WORDING).waitFor();
      await page.getByLabel('E-Mail-Adresse').fill(PROSPECT.email);
      await page.getByLabel('Vorname (optional)').fill(PROSPECT.firstName);
      await page.getByLabel('Nachname (optional)').fill(PROSPECT.lastName);
      await page.getByTestId('signup-consent').check();
      await page.getByTestId('signup-submit').click();
      await page.getByText('Bitte bestätigen Sie Ihre Anmeldung über den Link in der E-Mail.').waitFor();

      // 2. she confirms with the link from the mail (a button, so link scanners do not confirm)
      await expect.poll(() => mailCount(server, PROSPECT.email, 'double_opt_in')).toBe(1);
      await page.goto(
        await newestMailLink(server, { to: PROSPECT.email, kind: 'double_opt_in', path: '/consent/confirm' }),
      );
      await page.getByRole('button', { name: 'Anmeldung bestätigen' }).click();
      await page.getByTestId('confirm-done').waitFor();

      // she is now in the CRM as a prospect with a consent given by double opt-in
      const found = await api.call<{ items: { id: string }[] }>(
        'GET',
        `/persons?q=${encodeURIComponent(PROSPECT.email)}`,
      );
      expect(found.items).toHaveLength(1);
      const personId = found.items[0]?.id ?? '';

      // 3. marketing sends a campaign to the newsletter segment
      const segment = await api.call<{ id: string }>('POST', '/segments', {
        name: 'Newsletter-Abonnenten',
        definition: { match: 'all', conditions: [{ field: 'purpose', purposeId: 'newsletter' }] },
        purposeId: 'newsletter',
        channel: 'email',
      });
      const campaign = await api.call<{ id: string }>('POST', '/campaigns', {
        name: 'Frühjahr',
        kind: 'email',
        occasion: 'newsletter',
        segmentId: segment.id,
        purposeId: 'newsletter',
        language: 'de',
        subject: 'Neue Gartenmöbel',
        body: 'Hallo {{firstName}}, die neuen Gartenmöbel sind da.',
        recurrence: 'none',
      });
      const sent = await api.call<{ stats: { sent: number } }>('POST', `/campaigns/${campaign.id}/send`, {});
      expect(sent.stats.sent).toBe(1);
      await expect.poll(() => mailCount(server, PROSPECT.email, 'campaign')).toBe(1);

      // 4. she opens the preference page from the campaign mail and withdraws with one click
      await page.goto(
        await newestMailLink(server, { to: PROSPECT.email, kind: 'campaign', path: '/preferences' }),
      );
      await page.getByText(`Guten Tag ${PROSPECT.firstName},`).waitFor();
      await page.getByTestId('unsubscribe').click();
      await page.getByText('Sie sind abgemeldet. Sie erhalten diese E-Mails nicht mehr.').waitFor();

      // 5. in the privacy portal she sees the withdrawn consent and downloads her data
      await page.goto('/privacy');
      await page.getByLabel('E-Mail-Adresse').fill(PROSPECT.email);
      await page.getByRole('button', { name: 'Anmeldelink anfordern' }).click();
      await page.getByTestId('portal-link-sent').waitFor();
      await expect.poll(() => mailCount(server, PROSPECT.email, 'portal_login')).toBe(1);
      await page.goto(
        await newestMailLink(server, { to: PROSPECT.email, kind: 'portal_login', path: '/privacy/login' }),
      );
      const consent = page.getByTestId('portal-consent');
      await consent.waitFor();
      expect(await consent.getAttribute('data-state')).toBe('withdrawn');
      await consent.getByText('Online angemeldet und per E-Mail bestätigt (Double-Opt-in)').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Daten herunterladen' }).click(),
      ]);
      const exported = await fs.readFile((await download.path()) as string, 'utf8');
      expect(exported).toContain(PROSPECT.email);
      expect(exported).toContain(PROSPECT.lastName);

      // 6. the consent ledger: given by double opt-in with proof, withdrawn by one click
      const ledger = await api.call<{ items: LedgerEntry[] }>('GET', `/persons/${personId}/consents`);
      expect(ledger.items).toHaveLength(1);
      const entry = ledger.items[0] as LedgerEntry;
      expect(entry).toMatchObject({
        method: 'double_opt_in',
        state: 'withdrawn',
        withdrawalMethod: 'one_click',
      });
      expect(entry.wording.text).toBe(WORDING);
      expect(Object.keys(entry.proof).length).toBeGreaterThan(0);
      expect(entry.withdrawnAt).not.toBeNull();
      await page.context().close();
    });
  },
);

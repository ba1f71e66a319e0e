import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword } from './support/session.ts';

const WORDING =
  'Ja, ich möchte den Newsletter der Muster GmbH mit Angeboten zu Büromöbeln per E-Mail erhalten. Meine Einwilligung kann ich jederzeit widerrufen.';
const PROSPECT = { email: 'paula.prospekt@example.de', firstName: 'Paula', lastName: 'Prospekt' };

/**
 * Double opt-in (§ 7 Abs. 2 UWG, Art. 7(1) GDPR): a prospect signs up on the hosted form, confirms with
 * the link from the mail (the e2e server has no SMTP, so staff read it in the outbox), staff see the
 * consent on the person's page; the first campaign mail leads to the preference page, where one click
 * unsubscribes.
 */
describe.runIf(browserAvailable())(
  'a prospect signs up for the newsletter on the hosted form and confirms by the link in the mail',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let token: string;
    let formId: string;

    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };

    /** A visitor without login, with a German browser. */
    const visitor = async (): Promise<Page> => {
      const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
      context.setDefaultTimeout(10_000);
      return context.newPage();
    };

    /** The path and query of a link in a mail text (mail links point at the configured public URL). */
    const linkPath = (text: string, pathPrefix: string) => {
      const match = text.match(new RegExp(`https?://[^\\s/]+(${pathPrefix.replace(/[?]/g, '\\?')}[^\\s>]+)`));
      if (!match?.[1]) throw new Error(`no ${pathPrefix} link in: ${text}`);
      return match[1];
    };

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const { tenantId, adminId } = await asSystem(server.ctx.db.kysely, async (tx) => ({
        tenantId: (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
        adminId: (await tx.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
      }));
      token = (await createToken(server.ctx, { tenantId, userId: adminId, name: 'e2e marketing' })).token;
      // staff set-up: the newsletter wording and a sign-up form for it
      await api('POST', '/consent-wordings', {
        purposeId: 'newsletter',
        channel: 'email',
        language: 'de',
        text: WORDING,
        advertiser: 'Muster GmbH',
      });
      formId = (
        await api('POST', '/consent-forms', {
          name: 'Newsletter Büromöbel',
          purposeId: 'newsletter',
          language: 'de',
        })
      ).id as string;
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the consent counts only after the click on the confirmation link, and one click on the preference page ends it', async () => {
      // 1. the prospect opens the hosted form: the wording verbatim, the box not ticked
      const prospect = await visitor();
      await prospect.goto(`/signup/${formId}`);
      await prospect.getByRole('heading', { name: 'Newsletter Büromöbel' }).waitFor();
      expect(await prospect.getByTestId('signup-wording').textContent()).toBe(WORDING);
      const box = prospect.getByRole('checkbox', { name: WORDING });
      expect(await box.isChecked()).toBe(false);
      await prospect.getByLabel('E-Mail-Adresse').fill(PROSPECT.email);
      await prospect.getByLabel('Vorname (optional)').fill(PROSPECT.firstName);
      await prospect.getByLabel('Nachname (optional)').fill(PROSPECT.lastName);

      // without the tick nothing is sent
      await prospect.getByRole('button', { name: 'Anmelden' }).click();
      await prospect.getByText('Bitte setzen Sie den Haken, um der Einwilligung zuzustimmen.').waitFor();
      expect(await prospect.getByTestId('signup-sent').count()).toBe(0);

      // with the tick: "please confirm through the link in the mail"
      await box.check();
      await prospect.getByRole('button', { name: 'Anmelden' }).click();
      await prospect.getByText('Bitte bestätigen Sie Ihre Anmeldung über den Link in der E-Mail.').waitFor();

      // 2. without SMTP the mail waits in the outbox, where staff can read it
      const staff = await newPage(browser, server.url, 'de');
      await submitPassword(staff, 'de');
      await staff.waitForURL((url) => url.pathname === '/persons');
      await staff.goto('/marketing/outbox');
      await staff.getByText('Es ist kein SMTP-Server eingerichtet', { exact: false }).waitFor();
      const row = staff.getByTestId('outbox-row').filter({ hasText: PROSPECT.email });
      await row.waitFor();
      expect(await row.textContent()).toContain('Anmeldebestätigung');
      expect(await row.textContent()).toContain('im Postausgang');
      await row.getByTestId('outbox-open').click();
      const mailText = staff.getByTestId('outbox-detail').getByTestId('outbox-text');
      await mailText.waitFor();
      const confirmPath = linkPath((await mailText.textContent()) ?? '', '/consent/confirm?token=');

      // 3. the link alone confirms nothing (mail scanners open links): the prospect clicks the button
      await prospect.goto(confirmPath);
      await prospect.getByRole('button', { name: 'Anmeldung bestätigen' }).click();
      await prospect.getByTestId('confirm-done').waitFor();
      expect(await prospect.getByTestId('confirm-done').textContent()).toContain('ist bestätigt');
      // a second click on the same link is refused: used
      await prospect.goto(confirmPath);
      await prospect.getByRole('button', { name: 'Anmeldung bestätigen' }).click();
      await expect
        .poll(() => prospect.getByTestId('confirm-error').getAttribute('data-code'))
        .toBe('link_used');

      // 4. staff see the consent on the person's page: double opt-in, valid, with the wording
      const personId = await asSystem(
        server.ctx.db.kysely,
        async (tx) =>
          (
            await tx
              .selectFrom('consent_signups')
              .select('person_id')
              .where('email', '=', PROSPECT.email)
              .executeTakeFirstOrThrow()
          ).person_id,
      );
      expect(personId).toBeTruthy();
      await staff.goto(`/persons/${personId}`);
      await expect.poll(() => staff.getByTestId('person-name').textContent()).toBe('Paula Prospekt');
      const card = staff.getByTestId('consents-card');
      const entry = card.getByTestId('consent');
      await expect.poll(() => entry.count()).toBe(1);
      expect(await entry.getAttribute('data-method')).toBe('double_opt_in');
      expect(await entry.getByTestId('consent-method').textContent()).toBe('Double-Opt-in');
      expect(await entry.getByTestId('consent-state').textContent()).toBe('gültig');
      await entry.getByTestId('consent-wording').locator('summary').click();
      await entry.getByText(WORDING).waitFor();
      // the sign-up form counts the confirmed sign-up
      await staff.goto('/marketing/forms');
      const formRow = staff.getByTestId('consent-form-row').filter({ hasText: 'Newsletter Büromöbel' });
      await expect
        .poll(() => formRow.getByTestId('form-counts').textContent())
        .toBe('0 unbestätigt · 1 bestätigt');
      expect(await formRow.getByTestId('form-link').textContent()).toContain(`/signup/${formId}`);

      // 5. the first newsletter: its mail carries the personal preference link
      const segment = await api('POST', '/segments', {
        name: 'Newsletter-Abonnenten',
        definition: { match: 'all', conditions: [{ field: 'purpose', purposeId: 'newsletter' }] },
        purposeId: 'newsletter',
        channel: 'email',
      });
      const campaign = await api('POST', '/campaigns', {
        name: 'Newsletter März',
        kind: 'email',
        occasion: 'newsletter',
        segmentId: segment.id,
        purposeId: 'newsletter',
        language: 'de',
        subject: 'Neues von Muster, {{firstName}}',
        body: '{{salutation}},\n\ndie neuen Schreibtische sind da.\n\nViele Grüße',
        recurrence: 'none',
      });
      await api('POST', `/campaigns/${campaign.id}/send`);
      const newsletter = await asSystem(server.ctx.db.kysely, (tx) =>
        tx
          .selectFrom('outbound_mails')
          .select('body_text')
          .where('kind', '=', 'campaign')
          .where('to_address', '=', PROSPECT.email)
          .executeTakeFirstOrThrow(),
      );
      const preferencesPath = linkPath(newsletter.body_text, '/preferences?token=');

      // 6. the preference page: one click "Abmelden" withdraws the newsletter consent
      await prospect.goto(preferencesPath);
      await prospect.getByText('Guten Tag Paula,').waitFor();
      const listed = prospect.getByTestId('preference-consent');
      await expect.poll(() => listed.getAttribute('data-state')).toBe('valid');
      await prospect.getByRole('button', { name: 'Abmelden', exact: true }).click();
      await prospect.getByText('Sie sind abgemeldet.', { exact: false }).waitFor();
      await expect.poll(() => listed.getAttribute('data-state')).toBe('withdrawn');

      // the ledger keeps the consent, now withdrawn by one click
      await staff.goto(`/persons/${personId}`);
      await expect.poll(() => entry.getAttribute('data-state')).toBe('withdrawn');
      expect(await entry.getByTestId('consent-withdrawn').textContent()).toContain('Ein-Klick-Abmeldung');
      await prospect.context().close();
      await staff.context().close();
    });
  },
);

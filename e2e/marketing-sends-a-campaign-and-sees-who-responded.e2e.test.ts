import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { submitPassword } from './support/session.ts';

const MARKETER = {
  email: 'marketing@example.de',
  password: 'kampagnen mit einwilligung',
  displayName: 'Mia Marketing',
};
const DPO = {
  email: 'dsb@example.de',
  password: 'widerspruch wird beachtet',
  displayName: 'Dora Datenschutz',
};

const SEGMENT = 'Fach- und Großkunden';
const CAMPAIGN = 'Frühjahrsnewsletter';

/**
 * Five customers in two customer groups: three gave newsletter consent by e-mail, one never did,
 * one gave it but then objected to all advertising (Art. 21(2)).
 */
const PERSONS = [
  { firstName: 'Anna', lastName: 'Adler', group: 'Großkunden', consent: true },
  { firstName: 'Bernd', lastName: 'Berg', group: 'Großkunden', consent: true },
  { firstName: 'Clara', lastName: 'Christ', group: 'Fachhandel', consent: true },
  { firstName: 'Dieter', lastName: 'Dorn', group: 'Fachhandel', consent: false },
  { firstName: 'Emil', lastName: 'Einspruch', group: 'Fachhandel', consent: true, objects: true },
] as const;

describe.runIf(browserAvailable())(
  'marketing builds a segment, sends an e-mail campaign to those who consented and sees which customer group responded',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let adminToken: string;

    const apiCall = async <T>(token: string, method: string, url: string, body?: object, expected = 201) => {
      const res = await fetch(`${server.url}/api/v1${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (res.status !== expected) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const { tenantId, adminId } = await asSystem(server.ctx.db.kysely, async (tx) => ({
        tenantId: (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
        adminId: (await tx.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
      }));
      await createUser(server.ctx, {
        tenantId,
        input: { ...MARKETER, role: 'marketing', departmentIds: [] },
      });
      const dpo = await createUser(server.ctx, {
        tenantId,
        input: { ...DPO, role: 'dpo', departmentIds: [] },
      });
      adminToken = (await createToken(server.ctx, { tenantId, userId: adminId, name: 'e2e seed' })).token;
      const dpoToken = (await createToken(server.ctx, { tenantId, userId: dpo.id, name: 'e2e dpo' })).token;

      // one organisation in each of two of the default customer groups
      const groups = await apiCall<{ items: { id: string; name: string }[] }>(
        adminToken,
        'GET',
        '/customer-groups',
        undefined,
        200,
      );
      const orgOf: Record<string, string> = {};
      for (const name of ['Großkunden', 'Fachhandel']) {
        const group = groups.items.find((g) => g.name === name);
        if (!group) throw new Error(`default customer group ${name} missing`);
        const org = await apiCall<{ id: string }>(adminToken, 'POST', '/organizations', {
          name: `${name} Muster GmbH`,
          customerGroupId: group.id,
        });
        orgOf[name] = org.id;
      }
      // the newsletter wording the persons agreed to (the DPO's or admin's job)
      const wording = await apiCall<{ id: string }>(adminToken, 'POST', '/consent-wordings', {
        purposeId: 'newsletter',
        channel: 'email',
        language: 'de',
        text: 'Ja, ich möchte den Newsletter der Muster GmbH per E-Mail erhalten. Abmeldung jederzeit.',
        advertiser: 'Muster GmbH',
      });
      for (const p of PERSONS) {
        const person = await apiCall<{ id: string }>(adminToken, 'POST', '/persons', {
          kind: 'customer',
          firstName: p.firstName,
          lastName: p.lastName,
          email: `${p.firstName.toLowerCase()}@kunde.example`,
          organizationId: orgOf[p.group],
          legalBasis: 'contract',
          purposes: ['sales'],
          source: { kind: 'business_card', detail: 'Messe' },
        });
        if (p.consent)
          await apiCall(adminToken, 'POST', `/persons/${person.id}/consents`, {
            purposeId: 'newsletter',
            channel: 'email',
            wordingId: wording.id,
            method: 'in_person',
            givenAt: new Date(Date.now() - 86_400_000).toISOString(),
            proof: { note: 'Anmeldekarte am Messestand unterschrieben' },
          });
        if ('objects' in p && p.objects) {
          // the objection comes in as a data subject request and the DPO fulfils it
          const request = await apiCall<{ id: string }>(dpoToken, 'POST', '/requests', {
            type: 'objection',
            personId: person.id,
            channel: 'email',
            identityStatus: 'not_required',
          });
          await apiCall(dpoToken, 'POST', `/requests/${request.id}/fulfil`, {}, 200);
        }
      }
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const logIn = async (): Promise<Page> => {
      const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByTestId('lang-de').click();
      await page.getByRole('button', { name: 'Anmelden' }).waitFor();
      await submitPassword(page, 'de', MARKETER);
      await page.waitForURL(/\/persons/);
      return page;
    };

    it('the objector and the one without consent are left out; a reply shows up under the customer group', async () => {
      const page = await logIn();

      // 1. Marketing → Segmente → Neues Segment: both customer groups, for the newsletter by e-mail
      await page.getByTestId('nav-marketing').click();
      await page.waitForURL((url) => url.pathname === '/marketing/campaigns');
      await page.getByTestId('tab-segments').click();
      await page.getByTestId('segment-new').click();
      await page.waitForURL((url) => url.pathname === '/marketing/segments/new');
      const form = page.getByTestId('segment-form');
      await form.getByLabel('Name', { exact: true }).fill(SEGMENT);
      await form.getByLabel('Neue Bedingung').selectOption({ label: 'Kundengruppe' });
      await form.getByRole('button', { name: 'Bedingung hinzufügen' }).click();
      const condition = form.getByTestId('condition');
      await condition.getByLabel('Großkunden').check();
      await condition.getByLabel('Fachhandel').check();
      // without a purpose only the matches are counted
      const preview = page.getByTestId('segment-preview');
      await expect.poll(() => preview.getByTestId('evaluation-matched').textContent()).toBe('5');
      await form.getByLabel('Zweck', { exact: true }).selectOption({ label: 'Newsletter' });
      await form.getByLabel('Kanal').selectOption('email');
      await expect.poll(() => preview.getByTestId('evaluation-eligible').textContent()).toBe('3');
      expect(await preview.getByTestId('evaluation-matched').textContent()).toBe('5');
      const objected = preview.getByTestId('excluded-objected');
      expect(await objected.getAttribute('data-count')).toBe('1');
      expect(await objected.textContent()).toContain('Widerspruch gegen Werbung (Art. 21)');
      const noConsent = preview.getByTestId('excluded-no_consent');
      expect(await noConsent.getAttribute('data-count')).toBe('1');
      expect(await noConsent.textContent()).toContain(
        'keine Einwilligung / kein berechtigtes Interesse für diesen Kanal',
      );
      expect(await preview.getByTestId('excluded-restricted').getAttribute('data-count')).toBe('0');
      const sample = (await preview.getByTestId('evaluation-sample').textContent()) ?? '';
      expect(sample).toContain('Anna Adler');
      expect(sample).not.toContain('Emil Einspruch');
      expect(sample).not.toContain('Dieter Dorn');
      await page.getByTestId('segment-save').click();
      await page.waitForURL((url) => url.pathname === '/marketing/segments');
      await page.getByTestId('segment-row').filter({ hasText: SEGMENT }).waitFor();

      // 2. Aktionen → Neue Aktion: an e-mail to the segment for the newsletter purpose
      await page.getByTestId('tab-campaigns').click();
      await page.getByTestId('campaign-new').click();
      const campaign = page.getByTestId('campaign-form');
      await campaign.getByLabel('Name der Aktion').fill(CAMPAIGN);
      await campaign.getByLabel('Art', { exact: true }).selectOption('email');
      await campaign.getByLabel('Anlass').selectOption('newsletter');
      await campaign.getByLabel('Segment', { exact: true }).selectOption({ label: SEGMENT });
      await campaign.getByLabel('Zweck', { exact: true }).selectOption({ label: 'Newsletter' });
      await campaign.getByLabel('Betreff').fill('Unsere Frühjahrsneuheiten');
      const body = campaign.getByLabel('Text', { exact: true });
      await body.fill('Hallo ');
      await campaign.getByTestId('placeholder-firstName').click();
      await expect.poll(() => body.inputValue()).toBe('Hallo {{firstName}}');
      await body.press('End');
      await body.pressSequentially(', die neuen Produkte sind da.');
      // the reach is checked while the form is filled in
      await expect
        .poll(() => page.getByTestId('campaign-reach').getByTestId('evaluation-eligible').textContent())
        .toBe('3');
      await page.getByTestId('campaign-submit').click();
      await page.waitForURL(/\/marketing\/campaigns\/[0-9a-f-]{36}$/);
      expect(await page.getByTestId('campaign-title').textContent()).toBe(CAMPAIGN);
      expect(await page.getByTestId('campaign-status').getAttribute('data-status')).toBe('draft');

      // 3. before sending: who is left out and why, for the campaign's purpose and channel
      const reach = page.getByTestId('campaign-reach');
      await expect.poll(() => reach.getByTestId('evaluation-eligible').textContent()).toBe('3');
      expect(await reach.getByTestId('excluded-objected').getAttribute('data-count')).toBe('1');
      expect(await reach.getByTestId('excluded-no_consent').getAttribute('data-count')).toBe('1');

      // 4. Jetzt senden, with confirmation (no SMTP in this server: the mails land in the outbox)
      await page.getByTestId('campaign-send').click();
      const dialog = page.getByRole('dialog', { name: 'Aktion jetzt senden?' });
      expect(await dialog.textContent()).toContain('3 Personen');
      await dialog.getByRole('button', { name: 'Senden', exact: true }).click();
      await expect.poll(() => page.getByTestId('campaign-status').getAttribute('data-status')).toBe('sent');
      await expect.poll(() => page.getByTestId('stat-sent').textContent()).toBe('3');
      const outbox = await apiCall<{ items: { to: string; subject: string }[] }>(
        adminToken,
        'GET',
        '/outbox?kind=campaign',
        undefined,
        200,
      );
      expect(outbox.items.map((m) => m.to).sort()).toEqual([
        'anna@kunde.example',
        'bernd@kunde.example',
        'clara@kunde.example',
      ]);

      // 5. Anna calls back: "Antwort erfassen" for her
      const rows = page.getByTestId('recipients-table').getByTestId('recipient-row');
      const anna = rows.filter({ hasText: 'Anna Adler' });
      await expect.poll(() => anna.getAttribute('data-status')).toBe('sent');
      expect(await rows.filter({ hasText: 'Emil Einspruch' }).getByTestId('record-response').count()).toBe(0);
      await anna.getByRole('button', { name: 'Antwort von Anna Adler erfassen' }).click();
      const reply = page.getByRole('dialog', { name: 'Antwort erfassen' });
      await reply.getByLabel('hat geantwortet').check();
      await reply.getByRole('button', { name: 'Speichern' }).click();
      await reply.waitFor({ state: 'detached' });
      await expect
        .poll(() => page.getByTestId('response-recorded').textContent())
        .toBe('Antwort von Anna Adler erfasst.');

      // 6. "Welche Kundengruppe hat reagiert?": chart and its table, per customer group
      const report = page.getByTestId('report-card');
      await report.getByRole('heading', { name: 'Welche Kundengruppe hat reagiert?' }).waitFor();
      const big = report.getByTestId('report-row').filter({ hasText: 'Großkunden' });
      await expect.poll(() => big.getByTestId('report-responded').textContent()).toBe('1');
      expect(await big.getByTestId('report-rate').textContent()).toMatch(/^50\s?%$/);
      const trade = report.getByTestId('report-row').filter({ hasText: 'Fachhandel' });
      expect(await trade.getByTestId('report-responded').textContent()).toBe('0');
      expect(await trade.getByTestId('report-rate').textContent()).toMatch(/^0\s?%$/);
      await expect.poll(() => report.getByTestId('total-replied').textContent()).toBe('1');
      await expect.poll(() => report.locator('svg.recharts-surface').count()).toBeGreaterThan(0);

      // the same page in English
      await page.getByTestId('lang-en').click();
      await report.getByRole('heading', { name: 'Which customer group responded?' }).waitFor();
      await page.context().close();
    });

    it('a campaign nobody may receive is refused with the reason from the API', async () => {
      // "Marketing" by e-mail rests on legitimate interest only for the purpose on record: nobody here
      const segments = await apiCall<{ items: { id: string; name: string }[] }>(
        adminToken,
        'GET',
        '/segments',
        undefined,
        200,
      );
      const segment = segments.items.find((s) => s.name === SEGMENT);
      if (!segment) throw new Error('the segment of the first test is missing');
      const created = await apiCall<{ id: string }>(adminToken, 'POST', '/campaigns', {
        name: 'Sommerangebot',
        kind: 'email',
        occasion: 'offer',
        segmentId: segment.id,
        purposeId: 'marketing',
        language: 'de',
        subject: 'Sommerangebot',
        body: 'Hallo {{firstName}}',
        recurrence: 'none',
      });
      const page = await logIn();
      await page.goto(`/marketing/campaigns/${created.id}`);
      const reach = page.getByTestId('campaign-reach');
      await expect.poll(() => reach.getByTestId('evaluation-eligible').textContent()).toBe('0');
      await page.getByTestId('campaign-send').click();
      const dialog = page.getByRole('dialog', { name: 'Aktion jetzt senden?' });
      await dialog.getByRole('button', { name: 'Senden', exact: true }).click();
      const error = dialog.getByTestId('error-message');
      await error.waitFor();
      expect((await error.textContent())?.length).toBeGreaterThan(10);
      expect(await page.getByTestId('campaign-status').getAttribute('data-status')).toBe('draft');
      await page.context().close();
    });
  },
);

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword } from './support/session.ts';

const MARKETER = {
  email: 'mara.marketing@example.de',
  password: 'telefonische einwilligung mit vermerk',
  displayName: 'Mara Marketing',
};
const WORDING =
  'Ich bin einverstanden, dass mich die Muster GmbH telefonisch über neue Büromöbel und Sonderangebote informiert. Diese Einwilligung kann ich jederzeit widerrufen.';
const NOTE =
  'Anruf am Messestand, Frau Kundin hat der Werbung per Telefon ausdrücklich zugestimmt (Mara Marketing).';

/** § 7a UWG: a consent to phone advertising needs proof; staff record it with a note and withdraw it. */
describe.runIf(browserAvailable())(
  'marketing records a consent given by phone, with the note as proof, and withdraws it when asked',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let personId: string;

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
      const { token } = await createToken(server.ctx, { tenantId, userId: adminId, name: 'e2e seed' });
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${server.url}/api/v1${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { id: string }).id;
      };
      await post('/consent-wordings', {
        purposeId: 'marketing',
        channel: 'phone',
        language: 'de',
        text: WORDING,
        advertiser: 'Muster GmbH',
        productScope: 'Büromöbel',
      });
      personId = await post('/persons', {
        kind: 'customer',
        firstName: 'Klara',
        lastName: 'Kundin',
        phone: '+49 30 5550199',
        legalBasis: 'contract',
        purposes: ['sales'],
        source: { kind: 'business_card', detail: 'Messe' },
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the ledger keeps the withdrawn phone consent with its note next to the one given later', async () => {
      const page = await newPage(browser, server.url, 'de');
      await submitPassword(page, 'de', MARKETER);
      await page.waitForURL((url) => url.pathname === '/persons');
      await page.goto(`/persons/${personId}`);
      await expect.poll(() => page.getByTestId('person-name').textContent()).toBe('Klara Kundin');
      const card = page.getByTestId('consents-card');
      await card.getByText('Keine Einwilligungen erfasst.').waitFor();
      expect(await card.getByRole('link', { name: 'Verlauf drucken (PDF)' }).getAttribute('href')).toBe(
        `/api/v1/persons/${personId}/consents/history.pdf`,
      );

      // 1. record: purpose and channel show the current wording verbatim
      const record = async (note: string | null) => {
        await card.getByRole('button', { name: 'Einwilligung erfassen' }).click();
        const dialog = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
        await dialog.getByLabel('Zweck').selectOption('marketing');
        await dialog.getByLabel('Kanal').selectOption({ label: 'Telefon' });
        await expect.poll(() => dialog.getByTestId('consent-wording-text').textContent()).toBe(WORDING);
        expect(await dialog.getByLabel('Art der Erteilung').inputValue()).toBe('phone');
        if (note === null) return dialog;
        await dialog.getByLabel('Vermerk').fill(note);
        await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
        await dialog.waitFor({ state: 'detached' });
        return dialog;
      };

      // by phone without a note: refused (§ 7a UWG)
      const dialog = await record(null);
      await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
      await dialog
        .getByText('Bei einer telefonischen Einwilligung ist ein Vermerk zum Nachweis Pflicht (§ 7a UWG).')
        .waitFor();
      await dialog.getByLabel('Vermerk').fill(NOTE);
      await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
      await dialog.waitFor({ state: 'detached' });

      const entries = card.getByTestId('consent');
      await expect.poll(() => entries.count()).toBe(1);
      const first = entries.first();
      expect(await first.getByTestId('consent-state').textContent()).toBe('gültig');
      expect(await first.getByTestId('consent-method').textContent()).toBe('Telefonisch');
      expect(await first.textContent()).toContain(NOTE);
      expect(await first.textContent()).toContain('Telefon');
      await first.getByTestId('consent-wording').locator('summary').click();
      await first.getByText(WORDING).waitFor();

      // 2. she calls again and withdraws: confirm in the dialog, with a note
      await first.getByRole('button', { name: 'Widerrufen' }).click();
      const confirm = page.getByRole('dialog', { name: 'Einwilligung widerrufen?' });
      await confirm.getByLabel('Vermerk').fill('Widerruf am Telefon');
      await confirm.getByRole('button', { name: 'Einwilligung widerrufen' }).click();
      await confirm.waitFor({ state: 'detached' });
      await expect.poll(() => first.getAttribute('data-state')).toBe('withdrawn');
      const withdrawn = (await first.getByTestId('consent-withdrawn').textContent()) ?? '';
      expect(withdrawn).toContain('durch Mitarbeitende erfasst');
      expect(withdrawn).toContain('Widerruf am Telefon');
      expect(await first.getByRole('button', { name: 'Widerrufen' }).count()).toBe(0);

      // 3. weeks later she agrees again: a new entry; the withdrawn one stays as proof
      await record('Rückruf, erneute Zustimmung zur telefonischen Werbung.');
      await expect.poll(() => entries.count()).toBe(2);
      const states = await entries.evaluateAll((nodes) =>
        nodes.map((n) => n.getAttribute('data-state')).sort(),
      );
      expect(states).toEqual(['valid', 'withdrawn']);
      const old = card.locator('[data-testid="consent"][data-state="withdrawn"]');
      expect(await old.textContent()).toContain(NOTE);

      // the printable history is a PDF for this person
      const pdf = await page.context().request.get(`/api/v1/persons/${personId}/consents/history.pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      await page.context().close();
    });
  },
);

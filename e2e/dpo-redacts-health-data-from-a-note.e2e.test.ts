import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo, seedDpoAndPerson } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = {
  email: 'dsb@example.de',
  password: 'nur was wir brauchen',
  displayName: 'Dora Datenschutz',
};
const NOTE = 'Rückruf am Dienstag. Kundin hat Diabetes, bitte zuckerfreie Proben schicken.';
const CUSTOMER = { firstName: 'Greta', lastName: 'Probe', email: 'greta@example.de', notes: NOTE };

describe.runIf(browserAvailable())(
  'the data protection officer redacts health data from a note: a colleague wrote "Diabetes" into a note, the DPO finds it in the redaction queue, sees the hit, redacts it irreversibly, and the note shows the placeholder',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let personId: string;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      // entered by a colleague (the admin) through the API, as the person form does
      personId = await seedDpoAndPerson(server, { dpo: DPO, person: CUSTOMER });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('opens the queue, sees the highlighted hit, redacts after confirming, and the note is redacted', async () => {
      const page = await logInAsDpo(browser, server, DPO);

      // 1. Prüfliste sensibler Daten: one open finding for Greta's notes, kind health
      await page.getByTestId('nav-redactions').click();
      await page.waitForURL((url) => url.pathname === '/redactions');
      const row = page.getByTestId('redaction-row').first();
      await row.waitFor();
      expect(await row.textContent()).toContain('Greta Probe');
      expect(await row.textContent()).toContain('Gesundheit');
      expect(await row.textContent()).not.toContain('Diabetes');

      // 2. the detail shows the text with the hit marked and ticked
      await row.getByTestId('redaction-open').click();
      const hit = page.getByTestId('redaction-hit');
      await hit.waitFor();
      expect(await hit.textContent()).toBe('Diabetes');
      expect(await hit.getAttribute('data-kind')).toBe('health');
      expect(await page.getByTestId('redaction-hit-check-health').isChecked()).toBe(true);

      // 3. redact, after the warning that it cannot be undone
      await page.getByTestId('redaction-redact').click();
      const dialog = page.getByRole('dialog', { name: 'Unwiderruflich schwärzen?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Niemand kann sie wiederherstellen');
      await dialog.getByTestId('confirm').click();
      await page.getByTestId('redaction-done').waitFor();
      expect(await page.getByTestId('redaction-status').textContent()).toBe('Geschwärzt');
      await page.getByTestId('redaction-notice').waitFor();

      // 4. the person's note now holds the placeholder instead of the diagnosis
      await page.goto(`${server.url}/persons/${personId}`);
      await page.getByText('Rückruf am Dienstag.', { exact: false }).waitFor();
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).toContain('Kundin hat [entfernt: Gesundheit], bitte zuckerfreie Proben schicken.');
      expect(body).not.toContain('Diabetes');
    });
  },
);

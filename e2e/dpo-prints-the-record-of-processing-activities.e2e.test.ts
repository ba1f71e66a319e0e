import fs from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo, seedDpoAndPerson } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = {
  email: 'dsb@example.de',
  password: 'verzeichnis nach artikel dreissig',
  displayName: 'Dora Datenschutz',
};

describe.runIf(browserAvailable())(
  'the data protection officer prints the record of processing activities (Art. 30): fills the controller details, confirms the prefilled sales activity and downloads the PDF',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      await seedDpoAndPerson(server, {
        dpo: DPO,
        person: { firstName: 'Anna', lastName: 'Beispiel', email: 'anna@example.de' },
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('fills the controller details, confirms "Vertrieb" and downloads the PDF', async () => {
      const page = await logInAsDpo(browser, server, DPO);
      await page.getByRole('link', { name: 'Rechenschaft', exact: true }).click();
      await page.getByTestId('accountability-tab-ropa').click();
      await page.waitForURL((url) => url.pathname === '/accountability/ropa');

      // the record lists one draft activity per declared purpose, "Vertrieb" among them
      const row = page.getByTestId('ropa-activity-row').filter({ hasText: 'Vertrieb' });
      await row.waitFor();
      expect(await row.getByTestId('ropa-activity-status').textContent()).toBe('Entwurf');

      // 1. the controller details (Art. 30(1)(a))
      const settings = page.getByTestId('ropa-settings-form');
      await settings.getByLabel('Name des Verantwortlichen').fill('Muster GmbH');
      await settings.getByLabel('Anschrift').fill('Hauptstraße 1, 10115 Berlin');
      await settings.getByLabel('Kontaktdaten (Telefon, E-Mail)').fill('datenschutz@muster.example');
      await settings.getByLabel('Datenschutzbeauftragte(r)', { exact: true }).fill('Dora Datenschutz');
      await settings
        .getByLabel('Allgemeine technische und organisatorische Maßnahmen (Art. 32)')
        .fill('Verschlüsselung der Daten, Rollen- und Rechtekonzept, Protokollierung');
      await settings.getByRole('button', { name: 'Angaben speichern' }).click();
      await page.getByRole('status').filter({ hasText: 'wurden gespeichert' }).waitFor();

      // 2. the prefilled sales activity: the live facts are shown, the DPO confirms them
      await row.getByTestId('ropa-activity-link').click();
      await page.waitForURL(/\/accountability\/ropa\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: 'Vertrieb', level: 1 }).waitFor();
      await expect
        .poll(() => page.getByTestId('ropa-live-dataCategories').textContent())
        .toContain('Kontaktdaten');
      expect(await page.getByTestId('ropa-live-legalBases').textContent()).toContain(
        'Art. 6 Abs. 1 lit. b DSGVO',
      );
      expect(await page.getByTestId('ropa-facts-persons').textContent()).toBe('1');
      await page.getByTestId('ropa-field-recipients').fill('Vertriebsinnendienst, Steuerberater');
      await page.getByRole('button', { name: 'Speichern und bestätigen' }).click();
      await expect.poll(() => page.getByTestId('ropa-activity-status').textContent()).toBe('Bestätigt');
      expect(await page.getByTestId('ropa-activity-confirmed').textContent()).toContain('Dora Datenschutz');

      // 3. back to the record: confirmed; the PDF downloads and carries the Art. 30 headings
      await page.getByRole('link', { name: 'Zurück zum Verzeichnis' }).click();
      await expect.poll(() => row.getByTestId('ropa-activity-status').textContent()).toBe('Bestätigt');
      const link = page.getByTestId('ropa-export-pdf');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('ropa-de.pdf');
      // the same link as the browser session fetches it: a PDF
      const href = (await link.getAttribute('href')) as string;
      const contentType = await page.evaluate(
        async (url) => (await fetch(url, { credentials: 'same-origin' })).headers.get('content-type'),
        href,
      );
      expect(contentType).toContain('application/pdf');
      const bytes = await fs.readFile((await download.path()) as string);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Verzeichnis von Verarbeitungstätigkeiten');
      expect(flat).toContain('Name und Kontaktdaten des Verantwortlichen (Art. 30 Abs. 1 lit. a DSGVO)');
      expect(flat).toContain('Muster GmbH');
      expect(flat).toContain('Vertriebsinnendienst, Steuerberater');
      await page.context().close();
    });
  },
);

import fs from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { adminApi, seedCustomer } from './support/privacy-portal.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword } from './support/session.ts';

const SALES = {
  email: 'vertrieb@example.de',
  password: 'abgleich mit dem erp',
  displayName: 'Sven Vertrieb',
};

describe.runIf(browserAvailable())(
  'sales uploads the ERP customer export, checks the suggested mapping and sees who matches, who is missing on either side and where the addresses disagree',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const api = await adminApi(server);
      await createUser(server.ctx, {
        tenantId: api.tenantId,
        input: { ...SALES, role: 'sales', departmentIds: [] },
      });
      await seedCustomer(api, {
        firstName: 'Jürgen',
        lastName: 'Müller',
        email: 'j.mueller@example.de',
        address: { street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin', country: 'DE' },
      });
      await seedCustomer(api, {
        firstName: 'Anna',
        lastName: 'Weiß',
        email: 'anna.weiss@example.de',
        address: { street: 'Gartenstraße 12', postalCode: '80331', city: 'München', country: 'DE' },
      });
      await seedCustomer(api, { firstName: 'Petra', lastName: 'Schulz', email: 'petra@example.de' });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('upload, summary, agreement per field, the three lists and the CSV download', async () => {
      const page = await newPage(browser, server.url, 'de');
      await submitPassword(page, 'de', SALES);
      await page.getByRole('link', { name: 'Abgleich', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/consistency');

      const erp = [
        '\uFEFFKundennr;Vorname;Nachname;E-Mail;Straße;PLZ;Ort',
        'K-1;Juergen;Mueller;J.Mueller@example.de;Hauptstr. 5;10115;Berlin',
        'K-2;Anna;Weiss;;Gartenstr. 12;80331;Augsburg',
        'K-3;Neu;Kunde;neu@example.de;;;',
      ].join('\r\n');
      await page.getByTestId('consistency-file').setInputFiles({
        name: 'erp-kunden.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(erp, 'utf8'),
      });
      await page.getByRole('button', { name: 'Abgleichen', exact: true }).click();
      const count = (key: string) => page.getByTestId(`consistency-${key}`).getAttribute('data-count');
      await expect.poll(() => count('matched')).toBe('2');
      expect(await count('onlyInCustos')).toBe('1');
      expect(await count('onlyInFile')).toBe('1');
      expect(await page.getByTestId('consistency-map-Ort').inputValue()).toBe('address.city');

      const city = page.getByTestId('consistency-field-city');
      expect(await city.textContent()).toContain('1 / 2');
      const disagreement = page.getByTestId('consistency-disagreement');
      expect(await disagreement.count()).toBe(1);
      expect(await disagreement.textContent()).toContain('München');
      expect(await disagreement.textContent()).toContain('Augsburg');
      expect(await page.getByTestId('consistency-only-custos').textContent()).toContain('Petra Schulz');
      expect(await page.getByTestId('consistency-only-file').textContent()).toContain('Neu Kunde');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('consistency-download').click(),
      ]);
      const csv = await fs.readFile((await download.path()) as string, 'utf8');
      expect(csv).toContain('disagreement;3;');
      expect(csv).toContain(';city;München;Augsburg');
      await page.context().close();
    });
  },
);

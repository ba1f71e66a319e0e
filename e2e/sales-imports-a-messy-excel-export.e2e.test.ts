import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { adminApi, seedCustomer } from './support/privacy-portal.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword } from './support/session.ts';

const SALES = {
  email: 'import@example.de',
  password: 'messeliste importieren 2026',
  displayName: 'Ingrid Import',
};

/** Windows-1252 bytes of a text (the characters a German export holds: umlauts, ß, €). */
const windows1252 = (text: string) =>
  Buffer.from(
    [...text].map((ch) => {
      const extra: Record<string, number> = { '€': 0x80, '„': 0x84, '“': 0x93 };
      const code = extra[ch] ?? ch.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
      return code;
    }),
  );

/**
 * A German Excel export ("CSV (Trennzeichen-getrennt)"): `;`, CRLF, Windows-1252. One row has an
 * invalid e-mail address, one is a person Custos already knows.
 */
const CSV = windows1252(
  [
    'Vorname;Nachname;E-Mail;Telefon;Straße;PLZ;Ort',
    'Jörg;Weißmüller;joerg.weissmueller@example.de;030 1234567;Gartenstraße 3;10115;Berlin',
    'Bärbel;Schütz;baerbel.schuetz(at)example.de;040 7654321;Ölmühlenweg 7;20095;Hamburg',
    'Jürgen;Müller;juergen.mueller@example.de;030 1111111;Hauptstr. 5;10115;Berlin',
    'Änne;Großkopf;aenne.grosskopf@example.de;089 5555555;Isartorplatz 1;80331;München',
    '',
  ].join('\r\n'),
);

describe.runIf(browserAvailable())(
  'sales imports a messy Excel export: mapping, dry run with problems, commit without invalid rows',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const tenantId = (
        await asSystem(server.ctx.db.kysely, (tx) =>
          tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow(),
        )
      ).id;
      await createUser(server.ctx, { tenantId, input: { ...SALES, role: 'sales', departmentIds: [] } });
      const api = await adminApi(server);
      await seedCustomer(api, {
        firstName: 'Jürgen',
        lastName: 'Müller',
        email: 'juergen.mueller@example.de',
        phone: '+49 30 1111111',
        address: { street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin' },
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('uploads, maps, sees the invalid and the duplicate row, commits the valid ones and finds them', async () => {
      const page = await newPage(browser, server.url, 'de');
      await submitPassword(page, 'de', SALES);
      await page.getByTestId('nav-import').click();
      await page.waitForURL((url) => url.pathname === '/import');

      // 1 upload: the server tells the encoding and the delimiter
      await page
        .getByTestId('import-file')
        .setInputFiles({ name: 'Messeliste 2026.csv', mimeType: 'text/csv', buffer: CSV });
      await page.getByTestId('import-file-facts').waitFor();
      expect(await page.getByTestId('import-encoding').textContent()).toBe('windows-1252');
      expect(await page.getByTestId('import-delimiter').textContent()).toContain(';');
      await page.getByTestId('import-next').click();

      // 2 mapping: suggested from the German headers, the preview shows the decoded umlauts
      const table = page.getByTestId('import-mapping-table');
      await table.waitFor();
      expect(await table.textContent()).toContain('Weißmüller');
      expect(await page.getByTestId('import-map-E-Mail').inputValue()).toBe('email');
      expect(await page.getByTestId('import-map-Nachname').inputValue()).toBe('lastName');
      await page.getByTestId('import-map-Straße').selectOption('address.street');
      await page.getByTestId('import-map-PLZ').selectOption('address.postalCode');
      await page.getByTestId('import-map-Ort').selectOption('address.city');
      await page.getByTestId('import-next').click();

      // 3 legal basis, purposes, source of the batch
      await page.getByLabel('Vertrieb', { exact: true }).check();
      await page.getByTestId('import-legal-basis').selectOption('legitimate_interest');
      await page.getByTestId('import-source-kind').selectOption('event');
      await page.getByTestId('import-source-detail').fill('Hannover Messe 2026');
      await page.getByTestId('import-dry-run').click();

      // 4 dry run: one invalid row, one duplicate, two valid
      await page.getByTestId('import-counts').waitFor();
      expect(await page.getByTestId('import-count-valid').textContent()).toContain('2');
      expect(await page.getByTestId('import-count-invalid').textContent()).toContain('1');
      expect(await page.getByTestId('import-count-duplicate').textContent()).toContain('1');
      expect(await page.getByTestId('import-row-3').textContent()).toContain('E-Mail ungültig');
      expect(await page.getByTestId('import-row-4').textContent()).toContain('Dublette');
      expect(await page.getByTestId('import-report-csv').getAttribute('href')).toMatch(/report\.csv$/);

      // 5 commit, leaving the invalid row out and the duplicate for review
      await page.getByTestId('import-exclude-invalid').check();
      await page.getByTestId('import-commit').click();
      await page.getByTestId('import-result').waitFor();
      expect(await page.getByTestId('import-count-created').textContent()).toContain('2');

      // the new persons are findable
      await page.getByTestId('import-to-persons').click();
      await page.waitForURL((url) => url.pathname === '/persons');
      await page.getByLabel('Suche').fill('Weißmüller');
      const hit = page.getByTestId('person-link').filter({ hasText: 'Weißmüller' });
      await hit.waitFor();
      await hit.click();
      await expect.poll(() => page.getByTestId('person-name').textContent()).toContain('Jörg');
      await page.context().close();
    });
  },
);

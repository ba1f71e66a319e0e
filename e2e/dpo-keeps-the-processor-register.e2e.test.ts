import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = {
  email: 'dsb@example.de',
  password: 'auftragsverarbeitung art 28',
  displayName: 'Dora Datenschutz',
};
const NAME = 'Rundbrief Cloud Inc.';
/** A minimal PDF as the signed agreement. */
const AVV_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.runIf(browserAvailable())(
  'the data protection officer keeps the processor register: a US newsletter service without AVV and transfer mechanism shows warnings until the AVV is uploaded and the Data Privacy Framework chosen',
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
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('registers the processor, sees the warnings, uploads the AVV, chooses the DPF and the warnings go', async () => {
      const page = await logInAsDpo(browser, server, DPO);
      await page.getByTestId('nav-accountability').click();
      await page.getByTestId('accountability-tab-systems').click();
      await page.waitForURL((url) => url.pathname === '/accountability/systems');
      await page.getByRole('heading', { name: 'Systeme und Auftragsverarbeiter', level: 1 }).waitFor();
      await page.getByText('Noch keine Einträge.', { exact: false }).waitFor();

      // 1. a US SaaS newsletter processor, without AVV and without a transfer mechanism
      await page.getByTestId('system-new').click();
      const dialog = page.getByRole('dialog', { name: 'Neuer Eintrag' });
      await dialog.getByLabel('Name', { exact: true }).fill(NAME);
      await dialog.getByLabel('Art', { exact: true }).selectOption('processor');
      await dialog.getByLabel('Ort der Daten').selectOption('saas');
      await dialog.getByLabel('Land (ISO-Code, z. B. DE, US)').fill('us');
      await dialog.getByLabel('Newsletter', { exact: true }).check();
      await dialog.getByLabel('Identitätsdaten').check();
      await dialog.getByLabel('Kontaktdaten').check();
      await dialog.getByLabel('Betroffenengruppen (durch Komma getrennt)').fill('Newsletter-Abonnenten');
      await dialog.getByTestId('system-save').click();
      await dialog.waitFor({ state: 'detached' });

      const entry = page
        .getByTestId('systems-group-saas')
        .getByTestId('system-entry')
        .filter({ hasText: NAME });
      await entry.waitFor();
      await entry.getByTestId('system-third-country').waitFor();
      expect(await entry.getByTestId('system-warning-avv_missing').textContent()).toBe('AVV fehlt');
      expect(await entry.getByTestId('system-warning-transfer_without_mechanism').textContent()).toBe(
        'Kein Übermittlungsmechanismus',
      );
      const summary = page.getByTestId('systems-summary');
      expect(await summary.getAttribute('data-state')).toBe('violations');
      expect(await summary.textContent()).toContain('Auftragsverarbeiter ohne AVV: 1');

      // 2. the signed AVV as PDF
      await entry.getByTestId('system-avv-file').setInputFiles({
        name: 'AVV-Rundbrief-Cloud.pdf',
        mimeType: 'application/pdf',
        buffer: AVV_PDF,
      });
      const download = entry.getByTestId('system-avv-download');
      await download.waitFor();
      expect(await download.textContent()).toContain('AVV-Rundbrief-Cloud.pdf');
      const fetched = await page.request.get(`${server.url}${await download.getAttribute('href')}`);
      expect(fetched.status()).toBe(200);
      expect(fetched.headers()['content-type']).toBe('application/pdf');
      expect(Buffer.from(await fetched.body()).equals(AVV_PDF)).toBe(true);

      // 3. an adequacy decision does not cover the US: the refusal is shown, nothing saved
      await entry.getByTestId('system-edit').click();
      const edit = page.getByRole('dialog', { name: 'Bearbeiten' });
      await edit.getByLabel('Übermittlungsmechanismus (Drittland)').selectOption('adequacy');
      await edit.getByTestId('system-save').click();
      await edit.getByTestId('error-message').filter({ hasText: 'Data Privacy Framework' }).waitFor();

      // 4. the Data Privacy Framework, the certification checked, and the AVV's signing date
      await edit.getByLabel('Übermittlungsmechanismus (Drittland)').selectOption('dpf');
      await edit.getByLabel('DPF-Liste geprüft am').fill('2026-03-01');
      await edit.getByLabel('AVV unterzeichnet am (Art. 28)').fill('2026-02-15');
      await edit.getByTestId('system-save').click();
      await edit.waitFor({ state: 'detached' });

      await expect
        .poll(() => entry.getByTestId('system-mechanism').textContent())
        .toBe('EU-US Data Privacy Framework');
      await entry.getByTestId('system-warnings').waitFor({ state: 'detached' });
      await expect.poll(() => summary.getAttribute('data-state')).toBe('ok');
      expect(await entry.getByTestId('system-transfer').textContent()).toContain('(EU) 2023/1795');
    });
  },
);

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { plant } from '../src/modules/retention/sweeps.fixtures.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo, seedDpoAndPerson } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = {
  email: 'dsb@example.de',
  password: 'sechs jahre ab jahresende',
  displayName: 'Dora Datenschutz',
};
const CUSTOMER = { firstName: 'Otto', lastName: 'Altkunde', email: 'otto@example.de' };

describe.runIf(browserAvailable())(
  'the data protection officer previews and runs a retention sweep: an interaction from 2015 is due under the shipped rule (6 years from year end), the sweep deletes it and reports the count',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const personId = await seedDpoAndPerson(server, { dpo: DPO, person: CUSTOMER });
      const tenantId = await asSystem(
        server.ctx.db.kysely,
        async (tx) => (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
      );
      // a phone call of March 2015, as an old import would have brought it
      await plant.interaction(server.ctx.db, tenantId, { personId, occurredAt: '2015-03-10T09:30:00Z' });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('sees the old interaction in the preview, runs the sweep, sees the report and an empty preview', async () => {
      const page = await logInAsDpo(browser, server, DPO);

      // 1. Löschläufe in the accountability area: the interactions rule has one due record
      await page.getByTestId('nav-accountability').click();
      await page.getByTestId('accountability-tab-sweeps').click();
      await page.waitForURL((url) => url.pathname === '/accountability/sweeps');
      const row = page.locator('[data-testid="preview-row"][data-target="interactions"]');
      await row.waitFor();
      expect(await row.textContent()).toContain('6 Jahre ab Jahresende');
      await expect.poll(() => row.getByTestId('preview-due').textContent()).toBe('1');

      // 2. why: the record, when its period started and ended
      await row.getByTestId('preview-toggle').click();
      const item = page.getByTestId('preview-item');
      await item.waitFor();
      expect(await item.textContent()).toContain('Kontakt');
      expect(await item.textContent()).toContain('10.03.2015');
      expect(await item.textContent()).toContain('31.12.2021');

      // 3. run it now, after confirming
      await page.getByTestId('sweep-run').click();
      const dialog = page.getByRole('dialog', { name: 'Löschlauf jetzt starten?' });
      await dialog.waitFor();
      await dialog.getByTestId('confirm').click();
      const result = page.getByTestId('sweep-result');
      await result.waitFor();
      expect(await result.textContent()).toContain('1 Datensatz gelöscht');

      // 4. the report counts (no record named), and nothing is due any more
      const report = page.getByTestId('sweep-row').first();
      await expect.poll(() => report.getByTestId('sweep-total').textContent()).toBe('1');
      expect(await report.textContent()).toContain('abgeschlossen');
      expect(await report.textContent()).toContain('Kontakthistorie');
      await expect.poll(() => row.getByTestId('preview-due').textContent()).toBe('0');
      await page.getByTestId('preview-nothing-due').waitFor();
      expect(await page.getByTestId('preview-item').count()).toBe(0);
    });
  },
);

import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { adminApi, seedCustomer } from './support/privacy-portal.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword } from './support/session.ts';

const SALES = {
  email: 'foto@example.de',
  password: 'portrait mit einwilligung 2026',
  displayName: 'Frieda Foto',
};

describe.runIf(browserAvailable())(
  'sales adds a photo of a customer with consent, sees it without location data, and deletes it after withdrawal',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let personId: string;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      const tenantId = (
        await asSystem(server.ctx.db.kysely, (tx) =>
          tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow(),
        )
      ).id;
      await createUser(server.ctx, { tenantId, input: { ...SALES, role: 'sales', departmentIds: [] } });
      personId = (await seedCustomer(await adminApi(server), { firstName: 'Paula', lastName: 'Porträt' })).id;
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('uploads with purpose and consent, shows the photo, deletes it', async () => {
      const jpeg = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#c04040' } })
        .jpeg()
        .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 12/1' } })
        .toBuffer();
      const page = await newPage(browser, server.url, 'de');
      await submitPassword(page, 'de', SALES);
      await page.goto(`/persons/${personId}`);
      await page.getByTestId('photo-none').waitFor();
      await page
        .getByTestId('photo-file')
        .setInputFiles({ name: 'paula.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.getByTestId('photo-purpose').selectOption('sales');
      await page.getByTestId('photo-basis').selectOption('consent');
      await page.getByTestId('photo-upload').click();
      await page.getByTestId('person-photo').waitFor();
      await expect.poll(() => page.getByTestId('photo-facts').textContent()).toContain('Vertrieb');
      const stored = await asSystem(server.ctx.db.kysely, (tx) =>
        tx
          .selectFrom('person_photos')
          .select(['legal_basis', 'purpose_id'])
          .where('person_id', '=', personId)
          .execute(),
      );
      expect(stored).toEqual([{ legal_basis: 'consent', purpose_id: 'sales' }]);

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByTestId('photo-delete').click();
      await page.getByTestId('photo-none').waitFor();
      await page.context().close();
    });
  },
);

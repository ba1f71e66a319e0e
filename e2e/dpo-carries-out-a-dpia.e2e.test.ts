import fs from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = { email: 'dsb@example.de', password: 'folgen abschaetzen', displayName: 'Dora Datenschutz' };
const SUPPORT = { email: 'service@example.de', password: 'rollstuhl rampe', displayName: 'Sina Service' };
const RISK = 'Unbefugte Kenntnis von Gesundheitsdaten';

describe.runIf(browserAvailable())(
  'the data protection officer carries out a DPIA (Art. 35): health data makes it required, sign-off needs measures, the signed-off DPIA is printed',
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
      // a service colleague records a customer's accessibility needs (data concerning health, Art. 9)
      const support = await createUser(server.ctx, {
        tenantId,
        input: { ...SUPPORT, role: 'support', departmentIds: [] },
      });
      const { token } = await createToken(server.ctx, { tenantId, userId: support.id, name: 'e2e seed' });
      const res = await fetch(`${server.url}/api/v1/persons`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          firstName: 'Hanna',
          lastName: 'Hilfreich',
          kind: 'customer',
          legalBasis: 'consent',
          purposes: ['customer_service'],
          source: { kind: 'business_card', detail: 'Messe' },
          accessibilityNeeds: 'Rollstuhl, Termine nur im Erdgeschoss',
          specialCategoryBasis: 'explicit_consent',
        }),
      });
      if (res.status !== 201) throw new Error(`seed person: ${res.status} ${await res.text()}`);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('sees "DSFA erforderlich" for customer service, assesses a risk, is refused without measures, adds one, signs off and downloads the PDF', async () => {
      const page = await logInAsDpo(browser, server, DPO);
      await page.getByTestId('nav-accountability').click();
      await page.getByTestId('accountability-tab-dpias').click();
      await page.waitForURL((url) => url.pathname === '/accountability/dpias');

      // 1. the screening: health data of customer service makes a DPIA required, sales needs none
      const row = page.locator('[data-testid="dpia-purpose-row"][data-purpose="customer_service"]');
      await row.getByTestId('dpia-required').waitFor();
      expect(await row.getByTestId('dpia-required').textContent()).toBe('DSFA erforderlich');
      expect(await row.textContent()).toContain('Besondere Kategorien (Art. 9) gespeichert');
      expect(await row.getByTestId('dpia-state').getAttribute('data-state')).toBe('none');
      const sales = page.locator('[data-testid="dpia-purpose-row"][data-purpose="sales"]');
      await sales.getByTestId('dpia-not-required').waitFor();

      // 2. the DPO starts the DPIA and answers the questionnaire
      await row.getByTestId('dpia-start').click();
      await page.waitForURL(/\/accountability\/dpias\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByTestId('dpia-title').textContent()).toBe('DSFA Kundenservice');
      const answers: Record<string, string> = {
        processing: 'Erfassung von Barrierefreiheitsbedarfen für Serviceeinsätze vor Ort',
        data_subjects: 'Kunden; Kontaktdaten und Angaben zur Gesundheit (Barrierefreiheit)',
        systems_recipients: 'Custos CRM; nur der Kundenservice hat Zugriff',
        necessity: 'Nur so kann der Service barrierefrei erbracht werden',
        minimisation: 'Nur der Bedarf, kein Befund; Löschung mit Ende der Kundenbeziehung',
        subject_rights: 'Information bei Erhebung, ausdrückliche Einwilligung, jederzeit widerruflich',
      };
      for (const [key, value] of Object.entries(answers))
        await page.getByTestId(`dpia-answer-${key}`).fill(value);
      await page.getByTestId('dpia-answers-save').click();
      await page.getByTestId('dpia-missing').filter({ hasText: 'risks' }).waitFor();
      await expect.poll(() => page.getByTestId('dpia-missing').textContent()).not.toContain('answers.');

      // 3. a risk on the matrix: likelihood 3 × severity 4 is very high
      await page.getByTestId('dpia-risk-new-title').fill(RISK);
      await page.getByTestId('dpia-risk-new-likelihood').selectOption('3');
      await page.getByTestId('dpia-risk-new-severity').selectOption('4');
      await page.getByTestId('dpia-risk-add').click();
      const risk = page.getByTestId('dpia-risk').filter({ hasText: RISK });
      await risk.waitFor();
      expect(await risk.getByTestId('dpia-risk-level').textContent()).toBe('sehr hoch');
      expect(await page.getByTestId('dpia-matrix').textContent()).toContain('1 / 0');

      // 4. sign-off is refused while the risk has no measures
      await page.getByTestId('dpia-opinion').fill('Mit den festgelegten Maßnahmen vertretbar.');
      await page.getByTestId('dpia-sign-off').click();
      const signOffStep = page.getByTestId('dpia-step-sign-off');
      await signOffStep
        .getByRole('alert')
        .filter({ hasText: 'erst freigegeben werden, wenn für jedes Risiko Abhilfemaßnahmen' })
        .waitFor();
      expect(await page.getByTestId('dpia-status').getAttribute('data-status')).toBe('draft');

      // 5. a measure brings the residual risk down to low
      const measures = page.getByTestId('dpia-risk-measures').filter({ hasText: RISK });
      await measures
        .getByTestId('dpia-measure-text')
        .fill('Verschlüsselung je Person, Zugriff nur Kundenservice');
      await measures.getByTestId('dpia-residual-likelihood').selectOption('1');
      await measures.getByTestId('dpia-residual-severity').selectOption('2');
      await measures.getByTestId('dpia-measure-add').click();
      await measures
        .getByTestId('dpia-measure-list')
        .filter({ hasText: 'Verschlüsselung je Person' })
        .waitFor();
      await expect.poll(() => measures.getByTestId('dpia-residual-level').textContent()).toBe('gering');

      // 6. sign-off with a review date; the DPIA becomes read-only and the purpose is covered
      await page.getByTestId('dpia-opinion').fill('Mit den festgelegten Maßnahmen vertretbar.');
      await page.getByTestId('dpia-review-at').fill('2099-06-30');
      await page.getByTestId('dpia-sign-off').click();
      await expect.poll(() => page.getByTestId('dpia-status').getAttribute('data-status')).toBe('signed_off');
      expect(await page.getByTestId('dpia-signed-off').textContent()).toContain('Dora Datenschutz');
      expect(await page.getByTestId('dpia-signed-off').textContent()).toContain('30.06.2099');
      expect(await page.getByTestId('dpia-sign-off').count()).toBe(0);

      // 7. the PDF
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('dpia-pdf').click(),
      ]);
      const pdf = await fs.readFile((await download.path()) as string);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(download.suggestedFilename()).toMatch(/^dpia-[0-9a-f-]{36}\.pdf$/);

      await page.getByRole('link', { name: 'Zurück zur Übersicht' }).click();
      await expect.poll(() => row.getByTestId('dpia-state').getAttribute('data-state')).toBe('signed_off');
      await page.context().close();
    });
  },
);

import fs from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { logInAsDpo, seedDpoAndPerson } from './support/dpo.ts';
import { startE2eServer } from './support/server.ts';

const DPO = {
  email: 'dsb@example.de',
  password: 'auskunft binnen eines monats',
  displayName: 'Dora Datenschutz',
};
const SUBJECT = { firstName: 'Agathe', lastName: 'Auskunftsreich', email: 'agathe@kundin.example' };

describe.runIf(browserAvailable())(
  'the data protection officer answers an access request (Art. 15): records it, verifies the identity, fulfils it, downloads the export and creates the answer letter',
  () => {
    let server: Awaited<ReturnType<typeof startE2eServer>>;
    let browser: Browser;
    let personId: string;

    beforeAll(async () => {
      server = await startE2eServer();
      browser = await launchBrowser();
      personId = await seedDpoAndPerson(server, {
        dpo: DPO,
        person: { ...SUBJECT, notes: 'Stammkundin seit 2019', purposes: ['sales', 'customer_service'] },
      });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const logIn = () => logInAsDpo(browser, server, DPO);

    it('answers the request in the UI within one sitting', async () => {
      const page = await logIn();

      // the inbox is empty; record the request that came in by e-mail
      await page.getByRole('link', { name: 'Betroffenenanfragen', exact: true }).click();
      await page.getByText('Keine Anfragen.').waitFor();
      await page.getByTestId('new-request').click();
      const form = page.getByTestId('request-form');
      await form.getByTestId('request-person-search').fill('Auskunfts');
      await form.getByRole('button', { name: new RegExp(SUBJECT.lastName) }).click();
      await expect
        .poll(() => form.getByTestId('request-person').inputValue())
        .toBe(`${SUBJECT.firstName} ${SUBJECT.lastName}`);
      await form.getByLabel('Art der Anfrage').selectOption('access');
      await form.getByLabel('Eingangsweg').selectOption('email');
      await form.getByLabel('Notiz zum Antrag').fill('Bittet um Auskunft über alle gespeicherten Daten.');
      await page.getByTestId('request-submit').click();

      // the request: open, one month to go, fulfilling needs the identity check first
      await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
      const requestId = /\/requests\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      await expect.poll(() => page.getByTestId('request-title').textContent()).toBe('Auskunft (Art. 15)');
      expect(await page.getByTestId('request-status').getAttribute('data-status')).toBe('open');
      expect(await page.getByTestId('request-person-name').textContent()).toContain(SUBJECT.lastName);
      expect(await page.getByTestId('request-days-left').textContent()).toMatch(/\d+ Tage/);
      expect(await page.getByTestId('request-fulfil').isDisabled()).toBe(true);
      await page.getByTestId('verify-first').waitFor();

      // the DPO takes the request
      expect(await page.getByTestId('request-assignee').textContent()).toBe('niemand');
      await page.getByRole('button', { name: 'Mir zuweisen' }).click();
      await page.getByRole('button', { name: 'Mir zuweisen' }).waitFor({ state: 'detached' });
      expect(await page.getByTestId('request-assignee').textContent()).toBe(DPO.displayName);

      // the identity is confirmed: the request came from the e-mail address we know
      const verification = page.getByTestId('verification-form');
      await verification.getByLabel('Methode').selectOption('known_email');
      await verification.getByLabel('Ergebnis').selectOption('passed');
      await verification.getByLabel('Notiz').fill('Absender = bekannte Adresse');
      await page.getByTestId('verification-add').click();
      await page.getByTestId('verification-step').filter({ hasText: 'Bestanden' }).waitFor();
      await expect.poll(() => page.getByTestId('identity-status').textContent()).toBe('Identität bestätigt');

      // fulfil: the dialog says what happens, then the request is completed
      await page.getByTestId('request-fulfil').click();
      const dialog = page.getByRole('dialog', { name: 'Anfrage erfüllen?' });
      await dialog.getByText('Export (JSON, CSV)').waitFor();
      await dialog.getByTestId('confirm-fulfil').click();
      await expect
        .poll(() => page.getByTestId('request-status').getAttribute('data-status'))
        .toBe('completed');
      expect(await dialog.count()).toBe(0);
      await page.getByTestId('request-event').filter({ hasText: 'Erfüllt' }).waitFor();

      // the JSON export downloads and holds the person's data
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-json').click(),
      ]);
      const exported = JSON.parse(await fs.readFile((await download.path()) as string, 'utf8')) as unknown;
      const text = JSON.stringify(exported);
      expect(text).toContain(SUBJECT.lastName);
      expect(text).toContain(SUBJECT.email);
      expect(text).toContain('Stammkundin seit 2019');
      // the CSV archive is offered as a zip
      const csv = await page
        .context()
        .request.get((await page.getByTestId('export-csv').getAttribute('href')) ?? '');
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('zip');

      // the answer letter: preselected for a completed access request, created as PDF
      expect(await page.getByTestId('letter-kind').inputValue()).toBe('access_answer');
      await page.getByTestId('letter-create').click();
      const letter = page.getByTestId('letter').filter({ hasText: 'Auskunft' });
      await letter.waitFor();
      expect(await letter.getAttribute('data-kind')).toBe('access_answer');
      const pdf = await page
        .context()
        .request.get((await letter.getByTestId('letter-pdf').getAttribute('href')) ?? '');
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      // sent by e-mail to the address on record (no SMTP here: into the outbox), then shown as sent
      await letter.getByTestId('letter-email').click();
      await letter.getByText(/^Versendet /).waitFor();
      const mailed = await asSystem(server.ctx.db.kysely, (tx) =>
        tx
          .selectFrom('outbound_mails')
          .select(['to_address', 'kind'])
          .where('person_id', '=', personId)
          .execute(),
      );
      expect(mailed).toEqual([{ to_address: SUBJECT.email, kind: 'notice' }]);

      // the inbox: nothing open any more; the closed view lists the request as completed
      await page.getByRole('link', { name: 'Zurück zu den Anfragen' }).click();
      await page.getByText('Keine Anfragen.').waitFor();
      await page.getByTestId('request-filter').selectOption('closed');
      const row = page.locator(`[data-request-id="${requestId}"]`);
      await row.waitFor();
      expect(await row.getByTestId('request-status').getAttribute('data-status')).toBe('completed');
      expect(await row.getByTestId('request-person').textContent()).toContain(SUBJECT.lastName);
      expect(personId).toBeTruthy();
      await page.context().close();
    });

    it('keeps the tools around it: field locks on the person, letter templates and the Bundesland for deadlines', async () => {
      const page = await logIn();

      // the person refuses to give a birthday: the DPO locks the field, the person page shows it
      await page.goto(`/persons/${personId}`);
      const locks = page.getByTestId('field-locks-card');
      await locks.getByText('Keine Felder gesperrt.').waitFor();
      await locks.getByLabel('Feld').selectOption('birthDate');
      await locks.getByLabel('Grund (optional)').fill('Möchte kein Geburtsdatum angeben');
      await locks.getByTestId('lock-submit').click();
      await locks.getByTestId('field-lock').filter({ hasText: 'Geburtsdatum' }).waitFor();
      await expect
        .poll(() => page.getByTestId('person-locked-fields').textContent())
        .toContain('Geburtsdatum');

      // letter templates: every kind in German and English; an edit shows as customised, reset brings the default back
      await page.getByRole('link', { name: 'Einstellungen', exact: true }).click();
      await page.getByTestId('settings-letter-templates').click();
      const rows = page.getByTestId('template-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(18);
      const ack = page.locator('[data-testid="template-row"][data-kind="acknowledgement"][data-locale="de"]');
      await ack.getByTestId('template-edit').click();
      const editor = page.getByTestId('template-form');
      await editor
        .getByTestId('template-subject')
        .fill('Ihre Anfrage {{requestNumber}} ist bei uns eingegangen');
      await editor.getByTestId('template-save').click();
      await editor.waitFor({ state: 'detached' });
      await ack.getByText('Angepasst').waitFor();
      expect(await ack.textContent()).toContain('ist bei uns eingegangen');
      await ack.getByTestId('template-reset').click();
      await page.getByRole('dialog', { name: 'Vorlage zurücksetzen?' }).getByTestId('confirm').click();
      await ack.getByText('Standard').waitFor();

      // the Bundesland whose holidays move deadlines
      await page.getByTestId('settings-requests').click();
      const state = page.getByLabel('Bundesland für Fristen');
      expect(await state.inputValue()).toBe('');
      await state.selectOption('BY');
      await page.getByText('Gespeichert.').waitFor();
      await page.reload();
      await expect.poll(() => page.getByLabel('Bundesland für Fristen').inputValue()).toBe('BY');
      await page.context().close();
    });
  },
);

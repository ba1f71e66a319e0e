import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem, inTenant } from '../src/db/tenant.ts';
import { shredSubjectKey } from '../src/modules/keys/keys.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { type Language, newPage, submitPassword } from './support/session.ts';

const DPO = {
  email: 'dsb@example.de',
  password: 'datenschutz geht vor 2026',
  displayName: 'Dora Datenschutz',
};
const SALES = {
  email: 'vertrieb@example.de',
  password: 'verkaufen macht spass 2026',
  displayName: 'Sven Vertrieb',
};

const OLD_EMAIL = 'hedwig.alt@example.de';
const NEW_EMAIL = 'hedwig.neu@example.de';
const NOTES = 'Möchte nur per Brief kontaktiert werden';

describe.runIf(browserAvailable())('the data protection officer reviews the audit trail', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Browser;
  let tenantId: string;
  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    tenantId = (
      await asSystem(server.ctx.db.kysely, (tx) =>
        tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow(),
      )
    ).id;
    for (const [user, role] of [
      [DPO, 'dpo'],
      [SALES, 'sales'],
    ] as const) {
      await createUser(server.ctx, {
        tenantId,
        input: { ...user, role, departmentIds: [] },
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const logIn = async (language: Language, user: { email: string; password: string }, home: string) => {
    const page = await newPage(browser, server.url, language);
    await submitPassword(page, language, user);
    await page.getByRole('link', { name: home, exact: true }).waitFor();
    return page;
  };

  /** The actions of the entries shown, newest first. */
  const actionsShown = (page: Page) =>
    page
      .getByTestId('audit-entry')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.action));

  it('sees who created, read and changed a contact with old and new values, until the key is shredded', async () => {
    // German, desktop: the DPO records a contact with notes and then corrects the e-mail address
    const page = await logIn('de', DPO, 'Neuer Kontakt');
    await page.getByRole('link', { name: 'Protokoll', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Neuer Kontakt' }).click();
    await page.getByLabel('Vorname', { exact: true }).fill('Hedwig');
    await page.getByLabel('Nachname', { exact: true }).fill('Protokollantin');
    await page.getByLabel('E-Mail', { exact: true }).fill(OLD_EMAIL);
    await page.getByLabel('Notizen', { exact: true }).fill(NOTES);
    const privacy = page.getByTestId('privacy-fieldset');
    await privacy.getByLabel('Vertrieb', { exact: true }).check();
    await privacy.getByLabel('Rechtsgrundlage').selectOption('contract');
    await privacy.getByLabel('Quelle', { exact: true }).selectOption('business_card');
    await page.getByRole('button', { name: 'Kontakt anlegen' }).click();
    await expect.poll(() => page.getByTestId('person-name').textContent()).toContain('Protokollantin');
    const personId = /\/persons\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    expect(personId).not.toBe('');

    await page.getByTestId('edit-person').click();
    await page.getByLabel('E-Mail', { exact: true }).fill(NEW_EMAIL);
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('link', { name: NEW_EMAIL }).waitFor();

    // the person's change history names the change with both values
    const history = page.getByTestId('person-history');
    await expect.poll(() => history.getByRole('heading').textContent()).toBe('Änderungsverlauf');
    const change = history.locator('[data-testid="history-entry"][data-action="update"]');
    await expect.poll(() => change.textContent()).toContain(OLD_EMAIL);
    expect(await change.textContent()).toContain(NEW_EMAIL);

    // from the person page to the audit trail, filtered to this person
    await page.getByRole('link', { name: 'Im Protokoll anzeigen' }).click();
    await page.getByTestId('audit-table').waitFor();
    expect(page.url()).toContain(`/audit?subjectId=${personId}`);
    expect(await page.getByLabel('Datensatz-ID').inputValue()).toBe(personId);
    await expect.poll(() => actionsShown(page)).toEqual(expect.arrayContaining(['create', 'read', 'update']));
    expect(new Set(await actionsShown(page))).toEqual(new Set(['create', 'read', 'update']));

    const update = page.locator('[data-testid="audit-entry"][data-action="update"]');
    expect(await update.getByTestId('audit-action').textContent()).toBe('Geändert');
    expect(await update.textContent()).toContain(DPO.displayName);
    expect(await update.getByTestId('value-old').textContent()).toContain(OLD_EMAIL);
    expect(await update.getByTestId('value-new').textContent()).toContain(NEW_EMAIL);
    const created = page.locator('[data-testid="audit-entry"][data-action="create"]');
    expect(await created.getByTestId('audit-values').textContent()).toContain(NOTES);

    // the action filter narrows the list
    await page.getByLabel('Aktion', { exact: true }).selectOption('update');
    await page.getByRole('button', { name: 'Filtern' }).click();
    await expect.poll(() => actionsShown(page)).toEqual(['update']);

    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    await expect
      .poll(() => page.getByTestId('audit-chain-ok').textContent())
      .toMatch(/^Kette intakt: \d+ Einträge geprüft$/);

    // crypto-shredding: the values in the trail become unreadable, the entries stay
    await inTenant(server.ctx.db.kysely, tenantId, (tx) => shredSubjectKey(tx, server.ctx, personId));
    await page.reload();
    const erased = update.getByTestId('audit-values-erased');
    await expect.poll(() => erased.textContent()).toBe('gelöscht (Schlüssel vernichtet)');
    expect(await page.getByTestId('audit-values').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain(OLD_EMAIL);

    // English, phone: the same entries as cards; the chain is still intact after shredding
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('lang-en').click();
    await page.getByLabel('Action', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByTestId('audit-cards').waitFor();
    await expect.poll(() => actionsShown(page)).toEqual(expect.arrayContaining(['create', 'read', 'update']));
    expect(await page.getByTestId('audit-table').count()).toBe(0);
    const erasedCards = page.getByTestId('audit-values-erased');
    await expect
      .poll(() => erasedCards.allTextContents())
      .toEqual(['erased (key shredded)', 'erased (key shredded)']);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect
      .poll(() => page.getByTestId('audit-chain-ok').textContent())
      .toMatch(/^Chain intact: \d+ entries verified$/);
    await page.context().close();
  });

  it('is neither offered nor shown to a sales employee', async () => {
    const page = await logIn('en', SALES, 'New contact');
    await page.getByRole('link', { name: 'Organisations', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Audit trail', exact: true }).count()).toBe(0);

    await page.goto('/audit');
    await expect.poll(() => page.getByTestId('audit-no-access').textContent()).toContain('No access');
    expect(await page.getByTestId('audit-entry').count()).toBe(0);
    expect((await page.request.get('/api/v1/audit')).status()).toBe(403);
    await page.context().close();
  });
});

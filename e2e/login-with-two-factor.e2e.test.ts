import { authenticator } from 'otplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword, TEXT } from './support/session.ts';

describe.runIf(browserAvailable())('an administrator secures the account with two-factor login', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets up TOTP in the settings, then needs the code at the next login (German)', async () => {
    const page = await newPage(browser, server.url, 'de');
    await submitPassword(page, 'de');
    await page.getByRole('link', { name: 'Einstellungen' }).first().click();
    await page.getByRole('button', { name: '2FA einrichten' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())?.replace(/\s/g, '') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel(TEXT.de.code).fill(authenticator.generate(secret));
    await page.getByRole('button', { name: '2FA aktivieren' }).click();
    await page.getByRole('button', { name: '2FA deaktivieren' }).waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await page.getByRole('button', { name: TEXT.de.signIn }).waitFor();

    await submitPassword(page, 'de');
    const codeField = page.getByLabel(TEXT.de.code);
    await codeField.fill('000000');
    await page.getByRole('button', { name: TEXT.de.verify }).click();
    await expect
      .poll(() => page.getByTestId('error-message').textContent())
      .toContain('Bestätigungscode ist falsch');

    // each code works once: the login takes the app's next code, not the one used to switch 2FA on
    await codeField.fill(authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret));
    await page.getByRole('button', { name: TEXT.de.verify }).click();
    await page.getByRole('link', { name: 'Neuer Kontakt' }).waitFor();
    expect(page.url()).toContain('/persons');
    await page.context().close();
  });

  it('refuses a wrong password with a clear message (English)', async () => {
    const page = await newPage(browser, server.url, 'en');
    await submitPassword(page, 'en', { email: 'admin@example.de', password: 'not the password at all' });
    await expect
      .poll(() => page.getByTestId('error-message').textContent())
      .toContain('E-mail address or password is wrong');
    await page.context().close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { E2E_ADMIN } from './server.ts';

export type Language = 'de' | 'en';

export const TEXT = {
  de: {
    email: 'E-Mail',
    password: 'Passwort',
    signIn: 'Anmelden',
    code: 'Bestätigungscode',
    verify: 'Bestätigen',
  },
  en: {
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    code: 'Verification code',
    verify: 'Verify',
  },
} as const;

/** A fresh browser context (own cookies and storage) with the UI language chosen before the first page. */
export const newPage = async (browser: Browser, baseUrl: string, language: Language): Promise<Page> => {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: language === 'de' ? 'de-DE' : 'en-GB',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId(`lang-${language}`).click();
  await page.getByRole('button', { name: TEXT[language].signIn }).waitFor();
  return page;
};

/** Fills the login form; returns once the password step was submitted. */
export const submitPassword = async (page: Page, language: Language, credentials = E2E_ADMIN) => {
  const t = TEXT[language];
  await page.getByLabel(t.email, { exact: true }).fill(credentials.email);
  await page.getByLabel(t.password, { exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: t.signIn }).click();
};

import fs from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import {
  type AdminApi,
  adminApi,
  expirePortalLinks,
  mailCount,
  newestMailLink,
  seedCustomer,
  seedNewsletterConsent,
} from './support/privacy-portal.ts';
import { startE2eServer } from './support/server.ts';

type Server = Awaited<ReturnType<typeof startE2eServer>>;
type ConsentEntry = { id: string; state: string; withdrawalMethod: string | null };

/** A person's browser: own cookies and storage, the browser's language, optionally a phone screen. */
const openBrowser = async (
  browser: Browser,
  server: Server,
  { locale, phone }: { locale: string; phone?: boolean },
): Promise<Page> => {
  const context = await browser.newContext({
    baseURL: server.url,
    locale,
    acceptDownloads: true,
    ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
  context.setDefaultTimeout(10_000);
  return context.newPage();
};

const loginLink = (server: Server, email: string) =>
  newestMailLink(server, { to: email, kind: 'portal_login', path: '/privacy/login' });

/** Requests the sign-in link on /privacy and waits until the page says it was sent (if the address is known). */
const requestLink = async (
  page: Page,
  server: Server,
  email: string,
  text: { email: string; submit: string; sent: string },
) => {
  const before = await mailCount(server, email, 'portal_login');
  await page.getByLabel(text.email).fill(email);
  await page.getByRole('button', { name: text.submit }).click();
  await page.getByText(text.sent).waitFor();
  await expect.poll(() => mailCount(server, email, 'portal_login')).toBe(before + 1);
};

const consentsOf = async (api: AdminApi, personId: string) =>
  (await api.call<{ items: ConsentEntry[] }>('GET', `/persons/${personId}/consents`)).items;

/** Clicks the download button and returns the downloaded file's JSON, re-serialised for searching. */
const downloadJson = async (button: Locator) => {
  const [download] = await Promise.all([button.page().waitForEvent('download'), button.click()]);
  return JSON.stringify(JSON.parse(await fs.readFile((await download.path()) as string, 'utf8')));
};

describe.runIf(browserAvailable())('a customer uses the privacy portal', () => {
  const ANNA = {
    firstName: 'Anna',
    lastName: 'Auskunftsfreudig',
    email: 'anna@kundin.example',
    phone: '+49 30 1234567',
    birthDate: '1984-03-07',
    address: { street: 'Lindenstraße 5', postalCode: '10969', city: 'Berlin', country: 'DE' },
  };
  let server: Server;
  let browser: Browser;
  let api: AdminApi;
  let personId: string;
  let consentId: string;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    api = await adminApi(server);
    personId = (await seedCustomer(api, ANNA)).id;
    consentId = (
      await seedNewsletterConsent(api, personId, {
        language: 'de',
        text: 'Ja, ich möchte den Newsletter der Muster GmbH per E-Mail erhalten. Abmeldung jederzeit.',
      })
    ).consent.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with the link from the mail, sees the data, withdraws the consent, downloads the data, asks for erasure and signs out', async () => {
    const page = await openBrowser(browser, server, { locale: 'de-DE' });

    // the portal explains itself and asks only for the e-mail address; the answer reveals nothing
    await page.goto('/privacy');
    await page.getByRole('heading', { level: 1, name: 'Ihre Daten bei uns' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await requestLink(page, server, ANNA.email, {
      email: 'E-Mail-Adresse',
      submit: 'Anmeldelink anfordern',
      sent: 'Wenn wir Daten zu dieser Adresse haben, haben wir Ihnen einen Anmeldelink geschickt (15 Minuten gültig).',
    });

    // the link from the mail signs her in
    const link = await loginLink(server, ANNA.email);
    await page.goto(link);
    await page.waitForURL(/\/privacy\/home$/);
    const data = page.getByRole('region', { name: 'Was wir über Sie gespeichert haben' });
    await data.waitFor();
    expect(await page.getByTestId('portal-data-name').textContent()).toContain('Anna Auskunftsfreudig');
    await data.getByText(ANNA.email).waitFor();
    await data.getByText('Lindenstraße 5').waitFor();
    await data.getByText('07.03.1984').waitFor();
    await data.getByText('Vertrag (Art. 6 Abs. 1 lit. b DSGVO)').waitFor();
    await data.getByText(/Wir brauchen die Daten, um einen Vertrag mit Ihnen zu erfüllen/).waitFor();
    await data.getByText('Visitenkarte').waitFor();
    expect(await page.getByTestId('portal-data-restriction').textContent()).toContain('Nicht eingeschränkt');
    expect(await page.getByTestId('portal-data-objection').textContent()).toContain('Kein Widerspruch');

    // her consent: purpose, channel, when, how and the wording she agreed to
    const consents = page.getByRole('region', { name: 'Ihre Einwilligungen' });
    const consent = consents.locator(`[data-consent-id="${consentId}"]`);
    expect(await consent.getAttribute('data-state')).toBe('valid');
    await consent.getByText('Über ein Formular auf unserer Website').waitFor();
    await consent.getByText(`E-Mail (${ANNA.email})`).waitFor();
    await consent.getByText('Wortlaut, dem Sie zugestimmt haben (Fassung 1)').click();
    await consent.getByText(/Ja, ich möchte den Newsletter der Muster GmbH/).waitFor();

    // she withdraws it: a confirmation first, then it is withdrawn at once
    await consent.getByRole('button', { name: 'Widerrufen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Einwilligung widerrufen?' });
    await dialog.getByRole('button', { name: 'Ja, widerrufen' }).click();
    await consents.getByText('Ihre Einwilligung ist widerrufen.').waitFor();
    await expect.poll(() => consent.getAttribute('data-state')).toBe('withdrawn');
    await consent.getByText(/^Widerrufen am /).waitFor();
    expect(await consent.getByRole('button', { name: 'Widerrufen' }).count()).toBe(0);
    const ledger = await consentsOf(api, personId);
    expect(ledger.find((c) => c.id === consentId)).toMatchObject({
      state: 'withdrawn',
      withdrawalMethod: 'portal',
    });

    // she downloads her data: a JSON file with her name in it
    const exported = await downloadJson(page.getByRole('button', { name: 'Daten herunterladen' }));
    expect(exported).toContain(ANNA.lastName);
    expect(exported).toContain(ANNA.email);

    // she asks for erasure: the request gets a number and a due date and is listed as in progress
    const requests = page.getByRole('region', { name: 'Anträge' });
    await requests.getByLabel('Löschung: meine Daten löschen (Art. 17)').check();
    await requests
      .getByLabel('Nachricht (freiwillig)')
      .fill('Bitte löschen Sie alles, was nicht aufbewahrt werden muss.');
    await requests.getByRole('button', { name: 'Antrag stellen' }).click();
    const created = requests.getByTestId('portal-request-created');
    await created.waitFor();
    const number = (await created.getAttribute('data-number')) ?? '';
    expect(number).not.toBe('');
    expect(await created.textContent()).toMatch(/Wir antworten spätestens bis \d{2}\.\d{2}\.\d{4}/);
    const listed = requests.locator(`[data-testid="portal-request"][data-number="${number}"]`);
    await listed.getByText('Löschung: meine Daten löschen (Art. 17)').waitFor();
    await listed.getByText('In Bearbeitung').waitFor();

    // she signs out; her data is no longer reachable in this browser
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByText('Sie haben sich abgemeldet.').waitFor();
    await page.goto('/privacy/home');
    await page.getByText('Ihre Sitzung ist abgelaufen oder Sie haben sich abgemeldet.').waitFor();

    // the link from the mail works only once
    await page.goto(link);
    await page
      .getByText('Dieser Anmeldelink wurde schon benutzt. Jeder Link funktioniert nur einmal.')
      .waitFor();
    await page.getByRole('link', { name: 'Neuen Anmeldelink anfordern' }).click();
    await page.getByRole('button', { name: 'Anmeldelink anfordern' }).waitFor();
    await page.context().close();
  });
});

describe.runIf(browserAvailable())('a customer uses the privacy portal in english', () => {
  const JOHN = {
    firstName: 'John',
    lastName: 'Portability',
    email: 'john@customer.example',
    address: { street: '1 High Street', postalCode: 'SW1A 1AA', city: 'London', country: 'GB' },
  };
  let server: Server;
  let browser: Browser;
  let api: AdminApi;
  let personId: string;
  let secondPersonId: string;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    api = await adminApi(server);
    personId = (await seedCustomer(api, JOHN)).id;
    await seedNewsletterConsent(api, personId, {
      language: 'en',
      text: 'Yes, I would like to receive the Muster GmbH newsletter by email. Unsubscribe at any time.',
    });
    // the same address is also on file as a prospect from an event
    secondPersonId = (
      await seedCustomer(api, {
        kind: 'prospect',
        firstName: 'John',
        lastName: 'Portability (event)',
        email: JOHN.email,
        legalBasis: 'legitimate_interest',
        purposes: ['sales'],
        source: { kind: 'event', detail: null },
      })
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('on a phone, in the browser language: an expired link, a new one, both records, objection, rectification, download, sign-out', async () => {
    const page = await openBrowser(browser, server, { locale: 'en-GB', phone: true });
    const text = {
      email: 'Email address',
      submit: 'Send me a sign-in link',
      sent: 'If we hold data for this address, we have sent you a sign-in link (valid for 15 minutes).',
    };

    // the browser speaks English, so does the portal; it fits the phone's screen
    await page.goto('/privacy');
    await page.getByRole('heading', { level: 1, name: 'Your data with us' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // the keyboard reaches everything: skip link first, then the form is sent with Enter
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.getByLabel(text.email).fill(JOHN.email);
    await page.getByLabel(text.email).press('Enter');
    await page.getByText(text.sent).waitFor();

    // the link is opened too late
    await expect.poll(() => mailCount(server, JOHN.email, 'portal_login')).toBe(1);
    const expired = await loginLink(server, JOHN.email);
    await expirePortalLinks(server);
    await page.goto(expired);
    await page.getByText('This sign-in link has expired. Links are valid for 15 minutes.').waitFor();
    await page.getByRole('link', { name: 'Request a new sign-in link' }).click();

    // a new link works
    await requestLink(page, server, JOHN.email, text);
    await page.goto(await loginLink(server, JOHN.email));
    await page.waitForURL(/\/privacy\/home$/);

    // both records under the address are shown, each on its own
    await page.getByText('We hold 2 records under your email address.', { exact: false }).waitFor();
    const first = page.locator(`[data-testid="portal-person"][data-person-id="${personId}"]`);
    const second = page.locator(`[data-testid="portal-person"][data-person-id="${secondPersonId}"]`);
    await first.getByRole('heading', { level: 2, name: 'John Portability', exact: true }).waitFor();
    await second.getByRole('heading', { level: 2, name: 'John Portability (event)' }).waitFor();
    await first.getByText('Contract (Art. 6(1)(b) GDPR)').waitFor();
    await second.getByText('Legitimate interests (Art. 6(1)(f) GDPR)').waitFor();
    await first.getByText('Through a form on our website').waitFor();
    await second.getByText('You have not given us any consent.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // the language can be switched on every page
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await first.getByRole('heading', { name: 'Was wir über Sie gespeichert haben' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await first.getByRole('heading', { name: 'What we hold about you' }).waitFor();

    // he objects to advertising for the event record
    const objection = second.getByRole('region', { name: 'Object to advertising' });
    await objection.getByRole('button', { name: 'Object to advertising' }).click();
    await page
      .getByRole('dialog', { name: 'Object to advertising?' })
      .getByRole('button', { name: 'Yes, object' })
      .click();
    await objection
      .getByText('You have objected to advertising. We will send you no more advertising.')
      .waitFor();
    expect(await second.getByTestId('portal-data-objection').textContent()).toContain(
      'You have objected to advertising.',
    );

    // a rectification: the request has to say what is wrong
    const requests = first.getByRole('region', { name: 'Requests' });
    await requests.getByLabel('Rectification: correct wrong data (Art. 16)').check();
    await requests.getByRole('button', { name: 'Send request' }).click();
    await requests.getByText('Please tell us what is wrong or enter a correction.').waitFor();
    await requests.getByLabel('Correct town or city').fill('Londonderry');
    await requests.getByRole('button', { name: 'Send request' }).click();
    const created = requests.getByTestId('portal-request-created');
    await created.waitFor();
    expect(await created.textContent()).toMatch(/We have received your request .+\. We will answer by/);
    await requests.getByTestId('portal-request').getByText('In progress').waitFor();

    // his data as a file
    const exported = await downloadJson(first.getByRole('button', { name: 'Download my data' }));
    expect(exported).toContain(JOHN.lastName);

    // signing out
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await page.context().close();
  });
});

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../src/db/tenant.ts';
import { createToken } from '../src/modules/tokens/tokens.service.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { startE2eServer } from './support/server.ts';
import { newPage, submitPassword } from './support/session.ts';

const CUSTOMER = 'Brauerei Nordlicht GmbH';
const DEAL = 'Kühlanlage Sudhaus';

describe.runIf(browserAvailable())('a sales employee moves a deal through the pipeline', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    const { tenantId, adminId } = await asSystem(server.ctx.db.kysely, async (tx) => ({
      tenantId: (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
      adminId: (await tx.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
    }));
    const { token } = await createToken(server.ctx, { tenantId, userId: adminId, name: 'e2e seed' });
    const res = await fetch(`${server.url}/api/v1/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: CUSTOMER }),
    });
    if (res.status !== 201) throw new Error(`seed: ${res.status} ${await res.text()}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const column = (page: Page, stage: string) =>
    page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
  const cardIn = (page: Page, stage: string): Locator =>
    column(page, stage).getByTestId('deal-card').filter({ hasText: DEAL });
  const onlyIn = async (page: Page, stage: string) => {
    await cardIn(page, stage).waitFor();
    expect(await page.getByTestId('deal-card').filter({ hasText: DEAL }).count()).toBe(1);
  };

  it('creates a deal, moves it by menu, arrow key and drag and drop, needs a reason to lose it, and wins it', async () => {
    const page = await newPage(browser, server.url, 'en');
    await submitPassword(page, 'en');
    await page.getByTestId('nav-deals').click();
    await column(page, 'Won').waitFor();
    // nothing won yet
    expect(await column(page, 'Won').getByTestId('column-count').textContent()).toContain('0 deals');

    // create the deal with the form: organisation picked by searching
    await page.getByTestId('new-deal').click();
    await page.getByLabel('Title').fill(DEAL);
    await page.getByLabel('Organisation').fill('Nordlicht');
    await page.getByRole('button', { name: CUSTOMER }).click();
    await page.getByLabel('Value').fill('4800');
    await page.getByRole('button', { name: 'Create deal' }).click();
    await expect.poll(() => page.getByTestId('deal-title').textContent()).toBe(DEAL);
    await expect.poll(() => page.getByTestId('deal-stage').textContent()).toBe('New');

    await page.getByTestId('nav-deals').click();
    await onlyIn(page, 'New');
    expect(await column(page, 'New').getByTestId('column-sum').textContent()).toContain('€4,800.00');

    // the "Move to …" menu on the card (a native select: keyboard and phone friendly)
    await cardIn(page, 'New')
      .getByRole('combobox', { name: `Move “${DEAL}” to another stage` })
      .selectOption({
        label: 'Qualified',
      });
    await onlyIn(page, 'Qualified');

    // the arrow button, pressed with the keyboard
    const next = cardIn(page, 'Qualified').getByRole('button', { name: `Move “${DEAL}” one stage on` });
    await next.focus();
    await page.keyboard.press('Enter');
    await onlyIn(page, 'Proposal');

    // drag and drop onto the next column
    await cardIn(page, 'Proposal').dragTo(column(page, 'Negotiation'));
    await onlyIn(page, 'Negotiation');

    // losing it needs a reason: the dialog asks, and the server refuses an empty one
    await cardIn(page, 'Negotiation').getByRole('combobox').selectOption({ label: 'Lost' });
    const dialog = page.getByTestId('lost-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await expect
      .poll(() => dialog.getByTestId('error-message').textContent())
      .toContain('Please give the reason why the deal was lost');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await onlyIn(page, 'Negotiation');

    // win it: it lands under Won and the column's sum follows
    await cardIn(page, 'Negotiation').getByRole('combobox').selectOption({ label: 'Won' });
    await onlyIn(page, 'Won');
    await expect
      .poll(() => column(page, 'Won').getByTestId('column-count').textContent())
      .toContain('1 deal');
    await expect
      .poll(() => column(page, 'Won').getByTestId('column-sum').textContent())
      .toContain('€4,800.00');
    expect(await column(page, 'Negotiation').getByTestId('column-sum').count()).toBe(0);

    // the deal's page tells its way through the pipeline
    await cardIn(page, 'Won').getByTestId('deal-link').click();
    await expect.poll(() => page.getByTestId('deal-status').textContent()).toBe('won');
    const history = page.getByTestId('stage-history');
    await expect.poll(() => history.locator('li').count()).toBe(5);
    expect(await history.textContent()).toContain('Negotiation → Won');
    await page.context().close();
  });

  it('keeps the board usable on a phone: columns scroll sideways, the move menu works', async () => {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'de-DE',
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('lang-de').click();
    await submitPassword(page, 'de');
    await page.getByTestId('nav-toggle').waitFor();
    await page.goto('/deals');
    const board = page.getByTestId('deal-board');
    await board.waitFor();
    const { scrollWidth, clientWidth } = await board.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    const won = column(page, 'Won');
    await won.scrollIntoViewIfNeeded();
    await cardIn(page, 'Won').getByRole('combobox').selectOption({ label: 'Verhandlung' });
    // leaving "won" is a reopen, which the user confirms
    await page.getByTestId('reopen-dialog').getByRole('button', { name: 'Wieder öffnen' }).click();
    await onlyIn(page, 'Negotiation');
    await context.close();
  });
});

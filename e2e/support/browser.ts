import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. Without Debian's chromium they are skipped locally, but with
 * CI_REQUIRE_E2E=1 (set by .ci/run) a missing browser is an error, never a silent skip.
 */
export const browserAvailable = (): boolean => {
  const present = fs.existsSync(CHROMIUM);
  if (!present && process.env.CI_REQUIRE_E2E === '1') {
    throw new Error(`CI_REQUIRE_E2E=1 but no chromium at ${CHROMIUM}: install it (apt-get install chromium)`);
  }
  return present;
};

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });

/**
 * Screenshots of what a person sees, taken with Debian's Chromium against the
 * production build: the start page and a place page on a desktop (1280×900,
 * light and dark) and a phone (390×844, its first screen), a place with weather warnings, signing up and the saved
 * places, into docs/screenshots/. Build first
 * (`pnpm --filter @skycast/web build`); the script starts the API server, an
 * embedded PostgreSQL and the local weather provider itself, unless `--url`
 * points at a running app. `--states` adds the loading, stale, error and
 * no-match states; `--only offline` takes one group (main, accounts, offline,
 * states). The place page offline is in the main run. It fails on sideways
 * scroll or console errors.
 *
 * @example
 * pnpm --filter @skycast/web screenshots
 * pnpm --filter @skycast/web screenshots --url http://localhost:3000 --out /tmp/shots --states
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { chromium, type Browser, type Page } from 'playwright-core';

import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium.ts';
import { startTestWorld, type TestWorld } from '../e2e/test-world.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    out: {
      type: 'string',
      default: path.resolve(import.meta.dirname, '../../../docs/screenshots'),
    },
    states: { type: 'boolean', default: false },
    // One group alone (main, warnings, accounts, offline, languages, states), e.g. after changing only that screen.
    only: { type: 'string' },
  },
});
const outDir = path.resolve(values.out);

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
type Viewport = keyof typeof VIEWPORTS;
type Scheme = 'light' | 'dark';

const problems: string[] = [];

async function newPage(
  browser: Browser,
  baseURL: string,
  viewport: Viewport,
  scheme: Scheme,
  locale = 'en-GB',
) {
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[viewport],
    colorScheme: scheme,
    deviceScaleFactor: viewport === 'phone' ? 2 : 1,
    isMobile: viewport === 'phone',
    timezoneId: 'Europe/Berlin',
    locale,
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  page.on('console', (message) => {
    // The error states fail requests on purpose.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`${viewport}/${scheme}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) =>
    problems.push(`${viewport}/${scheme}: page error: ${error.message}`),
  );
  return page;
}

async function shoot(page: Page, name: string, fullPage = false) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  if (overflow > 0) problems.push(`${name}: the page scrolls sideways by ${overflow}px`);
  await page.evaluate(() => document.fonts.ready);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`saved ${file}`);
}

async function placeReady(page: Page) {
  await page.getByRole('heading', { name: 'Right now' }).waitFor();
  await page.getByRole('figure').locator('canvas').first().waitFor();
  await page.getByRole('region', { name: 'Air quality' }).getByText('European AQI').waitFor();
  await page.getByRole('region', { name: 'Sun and moon' }).getByText('Moonrise').waitFor();
}

async function mainScreens(browser: Browser, baseURL: string) {
  const screens: [Viewport, Scheme][] = [
    ['desktop', 'light'],
    ['desktop', 'dark'],
    ['phone', 'light'],
    ['phone', 'dark'],
  ];
  for (const [viewport, scheme] of screens) {
    const page = await newPage(browser, baseURL, viewport, scheme);
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shoot(page, `start-${viewport}-${scheme}`);

    await page.goto('/place/51.51,-0.13/London');
    await placeReady(page);
    await shoot(page, `place-${viewport}-${scheme}`, viewport === 'desktop');

    // A day in detail: the third day in the list, opened as a person would.
    await page
      .getByRole('link', { name: /, hour by hour$/ })
      .nth(2)
      .click();
    await page.getByRole('region', { name: 'Every hour' }).waitFor();
    await page.getByRole('figure').locator('canvas').first().waitFor();
    await shoot(page, `day-${viewport}-${scheme}`, viewport === 'desktop');
    await page.context().close();
  }
}

/** A place with weather warnings (Berlin, in the local provider): the first one opened. */
async function warningScreens(browser: Browser, baseURL: string) {
  for (const [viewport, scheme] of [
    ['desktop', 'light'],
    ['phone', 'dark'],
  ] as const) {
    const page = await newPage(browser, baseURL, viewport, scheme);
    await page.goto('/place/52.52,13.41/Berlin');
    await placeReady(page);
    const warnings = page.getByRole('region', { name: /weather warnings?$/ });
    await warnings.locator('.alert__top').first().click();
    await shoot(page, `warnings-${viewport}-${scheme}`);
    await page.context().close();
  }
}

/** Signing up, and the start page with saved places and their weather. */
async function accountScreens(browser: Browser, baseURL: string) {
  for (const [viewport, scheme] of [
    ['desktop', 'light'],
    ['phone', 'dark'],
  ] as const) {
    const prefix = `${viewport}-${scheme}`;
    const page = await newPage(browser, baseURL, viewport, scheme);
    await page.goto('/sign-up');
    await page.getByLabel('Email').fill('ada@example');
    await page.getByLabel('Password', { exact: true }).fill('secret');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();
    await shoot(page, `sign-up-${prefix}`);

    const email = viewport === 'desktop' ? 'ada@example.com' : 'grace@example.com';
    const password = 'a walk along the river';
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    const account = page.getByRole('button', { name: 'Account', exact: true });
    const exists = page.getByText('An account with this email exists.');
    await account.or(exists).waitFor();
    if (await exists.isVisible()) {
      // A running app (`--url`) may have the account from an earlier run.
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await account.waitFor();
    }
    for (const path of [
      '/place/51.51,-0.13/London',
      '/place/35.69,139.69/Tokyo',
      '/place/-33.87,151.21/Sydney',
      '/place/64.14,-21.94/Reykjavík',
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      const save = page.getByRole('button', { name: 'Save place' });
      const saved = page.getByRole('button', { name: 'Saved', pressed: true });
      await save.or(saved).waitFor();
      if (await save.isVisible()) await save.click();
      await saved.waitFor();
    }
    await page.getByRole('link', { name: 'Skycast' }).click();
    await page.locator('.saved__temperature').nth(3).waitFor();
    await shoot(page, `places-${prefix}`, viewport === 'desktop');
    await page.getByRole('button', { name: 'Account', exact: true }).click();
    await shoot(page, `state-account-menu-${prefix}`);
    await page.getByRole('link', { name: 'Account settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await shoot(page, `state-account-page-${prefix}`);
    await page.context().close();
  }
}

/** A place page offline, two hours after it was stored, as the service worker serves it. */
async function offlineScreens(browser: Browser, baseURL: string) {
  for (const [viewport, scheme] of [
    ['desktop', 'light'],
    ['phone', 'dark'],
  ] as const) {
    const page = await newPage(browser, baseURL, viewport, scheme);
    await page.goto('/place/51.51,-0.13/London');
    await placeReady(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForFunction(async () => {
      const stored = await (await caches.open('skycast-weather')).keys();
      return stored.some((request) => request.url.includes('weather.forecast'));
    });
    await page.clock.install({ time: Date.now() + 2 * 60 * 60_000 });
    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'You’re offline.' }).waitFor();
    await page.getByRole('figure').locator('canvas').first().waitFor();
    await page.getByRole('region', { name: 'Air quality' }).getByText('European AQI').waitFor();
    await shoot(page, `offline-${viewport}-${scheme}`);
    await page.context().close();
  }
}

async function otherStates(browser: Browser, baseURL: string) {
  for (const [viewport, scheme] of [
    ['desktop', 'light'],
    ['phone', 'dark'],
  ] as const) {
    const prefix = `${viewport}-${scheme}`;

    const search = await newPage(browser, baseURL, viewport, scheme);
    await search.goto('/');
    const box = search.getByRole('combobox', { name: 'Search for a place' });
    await box.pressSequentially('Lon', { delay: 40 });
    await search.getByRole('option').first().waitFor();
    await box.press('ArrowDown');
    await shoot(search, `state-search-${prefix}`);
    await box.fill('Qwxyz');
    await search.locator('.search__message', { hasText: 'No places match' }).waitFor();
    await shoot(search, `state-no-match-${prefix}`);
    await search.getByRole('button', { name: /Units and theme/ }).click();
    await search.getByRole('radio', { name: '°F' }).waitFor({ state: 'attached' });
    await shoot(search, `state-units-menu-${prefix}`);
    await search.context().close();

    const loading = await newPage(browser, baseURL, viewport, scheme);
    await loading.route('**/trpc/**', () => undefined);
    await loading.goto('/place/48.85,2.35/Paris');
    await loading.locator('.forecast-skeleton').waitFor();
    await shoot(loading, `state-loading-${prefix}`);
    await loading.context().close();

    const stale = await newPage(browser, baseURL, viewport, scheme);
    await stale.route('**/trpc/**', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { result: { data: Record<string, unknown> } }[];
      for (const entry of body) {
        if (!('temperature' in ((entry.result.data.current as object | undefined) ?? {}))) continue;
        entry.result.data.stale = true;
        entry.result.data.fetchedAt = new Date(Date.now() - 95 * 60_000).toISOString();
      }
      await route.fulfill({ response, json: body });
    });
    await stale.goto('/place/48.85,2.35/Paris');
    await stale.getByText('the weather service is not answering').waitFor();
    await shoot(stale, `state-stale-${prefix}`);
    await stale.context().close();

    const failing = await newPage(browser, baseURL, viewport, scheme);
    await failing.route('**/trpc/**', (route) => route.abort('connectionrefused'));
    await failing.goto('/place/48.85,2.35/Paris');
    await failing.getByRole('button', { name: 'Retry' }).first().waitFor();
    await shoot(failing, `state-error-${prefix}`);
    await failing.context().close();
  }
}

/** A place page in German and in Arabic (right to left), from a browser that prefers each; Arabic on a phone too. */
async function languageScreens(browser: Browser, baseURL: string) {
  const screens = [
    ['de-DE', 'de', '/place/48.14,11.58/München', 'Jetzt', 'Mondaufgang', 'desktop'],
    ['ar', 'ar', '/place/51.51,-0.13/لندن', 'الآن', 'شروق القمر', 'desktop'],
    ['ar', 'ar', '/place/51.51,-0.13/لندن', 'الآن', 'شروق القمر', 'phone'],
  ] as const;
  for (const [locale, language, place, now, moonrise, viewport] of screens) {
    const page = await newPage(browser, baseURL, viewport, 'light', locale);
    await page.goto(place);
    await page.getByRole('heading', { name: now }).waitFor();
    await page.getByRole('figure').locator('canvas').first().waitFor();
    await page.locator('.sun-moon').getByText(moonrise).waitFor();
    await page.locator('.air-quality .aqi').first().waitFor();
    await shoot(page, `place-${viewport}-${language}`, viewport === 'desktop');
    await page.context().close();
  }
}

let world: TestWorld | undefined;
const baseURL = values.url?.replace(/\/$/, '') ?? (world = await startTestWorld()).appUrl;
await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const groups = {
    main: mainScreens,
    warnings: warningScreens,
    accounts: accountScreens,
    offline: offlineScreens,
    languages: languageScreens,
    states: otherStates,
  };
  if (values.only && !(values.only in groups))
    throw new Error(`--only takes one of: ${Object.keys(groups).join(', ')}`);
  for (const [name, take] of Object.entries(groups)) {
    const wanted = values.only ? name === values.only : name !== 'states' || values.states;
    if (wanted) await take(browser, baseURL);
  }
} finally {
  await browser.close();
  await world?.stop();
}

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nNo sideways scroll, no console errors.');
}

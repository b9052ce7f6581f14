/**
 * Screenshots of the running app, to look at what a person sees: the start
 * page, the search with its results open and a forecast page, on a desktop
 * and a phone, light and dark; then the loading, stale and error states.
 * It also reports horizontal page scroll and console errors.
 *
 * @example
 * pnpm --filter @skycast/web screenshots --url http://localhost:3100 --out /tmp/skycast-shots
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { chromium, type Browser, type Page } from 'playwright-core';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    out: { type: 'string', default: '/tmp/skycast-shots' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    search: { type: 'string', default: 'Lon' },
  },
});
const baseUrl = values.url.replace(/\/$/, '');
const outDir = path.resolve(values.out);

const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const;
const SCHEMES = ['light', 'dark'] as const;

const problems: string[] = [];

async function newPage(
  browser: Browser,
  viewport: keyof typeof VIEWPORTS,
  scheme: 'light' | 'dark',
) {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    colorScheme: scheme,
    deviceScaleFactor: viewport === 'phone' ? 2 : 1,
    timezoneId: 'Europe/Berlin',
  });
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
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`saved ${file}`);
}

async function mainStates(browser: Browser) {
  for (const viewport of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
    for (const scheme of SCHEMES) {
      const page = await newPage(browser, viewport, scheme);
      const prefix = `${viewport}-${scheme}`;

      await page.goto(`${baseUrl}/`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await shoot(page, `${prefix}-1-start`);

      const search = page.getByRole('combobox', { name: 'Search for a place' });
      await search.click();
      await search.pressSequentially(values.search, { delay: 40 });
      await page.getByRole('option').first().waitFor();
      await search.press('ArrowDown');
      await shoot(page, `${prefix}-2-search`);

      await search.press('Enter');
      await page.locator('.hourly__list').waitFor();
      await page.evaluate(() => document.fonts.ready);
      await shoot(page, `${prefix}-3-forecast`, true);
      await page.context().close();
    }
  }
}

async function otherStates(browser: Browser) {
  const forecastCalls = '**/trpc/weather.forecast**';
  for (const [viewport, scheme] of [
    ['desktop', 'light'],
    ['phone', 'dark'],
  ] as const) {
    const prefix = `${viewport}-${scheme}`;

    const loading = await newPage(browser, viewport, scheme);
    await loading.route(forecastCalls, () => undefined);
    await loading.goto(`${baseUrl}/place/48.85,2.35/Paris`);
    await loading.locator('.forecast-skeleton').waitFor();
    await shoot(loading, `${prefix}-4-loading`);
    await loading.context().close();

    const stale = await newPage(browser, viewport, scheme);
    await stale.route(forecastCalls, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as [{ result: { data: Record<string, unknown> } }];
      body[0].result.data.stale = true;
      body[0].result.data.fetchedAt = new Date(Date.now() - 95 * 60_000).toISOString();
      await route.fulfill({ response, json: body });
    });
    await stale.goto(`${baseUrl}/place/48.85,2.35/Paris`);
    await stale.locator('.hourly__list').waitFor();
    await shoot(stale, `${prefix}-5-stale`);
    await stale.context().close();

    const failing = await newPage(browser, viewport, scheme);
    await failing.route(forecastCalls, (route) =>
      route.fulfill({
        status: 504,
        json: [
          {
            error: {
              message: 'The weather service took too long to answer. Please try again in a minute.',
              code: -32603,
              data: {
                code: 'GATEWAY_TIMEOUT',
                httpStatus: 504,
                path: 'weather.forecast',
                zodError: null,
              },
            },
          },
        ],
      }),
    );
    await failing.goto(`${baseUrl}/place/48.85,2.35/Paris`);
    await failing.getByRole('button', { name: 'Retry' }).waitFor();
    await shoot(failing, `${prefix}-6-error`);

    const search = failing.getByRole('combobox', { name: 'Search for a place' });
    await search.fill('Qwxyz');
    await failing.locator('.search__message', { hasText: 'No places match' }).waitFor();
    await shoot(failing, `${prefix}-7-no-match`);
    await failing.context().close();
  }
}

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: values.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  await mainStates(browser);
  await otherStates(browser);
} finally {
  await browser.close();
}

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nNo sideways scroll, no console errors.');
}

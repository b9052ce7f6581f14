import { describe, expect, it, onTestFinished } from 'vitest';

import {
  describeViolations,
  openPage,
  seriousAxeViolations,
  sharedBrowser,
  weatherStub,
  withPage,
} from './browser.ts';

const browser = sharedBrowser();

describe('addresses the app has no page for', () => {
  it.each([
    ['a day past the end of the month', '/place/51.51,-0.13/London/day/2026-12-32'],
    ['a day that does not exist', '/place/51.51,-0.13/London/day/2026-02-30'],
    ['coordinates off the globe', '/place/95,200/Nowhere'],
    ['malformed coordinates', '/place/51.5.1,-0.13/London'],
    ['an unknown path', '/weather/london'],
  ])('show %s as "Page not found" inside the app, answered with 404', async (_name, address) => {
    await withPage(browser(), {}, async ({ page }) => {
      const response = await page.goto(address);
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      // The shell is there: the header with its search and a way home.
      await page.getByRole('link', { name: 'Skycast' }).waitFor();
      await page.getByRole('combobox', { name: 'Search for a place' }).waitFor();
      expect(await page.title()).toBe('Page not found — Skycast');
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

      await page.getByRole('main').getByRole('link', { name: 'start page' }).click();
      await page.getByRole('heading', { level: 1, name: 'The weather for any place' }).waitFor();
    });
  });

  it('opens a valid day address with 200, and a leap day only in a leap year', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const leap = await page.goto('/place/51.51,-0.13/London/day/2028-02-29');
      expect(leap?.status()).toBe(200);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: '29 February' }).waitFor();
      const notLeap = await page.goto('/place/51.51,-0.13/London/day/2027-02-29');
      expect(notLeap?.status()).toBe(404);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    });
  });
});

describe('a page that fails to render', () => {
  it('is replaced by a message in the app shell, with a way home, while the rest of the app works', async () => {
    const tab = await openPage(browser());
    try {
      const { page } = tab;
      // A forecast the page cannot read (as a broken server release might send) makes the page throw.
      await page.context().route('**/trpc/weather.forecast?**', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ result: { data: { fetchedAt: 'garbled' } } }),
        }),
      );
      // A place no other test opens, and a provider slower than the page waits:
      // no forecast comes inside the page, and the app asks.
      await weatherStub.slowForecasts();
      onTestFinished(() => weatherStub.setFault(null));
      await page.goto('/place/52.09,5.12/Utrecht');
      const failed = page.getByRole('alert').filter({ hasText: 'Something went wrong' });
      await failed.waitFor();
      expect(await failed.textContent()).toContain('This page could not be shown.');
      expect(await page.title()).toBe('Something went wrong — Skycast');
      await page.getByRole('combobox', { name: 'Search for a place' }).waitFor();
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

      await page.context().unroute('**/trpc/weather.forecast?**');
      await failed.getByRole('link', { name: 'start page' }).click();
      await page.getByRole('heading', { level: 1, name: 'The weather for any place' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
    } finally {
      await tab.close();
    }
  });
});

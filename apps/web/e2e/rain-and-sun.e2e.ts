import { describe, expect, it } from 'vitest';

import { sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

const FALLING = /drizzle|rain|snow|shower|sleet|hail|pellets/i;

describe('one story about rain', () => {
  it('never calls now drizzle, rain or snow beside an amount of 0.0 mm, nor the reverse', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const seen: string[] = [];
      // Places no other test needs uncached (provider-trouble.e2e.ts wants Reykjavík never asked).
      for (const place of [
        '/place/51.51,-0.13/London',
        '/place/52.52,13.41/Berlin',
        '/place/47.37,8.54/Zürich',
        '/place/59.91,10.75/Oslo',
        '/place/38.72,-9.14/Lisbon',
        '/place/35.69,139.69/Tokyo',
        '/place/-33.87,151.21/Sydney',
      ]) {
        await page.goto(place);
        const details = page.getByRole('region', { name: 'Details' });
        const amount = details
          .locator('dt', { hasText: /^Precipitation$/ })
          .locator('xpath=following-sibling::dd');
        const text = (await amount.textContent()) ?? '';
        const condition = (await page.locator('.current__condition').textContent()) ?? '';
        seen.push(`${place}: ${condition} / ${text}`);
        if (text === '0.0 mm') expect(condition, place).not.toMatch(FALLING);
        if (FALLING.test(condition)) expect(parseFloat(text), place).toBeGreaterThanOrEqual(0.1);
      }
      expect(seen).toHaveLength(7);
    });
  });

  it('gives a day no falling conditions when it holds less than 0.1 mm', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/51.51,-0.13/London');
      const links = page.getByRole('region', { name: /^Next \d+ days$/ }).getByRole('link');
      await links.first().waitFor();
      const hrefs = await links.evaluateAll((nodes) =>
        nodes.map((node) => node.getAttribute('href')!),
      );
      for (const href of hrefs.slice(0, 5)) {
        await page.goto(href);
        const glance = page.getByRole('region', { name: 'The day at a glance' });
        await glance.waitFor();
        const amount = await glance
          .locator('dt', { hasText: /^Precipitation$/ })
          .locator('xpath=following-sibling::dd')
          .textContent();
        const condition = (await glance.locator('.day-summary__condition').textContent()) ?? '';
        if (amount === '0.0 mm') expect(condition, href).not.toMatch(FALLING);
      }
    });
  });
});

describe('sunrise and sunset', () => {
  it('read the same on the place page and on today’s page: one source', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/51.51,-0.13/London');
      const card = page.getByRole('region', { name: 'Sun and moon' });
      await card.getByRole('heading', { name: 'Moon', exact: true }).waitFor();
      const fact = (scope: typeof card, term: string) =>
        scope
          .locator('dt', { hasText: new RegExp(`^${term}$`) })
          .first()
          .locator('xpath=following-sibling::dd')
          .textContent();
      const [sunrise, sunset] = [await fact(card, 'Sunrise'), await fact(card, 'Sunset')];
      expect(sunrise).toMatch(/^\d\d:\d\d$/);
      // Right now no longer repeats them from another source.
      expect(await page.getByRole('region', { name: 'Details' }).getByText('Sunrise').count()).toBe(
        0,
      );

      await page
        .getByRole('region', { name: /^Next \d+ days$/ })
        .getByRole('link')
        .first()
        .click();
      const glance = page.getByRole('region', { name: 'The day at a glance' });
      await glance.locator('dt', { hasText: /^Sunrise$/ }).waitFor();
      expect(await fact(glance, 'Sunrise')).toBe(sunrise);
      expect(await fact(glance, 'Sunset')).toBe(sunset);
    });
  });
});

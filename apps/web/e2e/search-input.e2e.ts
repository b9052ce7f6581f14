import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';

import {
  describeViolations,
  seriousAxeViolations,
  sharedBrowser,
  weatherStub,
  withPage,
} from './browser.ts';

const browser = sharedBrowser();

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const pathOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname);
const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search for a place' });

afterEach(() => weatherStub.setFault(null));

describe('the search takes what people type', () => {
  it('goes to the best match on Enter pressed before any suggestion arrived', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/');
      // The geocoder answers slowly, so Enter certainly comes first.
      await weatherStub.setFault({ mode: 'slow', delayMs: 1_500, endpoints: ['/v1/search'] });
      const search = searchBox(page);
      await search.fill('Vancouv');
      await search.press('Enter');
      expect(await page.getByRole('option').count()).toBe(0);
      await expect.poll(() => heading(page)).toBe('Vancouver');
      expect(pathOf(page)).toBe('/place/49.25,-123.12/Vancouver');
      expect(await search.inputValue()).toBe('');
    });
  });

  it('stays with the text and says so when Enter finds nothing', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/');
      const search = searchBox(page);
      await search.fill('Xqzzyplace');
      await search.press('Enter');
      await page.getByText('No places match “Xqzzyplace”.', { exact: false }).first().waitFor();
      expect(pathOf(page)).toBe('/');
      expect(await search.inputValue()).toBe('Xqzzyplace');
    });
  });

  it('finds a place by its postal code', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/');
      await searchBox(page).fill('10001');
      const option = page.getByRole('option').filter({ hasText: 'New York' });
      await option.waitFor();
      await searchBox(page).press('Enter');
      await expect.poll(() => heading(page)).toBe('New York');
      expect(pathOf(page)).toBe('/place/40.71,-74.01/New York');
    });
  });

  it('opens typed coordinates, and names the place there', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/');
      const search = searchBox(page);
      await search.fill('48.85, 2.35');
      const option = page.getByRole('option');
      await expect.poll(() => option.allTextContents()).toEqual(['48.85° N, 2.35° ECoordinates']);
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      await search.press('Enter');
      await expect.poll(() => heading(page)).toBe('Paris');
      expect(pathOf(page)).toBe('/place/48.85,2.35/Paris');

      // Southern and western hemispheres, written with letters, chosen with the mouse.
      await search.fill('33.87° S, 151.21° E');
      await page.getByRole('option', { name: /33\.87° S, 151\.21° E/ }).click();
      await expect.poll(() => heading(page)).toBe('Sydney');
      expect(pathOf(page)).toBe('/place/-33.87,151.21/Sydney');
    });
  });
});

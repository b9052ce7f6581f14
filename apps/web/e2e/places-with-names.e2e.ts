import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { describeViolations, seriousAxeViolations, sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const pathOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname);

async function savePlace(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Right now' }).waitFor();
  await page.getByRole('button', { name: 'Save place' }).click();
  await page.getByRole('button', { name: 'Saved', pressed: true }).waitFor();
}

describe('a located place', () => {
  it('"Use my location" names the town you are in, in the heading, the address and a saved place', async () => {
    await withPage(
      browser(),
      { permissions: ['geolocation'], geolocation: { latitude: 48.1405, longitude: 11.5801 } },
      async ({ page }) => {
        await page.goto('/');
        await page.getByRole('button', { name: 'Use my location' }).click();
        await expect.poll(() => heading(page)).toBe('Munich');
        // The point stays the person's own; the address carries the name, so a shared link does too.
        expect(pathOf(page)).toBe('/place/48.14,11.58/Munich');
        expect(await page.title()).toContain('Munich');
        await page.getByText('Bavaria, Germany').waitFor();
        // The name is OpenStreetMap data: its licence asks for the credit.
        await page
          .getByRole('contentinfo')
          .getByRole('link', { name: 'Place name © OpenStreetMap contributors' })
          .waitFor();
        await page.getByRole('heading', { name: 'Right now' }).waitFor();
        // Naming the place replaced the address, adding no step: Back leads to where the person was.
        await page.goBack();
        await expect.poll(() => pathOf(page)).toBe('/');
        await page.goForward();
        await expect.poll(() => heading(page)).toBe('Munich');
        await page.getByRole('button', { name: 'Save place' }).click();
        await page.getByRole('link', { name: 'Skycast' }).click();
        await page.locator('.saved__name', { hasText: 'Munich' }).waitFor();
        expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      },
    );
  });

  it('names a link of coordinates alone in the reader’s language, and the named link opens as it is', async () => {
    await withPage(browser(), { locale: 'de-DE' }, async ({ page }) => {
      await page.goto('/place/48.14,11.58');
      await expect.poll(() => heading(page)).toBe('München');
      expect(pathOf(page)).toBe('/place/48.14,11.58/München');
      await page.reload();
      expect(await heading(page)).toBe('München');
      expect(pathOf(page)).toBe('/place/48.14,11.58/München');
    });
  });

  it('keeps the coordinates where no town is near, as out at sea', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const named = page.waitForResponse((response) =>
        response.url().includes('/trpc/weather.nearestPlace'),
      );
      await page.goto('/place/30,-40');
      await named;
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      expect(await heading(page)).toBe('30.00° N, 40.00° W');
      expect(pathOf(page)).toBe('/place/30,-40');
    });
  });
});

describe('getting back to places', () => {
  it('switches between saved places from a place page, the current one marked', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await savePlace(page, '/place/52.52,13.41/Berlin');
      // With one saved place and standing on it, there is nowhere to switch to.
      expect(await page.getByRole('navigation', { name: 'Your places' }).count()).toBe(0);
      await savePlace(page, '/place/48.85,2.35/Paris');
      const switcher = page.getByRole('navigation', { name: 'Your places' });
      await switcher.waitFor();
      expect(await switcher.getByRole('link').allTextContents()).toEqual(['Berlin', 'Paris']);
      expect(await switcher.getByRole('link', { name: 'Paris' }).getAttribute('aria-current')).toBe(
        'page',
      );
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

      await switcher.getByRole('link', { name: 'Berlin' }).click();
      await expect.poll(() => heading(page)).toBe('Berlin');
      expect(pathOf(page)).toBe('/place/52.52,13.41/Berlin');
      expect(
        await switcher.getByRole('link', { name: 'Berlin' }).getAttribute('aria-current'),
      ).toBe('page');
      // On a place not saved, the switcher still leads to the saved ones.
      await page.goto('/place/40.71,-74.01/New%20York');
      await switcher.getByRole('link', { name: 'Paris' }).waitFor();
      expect(await switcher.locator('[aria-current]').count()).toBe(0);
    });
  });

  it('puts a removed place back where it was with Undo', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      for (const path of [
        '/place/52.52,13.41/Berlin',
        '/place/48.85,2.35/Paris',
        '/place/37.98,23.73/Athens',
      ])
        await savePlace(page, path);
      await page.getByRole('link', { name: 'Skycast' }).click();
      const names = page.locator('.saved__name');
      await expect.poll(() => names.allTextContents()).toEqual(['Berlin', 'Paris', 'Athens']);

      await page.getByRole('button', { name: 'Remove Paris' }).click();
      await expect.poll(() => names.allTextContents()).toEqual(['Berlin', 'Athens']);
      const undo = page.getByRole('button', { name: 'Undo' });
      // The keyboard is on the way back.
      await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      await undo.click();
      await expect.poll(() => names.allTextContents()).toEqual(['Berlin', 'Paris', 'Athens']);
      await page.getByRole('status').filter({ hasText: 'Paris is back in your places.' }).waitFor();
      expect(await undo.count()).toBe(0);

      // The last place too: the list comes back from empty.
      for (const name of ['Berlin', 'Paris', 'Athens'])
        await page.getByRole('button', { name: `Remove ${name}` }).click();
      await undo.click();
      await expect.poll(() => names.allTextContents()).toEqual(['Athens']);
    });
  });
  it('puts a removed place of an account back at its position, on the server too', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/sign-up');
      await page.getByLabel('Email').fill(`undo-${Date.now()}@names.example`);
      await page.getByLabel('Password', { exact: true }).fill('a long and unusual passphrase');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { level: 1, name: 'The weather for any place' }).waitFor();
      for (const path of [
        '/place/52.52,13.41/Berlin',
        '/place/48.85,2.35/Paris',
        '/place/37.98,23.73/Athens',
      ])
        await savePlace(page, path);
      await page.getByRole('link', { name: 'Skycast' }).click();
      const names = page.locator('.saved__name');
      await expect.poll(() => names.allTextContents()).toEqual(['Berlin', 'Paris', 'Athens']);
      await page.getByRole('button', { name: 'Remove Berlin' }).click();
      await expect.poll(() => names.allTextContents()).toEqual(['Paris', 'Athens']);
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => names.allTextContents()).toEqual(['Berlin', 'Paris', 'Athens']);
      // What the account holds, not only what the page shows.
      await page.reload();
      await expect.poll(() => names.allTextContents()).toEqual(['Berlin', 'Paris', 'Athens']);
    });
  });
});

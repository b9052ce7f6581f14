import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

/** Every emoji-like character the page shows or speaks: text, alt text, labels and titles. */
const emojiOn = (page: Page) =>
  page.evaluate(() => {
    const spoken = [...document.querySelectorAll('[alt], [aria-label], [title]')].flatMap((node) =>
      ['alt', 'aria-label', 'title'].map((name) => node.getAttribute(name) ?? ''),
    );
    const text = [document.body.innerText, ...spoken].join('\n');
    return [...new Set(text.match(/\p{Extended_Pictographic}/gu) ?? [])];
  });

describe('icons', () => {
  it('draws the weather with Meteocons SVG files, the hours’ with their conditions as text', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/52.52,13.41/Berlin');
      await page.locator('.hourly__list .hour__icon').first().waitFor();
      const icons = page.locator('img.weather-icon');
      // Sections below the first screen (the 16 days) add theirs when their chunk is in:
      // read them once the count has held for half a second and every one has loaded or failed.
      await page.waitForFunction(
        () => {
          const images = [...document.querySelectorAll<HTMLImageElement>('img.weather-icon')];
          const seen = window as Window & { iconsSeen?: number };
          const settled =
            images.length > 50 &&
            images.length === seen.iconsSeen &&
            images.every((image) => image.complete);
          seen.iconsSeen = images.length;
          return settled;
        },
        undefined,
        { polling: 500 },
      );
      const images = await icons.evaluateAll((nodes) =>
        (nodes as HTMLImageElement[]).map((image) => ({
          src: new URL(image.src).pathname,
          alt: image.alt,
          loaded: image.naturalWidth > 0,
          hour: image.classList.contains('hour__icon'),
        })),
      );
      expect(images.length).toBeGreaterThan(50);
      for (const image of images) {
        // One fingerprinted folder for the set (build/weather-icons-plugin.ts).
        expect(image.src).toMatch(/^\/assets\/weather-icons-[\w-]+\/[a-z-]+\.svg$/);
        expect(image.loaded, image.src).toBe(true);
        // An hour has no words beside its icon: the icon says them. Elsewhere the words are shown.
        if (image.hour) expect(image.alt).toMatch(/^[A-Z][a-z ,]+$/);
        else expect(image.alt).toBe('');
      }
    });
  });

  it('shows no emoji anywhere: place, day, warnings, start page, saved places, in English and Arabic', async () => {
    for (const locale of ['en-GB', 'ar'])
      await withPage(browser(), { locale }, async ({ page }) => {
        await page.goto('/place/52.52,13.41/Berlin');
        await page.locator('.alerts .alert').first().waitFor();
        await page.locator('.sun-moon__today').waitFor();
        await page.locator('.save-place__button:enabled').click();
        await page.locator('.save-place__button[aria-pressed="true"]').waitFor();
        expect(await emojiOn(page), `${locale} place`).toEqual([]);
        await page.locator('.day__name').nth(1).click();
        await page.locator('.day-summary').waitFor();
        expect(await emojiOn(page), `${locale} day`).toEqual([]);
        // The logo leads to the start page (a bare `/` reopens the last place).
        await page.locator('.site-header__brand').click();
        await page.locator('.saved__temperature').first().waitFor();
        expect(await emojiOn(page), `${locale} start`).toEqual([]);
      });
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

const SCREEN = { width: 390, height: 844 };
const LOCALES = ['en-GB', 'de-DE', 'es-ES', 'fr-FR', 'ar'] as const;

/** A box of the page, measured from the top of the page (not the viewport). */
async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not on the page`);
  return found;
}

async function openPlace(page: Page, path: string) {
  await page.goto(path);
  await page.locator('.daily__list').waitFor();
  await page.locator('.hourly__list .hour').first().waitFor();
}

describe('a place page on a 390×844 phone', () => {
  for (const locale of LOCALES) {
    it(`holds the place, now, today’s high and low and the next hours on the first screen, the 10 days within the second (${locale}, two warnings)`, async () => {
      await withPage(browser(), { viewport: SCREEN, locale, isMobile: true }, async ({ page }) => {
        await openPlace(page, '/place/52.52,13.41/Berlin');
        await page.locator('.alerts .alert').nth(1).waitFor();
        for (const selector of [
          'h1',
          '.current__temperature',
          '.current__condition',
          '.current__high-low',
          // Three whole hours of the strip: time, icon, temperature.
          '.hourly__list .hour:nth-child(3) .hour__temperature',
        ]) {
          const { y, height } = await box(page, selector);
          expect(y + height, selector).toBeLessThanOrEqual(SCREEN.height);
        }
        expect((await box(page, '.daily__list')).y).toBeLessThan(2 * SCREEN.height);
        // The details come after the days.
        expect((await box(page, '.current-details')).y).toBeGreaterThan(
          (await box(page, '.daily__list')).y,
        );
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        ).toBe(0);
      });
    });
  }

  it('shows warnings as compact banners, the severe one more prominent than the minor', async () => {
    await withPage(browser(), { viewport: SCREEN, isMobile: true }, async ({ page }) => {
      await openPlace(page, '/place/52.52,13.41/Berlin');
      const [severe, minor] = [page.locator('.alert--severe'), page.locator('.alert--minor')];
      await minor.waitFor();
      const [severeBox, minorBox] = [await severe.boundingBox(), await minor.boundingBox()];
      // Two lines at most each: severity and event, until when.
      expect(severeBox!.height).toBeLessThan(80);
      expect(minorBox!.height).toBeLessThan(80);
      const style = (item: typeof severe) =>
        item.evaluate((node) => {
          const title = node.querySelector('.alert__event')!;
          const icon = node.querySelector('.alert__icon')!;
          return {
            edge: parseFloat(getComputedStyle(node).borderLeftWidth),
            title: parseFloat(getComputedStyle(title).fontSize),
            icon: icon.getBoundingClientRect().width,
          };
        });
      const [strong, quiet] = [await style(severe), await style(minor)];
      expect(strong.edge).toBeGreaterThan(quiet.edge);
      expect(strong.title).toBeGreaterThan(quiet.title);
      expect(strong.icon).toBeGreaterThan(quiet.icon);
      // Opened, a banner shows the full text.
      await severe.locator('.alert__top').click();
      await severe.getByText(/There is a risk of storm gusts/).waitFor();
      expect((await severe.boundingBox())!.height).toBeGreaterThan(severeBox!.height);
    });
  });

  it('folds pollen away when none is in the air, and lists it when some is', async () => {
    await withPage(browser(), { viewport: SCREEN, isMobile: true }, async ({ page }) => {
      await openPlace(page, '/place/52.52,13.41/Berlin');
      const card = page.getByRole('region', { name: 'Air quality' });
      await card.getByRole('heading', { name: 'Pollen' }).waitFor();
      const levels = await card.locator('.pollen__level').allTextContents();
      const list = card.locator('.pollen__list');
      if (levels.every((level) => level === 'None')) {
        expect(await list.isVisible()).toBe(false);
        await card.getByText('None in the air now').click();
        await list.waitFor();
      } else {
        expect(await list.isVisible()).toBe(true);
        expect(await card.getByText('None in the air now').count()).toBe(0);
      }
    });
  });

  it('has no sideways scroll at 320, 360 and 414 px in any language, light or dark', async () => {
    for (const locale of LOCALES)
      await withPage(browser(), { viewport: SCREEN, locale, isMobile: true }, async ({ page }) => {
        await openPlace(page, '/place/52.52,13.41/Berlin');
        for (const width of [320, 360, 414])
          for (const colorScheme of ['light', 'dark'] as const) {
            await page.setViewportSize({ width, height: 800 });
            await page.emulateMedia({ colorScheme });
            expect(
              await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
              `${width} ${locale} ${colorScheme}`,
            ).toBe(0);
          }
      });
  });
});

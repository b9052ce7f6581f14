import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a box sticks out of the viewport, in words; empty when it is inside. */
function outside(box: Box | null, width: number, height: number): string[] {
  if (!box) return ['not shown'];
  const out: string[] = [];
  if (box.x < -0.5) out.push(`left edge at ${box.x}`);
  if (box.x + box.width > width + 0.5) out.push(`right edge at ${box.x + box.width}`);
  if (box.y < -0.5) out.push(`top at ${box.y}`);
  if (box.y + box.height > height + 0.5) out.push(`bottom at ${box.y + box.height}`);
  return out;
}

/** Opens "Units and theme" and lists every control that is not wholly inside the viewport. */
async function controlsOutside(page: Page, width: number, height: number) {
  await page.locator('.preferences__button').click();
  const panel = page.locator('.preferences__panel');
  await panel.waitFor();
  // The choices come in a chunk of their own (with the words beyond the first screen).
  await panel.locator('select').waitFor();
  const problems = outside(await panel.boundingBox(), width, height).map((p) => `panel: ${p}`);
  // The visible part of each control: the select, and each radio's drawn segment.
  const controls = panel.locator('select, .choice__option span');
  const radios = await panel.locator('input[type="radio"]').count();
  expect(radios).toBeGreaterThanOrEqual(15);
  expect(await controls.count()).toBe(1 + radios);
  for (const control of await controls.all()) {
    // A sheet taller than the screen scrolls within itself; each control must be reachable there.
    await control.scrollIntoViewIfNeeded();
    const name = (await control.textContent()) || (await control.evaluate((node) => node.tagName));
    for (const problem of outside(await control.boundingBox(), width, height))
      problems.push(`${name}: ${problem}`);
  }
  return problems;
}

describe('the units and theme panel', () => {
  for (const locale of ['en-GB', 'ar'] as const)
    for (const viewport of [
      { width: 320, height: 568 },
      { width: 320, height: 740 },
      { width: 390, height: 844 },
      { width: 1280, height: 720 },
    ])
      it(`keeps every control inside a ${viewport.width}×${viewport.height} viewport in ${locale}`, async () => {
        await withPage(browser(), { viewport, locale }, async ({ page }) => {
          await page.goto('/place/51.51,-0.13/London');
          // The app's own first screen, with its controls (not the server's first view).
          await page.locator('.current__condition').waitFor();
          expect(await controlsOutside(page, viewport.width, viewport.height)).toEqual([]);
          // The page behind it never scrolls sideways.
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          ).toBe(0);
        });
      });
});

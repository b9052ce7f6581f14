import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { describeViolations, sharedBrowser, seriousAxeViolations, withPage } from './browser.ts';

const browser = sharedBrowser();

const pages: [string, string, (page: Page) => Promise<void>][] = [
  [
    'the start page',
    '/',
    async (page) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
    },
  ],
  [
    'a place page',
    '/place/52.52,13.41/Berlin',
    async (page) => {
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      await page.getByRole('heading', { name: /^Next \d+ days$/ }).waitFor();
      await page.getByRole('region', { name: 'Air quality' }).getByText('European AQI').waitFor();
      await page.getByRole('figure').locator('canvas').first().waitFor();
      // The units menu and the chart's table are checked open.
      await page.getByRole('button', { name: /Units and theme/ }).click();
      await page.getByText('Show the chart as a table').click();
      await page.getByText(/^Sun and moon for the next/).click();
      await page.getByText('What the pollen levels mean').click();
      // Berlin has two warnings in the local provider: checked with their details open.
      await page.getByRole('region', { name: '2 weather warnings' }).waitFor();
      for (const warning of await page.locator('.alert__top').all()) await warning.click();
    },
  ],
  [
    'a day in detail',
    '/place/52.52,13.41/Berlin/day/' +
      new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
    async (page) => {
      await page.getByRole('region', { name: 'Every hour' }).waitFor();
      await page.getByRole('figure').locator('canvas').first().waitFor();
    },
  ],
];

describe('axe-core finds no serious or critical WCAG 2.2 AA violation', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, path, ready] of pages) {
      it(`on ${name} in the ${scheme} theme`, async () => {
        await withPage(browser(), { colorScheme: scheme }, async ({ page }) => {
          await page.goto(path);
          await ready(page);
          expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
        });
      });
    }
  }
});

describe('the accessibility check itself', () => {
  it('catches text without enough contrast, so a clean result means something', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.evaluate(() => {
        const faint = document.createElement('p');
        faint.textContent = 'Faint text';
        faint.style.color = '#d0d0d0';
        faint.style.background = '#ffffff';
        document.querySelector('main')?.append(faint);
      });
      const found = await seriousAxeViolations(page);
      expect(found.map((violation) => violation.id)).toContain('color-contrast');
    });
  });
});

describe('landmarks and headings', () => {
  it('has one banner, main and contentinfo, and headings that do not skip levels', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/52.52,13.41/Berlin');
      await page.getByRole('heading', { name: /^Next \d+ days$/ }).waitFor();
      expect(await page.getByRole('banner').count()).toBe(1);
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('contentinfo').count()).toBe(1);
      expect(await page.getByRole('search').count()).toBe(1);
      const levels = await page.evaluate(() =>
        [...document.querySelectorAll('h1, h2, h3, h4')].map((h) => Number(h.tagName[1])),
      );
      expect(levels[0]).toBe(1);
      expect(levels.filter((level) => level === 1)).toHaveLength(1);
      for (let i = 1; i < levels.length; i++)
        expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    });
  });
});

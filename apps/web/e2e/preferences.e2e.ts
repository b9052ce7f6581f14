import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

const temperatures = (page: Page) =>
  page.locator('[data-temperature]').evaluateAll((nodes) => nodes.map((node) => node.textContent));
const windSpeeds = (page: Page) =>
  page.locator('[data-wind]').evaluateAll((nodes) => nodes.map((node) => node.textContent));

async function openPreferences(page: Page) {
  const button = page.getByRole('button', { name: /Units and theme/ });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

async function openPlace(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Right now' }).waitFor();
  await page.getByRole('heading', { name: /^Next \d+ days$/ }).waitFor();
}

describe('units', () => {
  it('switches every temperature on the page to °F at once, and says so', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/52.52,13.41/Berlin');
      const celsius = await temperatures(page);
      // Now, feels like, high, low; the chart's summary and table; 48 hours; the days.
      expect(celsius.length).toBeGreaterThan(100);
      expect(celsius.every((text) => /^-?\d+°(C)?$/.test(text ?? ''))).toBe(true);
      expect(celsius.filter((text) => text?.endsWith('°C')).length).toBeGreaterThanOrEqual(4);

      await openPreferences(page);
      await page.getByRole('radio', { name: '°F' }).check();
      await page.getByRole('status').filter({ hasText: 'Temperatures now in °F' }).waitFor();
      await expect
        .poll(async () => (await temperatures(page)).filter((text) => text?.endsWith('°F')).length)
        .toBeGreaterThanOrEqual(4);

      const fahrenheit = await temperatures(page);
      expect(fahrenheit).toHaveLength(celsius.length);
      expect(fahrenheit.some((text) => text?.endsWith('°C'))).toBe(false);
      // Every value is the conversion of the one it replaced (both rounded, so ±1°).
      fahrenheit.forEach((text, index) => {
        const before = Number.parseFloat(celsius[index] ?? '');
        const after = Number.parseFloat(text ?? '');
        expect(Math.abs(after - (before * 9) / 5 - 32)).toBeLessThanOrEqual(1.5);
      });
      expect(await page.getByText(/^\d+\.\d\d inHg$/).count()).toBe(1);
    });
  });

  it('switches every wind speed to the chosen unit', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/51.51,-0.13/London');
      expect((await windSpeeds(page)).every((text) => /km\/h/.test(text ?? ''))).toBe(true);
      await openPreferences(page);
      for (const [label, unit] of [
        ['m/s', 'm/s'],
        ['mph', 'mph'],
        ['kn', 'kn'],
      ] as const) {
        await page.getByRole('radio', { name: label, exact: true }).check();
        await page
          .getByRole('status')
          .filter({ hasText: `Wind speeds now in ${unit}` })
          .waitFor();
        await expect
          .poll(async () => (await windSpeeds(page)).every((text) => text?.includes(` ${unit}`)))
          .toBe(true);
      }
    });
  });

  it('keeps the choice for the next visit and for other places', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/40.71,-74.01/New%20York');
      await openPreferences(page);
      await page.getByRole('radio', { name: '°F' }).check();
      await page.getByRole('radio', { name: 'mph' }).check();
      await page.reload();
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      await expect
        .poll(async () => (await temperatures(page)).filter((t) => t?.endsWith('°F')).length)
        .toBeGreaterThanOrEqual(4);
      expect((await windSpeeds(page)).every((text) => text?.includes('mph'))).toBe(true);
      const stored = await page.evaluate(() => localStorage.getItem('skycast:preferences'));
      expect(JSON.parse(stored ?? '{}')).toMatchObject({ units: 'imperial', windUnit: 'mph' });
    });
  });
});

describe('theme', () => {
  const background = (page: Page) =>
    page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  it('follows the system until the visitor picks light or dark', async () => {
    await withPage(browser(), { colorScheme: 'dark' }, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      const dark = await background(page);

      await openPreferences(page);
      await page.getByRole('radio', { name: 'Light' }).check();
      await page.getByRole('status').filter({ hasText: 'Light theme.' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      expect(await background(page)).not.toBe(dark);

      // Chosen before the first paint on the next load, whatever the system says.
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');

      await openPreferences(page);
      await page.getByRole('radio', { name: 'System' }).check();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    });
  });

  it('closes the menu with Escape, giving focus back to its button, and when focus leaves it', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/');
      const button = page.getByRole('button', { name: /Units and theme/ });
      await button.focus();
      await page.keyboard.press('Enter');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

      // Tabbing past the last choice leaves the menu and closes it: the language, then
      // one stop per radio group (temperature, wind, theme), then out.
      await page.keyboard.press('Enter');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
    });
  });
});

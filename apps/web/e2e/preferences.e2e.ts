import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';

import { sharedBrowser, weatherStub, withPage } from './browser.ts';

const browser = sharedBrowser();

const temperatures = (page: Page) =>
  page.locator('[data-temperature]').evaluateAll((nodes) => nodes.map((node) => node.textContent));
/**
 * The temperatures once the sections below the fold (loaded in chunks of their
 * own, after the first screen) have all drawn theirs: the same count twice, half
 * a second apart.
 */
async function settledTemperatures(page: Page) {
  let before = await temperatures(page);
  for (let tries = 0; tries < 40; tries++) {
    await page.waitForTimeout(500);
    const now = await temperatures(page);
    if (now.length === before.length) return now;
    before = now;
  }
  throw new Error(`The temperatures on the page kept changing: ${before.length} last`);
}
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

/** The value of one of the details (Pressure, Visibility, …), or of the sun card's Sunrise and Sunset. */
const detail = (page: Page, term: string) =>
  page
    .getByRole('region', { name: /^Sun and moon$|^Details$/ })
    .locator('dt', { hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd')
    .textContent();

/** Chooses an option in the units menu and waits until the page has said so. */
async function choose(page: Page, group: string, option: string, said: string) {
  await openPreferences(page);
  await page
    .getByRole('group', { name: group })
    .getByRole('radio', { name: option, exact: true })
    .check();
  await page.getByRole('status').filter({ hasText: said }).waitFor();
}

/** The option checked in each group of the units menu. */
async function chosen(page: Page) {
  await openPreferences(page);
  const groups = ['Temperature', 'Wind speed', 'Precipitation', 'Pressure', 'Distance', 'Clock'];
  const checked: Record<string, string> = {};
  for (const group of groups) {
    const radio = page.getByRole('group', { name: group }).locator('input:checked');
    checked[group] = (await radio.evaluate((input) => input.parentElement?.textContent)) ?? '';
  }
  return checked;
}

const number = (text: string | null) => Number.parseFloat(text ?? '');

describe('units', () => {
  it('starts from the browser’s locale: customary units and 12 hours in the US', async () => {
    await withPage(browser(), { locale: 'en-US' }, async ({ page }) => {
      await openPlace(page, '/place/40.71,-74.01/New%20York');
      expect(await chosen(page)).toEqual({
        Temperature: '°F',
        'Wind speed': 'mph',
        Precipitation: 'in',
        Pressure: 'inHg',
        Distance: 'mi',
        Clock: '12-hour',
      });
      expect(await page.locator('.current__temperature').textContent()).toMatch(/^-?\d+°F$/);
      expect(await detail(page, 'Pressure')).toMatch(/^\d+\.\d\d inHg$/);
      expect(await detail(page, 'Visibility')).toMatch(/ mi$/);
      expect(await detail(page, 'Precipitation')).toMatch(/^\d+\.\d\d in$/);
      expect(await detail(page, 'Sunrise')).toMatch(/^\d{1,2}:\d\d AM$/);
      expect(await detail(page, 'Sunset')).toMatch(/^\d{1,2}:\d\d PM$/);
      expect((await windSpeeds(page)).every((text) => text?.includes(' mph'))).toBe(true);
    });
  });

  it('starts from the browser’s locale: metric and 24 hours in Germany, miles and mph in Britain', async () => {
    // English in Germany: the region decides the units, the language (English) the words checked here.
    await withPage(browser(), { locale: 'en-DE' }, async ({ page }) => {
      await openPlace(page, '/place/52.52,13.41/Berlin');
      expect(await chosen(page)).toEqual({
        Temperature: '°C',
        'Wind speed': 'km/h',
        Precipitation: 'mm',
        Pressure: 'hPa',
        Distance: 'km',
        Clock: '24-hour',
      });
      expect(await detail(page, 'Sunrise')).toMatch(/^\d\d:\d\d$/);
      expect(await detail(page, 'Visibility')).toMatch(/ km$/);
    });
    await withPage(browser(), { locale: 'en-GB' }, async ({ page }) => {
      await openPlace(page, '/place/51.51,-0.13/London');
      expect(await chosen(page)).toEqual({
        Temperature: '°C',
        'Wind speed': 'mph',
        Precipitation: 'mm',
        Pressure: 'hPa',
        Distance: 'mi',
        Clock: '24-hour',
      });
    });
  });

  it('switches every temperature on the page to °F at once, and says so, leaving the other units be', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/52.52,13.41/Berlin');
      const celsius = await settledTemperatures(page);
      // Now, feels like, high, low; the chart's summary and table; 48 hours; the days.
      expect(celsius.length).toBeGreaterThan(100);
      expect(celsius.every((text) => /^-?\d+°(C)?$/.test(text ?? ''))).toBe(true);
      expect(celsius.filter((text) => text?.endsWith('°C')).length).toBeGreaterThanOrEqual(4);
      const pressure = await detail(page, 'Pressure');

      await choose(page, 'Temperature', '°F', 'Temperatures now in °F');
      await expect
        .poll(async () => (await temperatures(page)).filter((text) => text?.endsWith('°F')).length)
        .toBeGreaterThanOrEqual(4);

      const fahrenheit = await settledTemperatures(page);
      expect(fahrenheit).toHaveLength(celsius.length);
      expect(fahrenheit.some((text) => text?.endsWith('°C'))).toBe(false);
      // Every value is the conversion of the one it replaced (both rounded, so ±1°).
      fahrenheit.forEach((text, index) => {
        const before = Number.parseFloat(celsius[index] ?? '');
        const after = Number.parseFloat(text ?? '');
        expect(Math.abs(after - (before * 9) / 5 - 32)).toBeLessThanOrEqual(1.5);
      });
      expect(await detail(page, 'Pressure')).toBe(pressure);
    });
  });

  it('switches every wind speed to the chosen unit', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/51.51,-0.13/London');
      // en-GB: miles per hour to begin with.
      expect((await windSpeeds(page)).every((text) => / mph/.test(text ?? ''))).toBe(true);
      const mph = number(await page.locator('[data-wind]').first().textContent());
      for (const [label, unit, perMph] of [
        ['km/h', 'km/h', 1.609344],
        ['m/s', 'm/s', 0.44704],
        ['kn', 'kn', 0.868976],
        ['mph', 'mph', 1],
      ] as const) {
        await choose(page, 'Wind speed', label, `Wind speeds now in ${unit}`);
        await expect
          .poll(async () => (await windSpeeds(page)).every((text) => text?.includes(` ${unit}`)))
          .toBe(true);
        const shown = number(await page.locator('[data-wind]').first().textContent());
        // Both whole numbers: within one of the conversion of the rounded mph.
        expect(Math.abs(shown - mph * perMph)).toBeLessThanOrEqual(1 * perMph + 0.5);
      }
    });
  });

  it('switches precipitation between millimetres and inches, everywhere it is written', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/47.37,8.54/Zürich');
      const bars = page.getByRole('list', { name: 'Precipitation every 15 minutes' });
      const before = number(await detail(page, 'Precipitation'));
      expect(await detail(page, 'Precipitation')).toMatch(/^\d+\.\d mm$/);

      await choose(page, 'Precipitation', 'in', 'Precipitation now in inches');
      await expect.poll(() => detail(page, 'Precipitation')).toMatch(/^\d+\.\d\d in$/);
      expect(Math.abs(number(await detail(page, 'Precipitation')) - before / 25.4)).toBeLessThan(
        0.01,
      );
      for (const step of await bars.getByRole('listitem').allTextContents())
        expect(step).toMatch(/: (dry|.+, \d+\.\d\d in)$/);
      // The temperature scale is a choice of its own.
      expect(await page.locator('.current__temperature').textContent()).toMatch(/°C$/);

      await page
        .getByRole('link', { name: /, hour by hour$/ })
        .first()
        .click();
      const table = page.getByRole('region', { name: 'Every hour' });
      await table.waitFor();
      expect(await table.getByRole('row').nth(1).textContent()).toMatch(/\d+\.\d\d in/);
    });
  });

  it('switches pressure between hPa, inHg and mmHg', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/55.76,37.62/Moscow');
      const hpa = number(await detail(page, 'Pressure'));
      expect(await detail(page, 'Pressure')).toMatch(/^\d{3,4} hPa$/);

      await choose(page, 'Pressure', 'mmHg', 'Pressure now in millimetres of mercury');
      await expect.poll(() => detail(page, 'Pressure')).toMatch(/^\d{3} mmHg$/);
      expect(Math.abs(number(await detail(page, 'Pressure')) - hpa * 0.750062)).toBeLessThan(1.5);

      await choose(page, 'Pressure', 'inHg', 'Pressure now in inches of mercury');
      await expect.poll(() => detail(page, 'Pressure')).toMatch(/^\d\d\.\d\d inHg$/);
      expect(Math.abs(number(await detail(page, 'Pressure')) - hpa * 0.02953)).toBeLessThan(0.05);
    });
  });

  it('switches distances between kilometres and miles', async () => {
    await withPage(browser(), { locale: 'en-DE' }, async ({ page }) => {
      await openPlace(page, '/place/48.14,11.58/Munich');
      const km = number(await detail(page, 'Visibility'));
      expect(await detail(page, 'Visibility')).toMatch(/ km$/);

      await choose(page, 'Distance', 'mi', 'Distances now in miles');
      await expect.poll(() => detail(page, 'Visibility')).toMatch(/ mi$/);
      expect(Math.abs(number(await detail(page, 'Visibility')) - km / 1.609344)).toBeLessThan(1);
    });
  });

  it('writes every time on the chosen clock', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/47.37,8.54/Zürich');
      const strip = page.getByRole('list', { name: /^Next \d+ hours$/ });
      const stripTimes = () => strip.locator('.hour__time').allTextContents();
      const sunAndMoon = page.getByRole('region', { name: 'Sun and moon' });
      await sunAndMoon.getByRole('heading', { name: 'Moon', exact: true }).waitFor();
      expect((await stripTimes()).slice(1)).toContain('12:00');

      await choose(page, 'Clock', '12-hour', 'Times now on the 12-hour clock');
      await expect.poll(async () => (await stripTimes()).slice(1)).toContain('12 PM');
      expect((await stripTimes()).slice(1).every((time) => /^\d{1,2} (AM|PM)$/.test(time))).toBe(
        true,
      );
      expect(await detail(page, 'Sunrise')).toMatch(/^\d{1,2}:\d\d AM$/);
      expect(await sunAndMoon.locator('.sun-moon__today').textContent()).toMatch(
        /Sunrise\d{1,2}:\d\d AMSunset\d{1,2}:\d\d PM/,
      );
      for (const step of await page
        .getByRole('list', { name: 'Precipitation every 15 minutes' })
        .getByRole('listitem')
        .allTextContents())
        expect(step).toMatch(/^until \d{1,2}:\d\d (AM|PM): /);
      // The sentence's time too ("starting around 2:30 PM"): none is left on the 24-hour clock.
      // In the rain strip's card when something falls, in "Right now" when dry.
      const sentence = page.locator('.next-hours__summary, .current__outlook');
      expect(await sentence.textContent()).not.toMatch(/\d:\d\d(?! [AP]M)/);
      // The chart's table alternative too (inside a closed <details>, so read as text).
      expect(
        await page.locator('.hourly-chart__table th[scope="row"]').first().textContent(),
      ).toMatch(/^[A-Z][a-z]{2} \d{1,2}(:\d\d)? (AM|PM)$/);

      await choose(page, 'Clock', '24-hour', 'Times now on the 24-hour clock');
      await expect.poll(async () => (await stripTimes()).slice(1)).toContain('12:00');
    });
  });

  it('keeps every choice for the next visit and for other places', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/40.71,-74.01/New%20York');
      await choose(page, 'Temperature', '°F', 'Temperatures now in °F');
      await choose(page, 'Wind speed', 'kn', 'Wind speeds now in kn');
      await choose(page, 'Precipitation', 'in', 'Precipitation now in inches');
      await choose(page, 'Pressure', 'mmHg', 'Pressure now in millimetres of mercury');
      await choose(page, 'Distance', 'km', 'Distances now in kilometres');
      await choose(page, 'Clock', '12-hour', 'Times now on the 12-hour clock');
      await page.goto('/place/52.52,13.41/Berlin');
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      const expected = {
        Temperature: '°F',
        'Wind speed': 'kn',
        Precipitation: 'in',
        Pressure: 'mmHg',
        Distance: 'km',
        Clock: '12-hour',
      };
      expect(await chosen(page)).toEqual(expected);
      await page.reload();
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      expect(await chosen(page)).toEqual(expected);
      expect(await detail(page, 'Pressure')).toMatch(/ mmHg$/);
      expect(await detail(page, 'Sunrise')).toMatch(/ AM$/);
      expect((await windSpeeds(page)).every((text) => text?.includes(' kn'))).toBe(true);
      const stored = await page.evaluate(() => localStorage.getItem('skycast:preferences'));
      expect(JSON.parse(stored ?? '{}')).toMatchObject({
        units: 'imperial',
        windUnit: 'kn',
        precipitationUnit: 'in',
        pressureUnit: 'mmHg',
        distanceUnit: 'km',
        clock: '12h',
      });
    });
  });

  it('asks the API nothing more when a unit changes: one forecast answer for every choice', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const forecasts: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('weather.forecast')) forecasts.push(request.url());
      });
      // A place no other test opens, and a provider slower than the page waits: the
      // page comes without the forecast, so the app asks for it.
      await weatherStub.slowForecasts();
      onTestFinished(() => weatherStub.setFault(null));
      await openPlace(page, '/place/53.55,9.99/Hamburg');
      await expect.poll(() => forecasts.length).toBe(1);
      // The URL names no units, so every visitor's browser and every cache share it.
      expect(decodeURIComponent(forecasts[0] ?? '')).toMatch(
        /weather\.forecast\?input=\{"latitude":53\.55,"longitude":9\.99\}$/,
      );
      await choose(page, 'Temperature', '°F', 'Temperatures now in °F');
      await choose(page, 'Wind speed', 'kn', 'Wind speeds now in kn');
      await expect
        .poll(async () => (await windSpeeds(page)).every((text) => text?.includes(' kn')))
        .toBe(true);
      expect(forecasts).toHaveLength(1);
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
      // The choices come in a chunk of their own; a person tabs in once they see them.
      // (Tabbed before they are there, focus can leave the page and Escape has nothing to close.)
      await page.getByRole('combobox', { name: 'Language' }).waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
      await page.keyboard.press('Escape');
      // What the person sees next: React closes the menu on its next render.
      await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
      expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

      // Tabbing past the last choice leaves the menu and closes it: the language, then
      // one stop per radio group (seven: each unit, the clock, the theme), then out.
      await page.keyboard.press('Enter');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      for (let i = 0; i < 9; i++) await page.keyboard.press('Tab');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
    });
  });
});

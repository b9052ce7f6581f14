import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import arabic from '../src/i18n/locales/ar.json' with { type: 'json' };
import german from '../src/i18n/locales/de.json' with { type: 'json' };
import germanErrors from '../../../packages/validators/src/error-catalogue/de.json' with { type: 'json' };
import {
  describeViolations,
  horizontalOverflow,
  openPage,
  seriousAxeViolations,
  sharedBrowser,
  withPage,
} from './browser.ts';

const browser = sharedBrowser();

const BERLIN = '/place/52.52,13.41/Berlin';

/** The words of every weather code in a catalogue. */
const weatherWords = (catalogue: Record<string, string>) =>
  Object.entries(catalogue)
    .filter(([key]) => key.startsWith('weather.'))
    .map(([, words]) => words);

const htmlLanguage = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

/** Where an element starts, as a share of the viewport's width (0 = left edge, 1 = right). */
async function horizontalPosition(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  const width = page.viewportSize()?.width ?? 1;
  if (!box) throw new Error(`${selector} is not on screen`);
  return (box.x + box.width / 2) / width;
}

async function chooseLanguage(page: Page, menuButton: RegExp, label: RegExp, value: string) {
  const button = page.getByRole('button', { name: menuButton });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.getByLabel(label).selectOption(value);
  await expect.poll(async () => (await htmlLanguage(page)).lang).toBe(value);
  await page.keyboard.press('Escape');
}

describe('languages', () => {
  it('follows the browser’s language: German words, formats and weather descriptions', async () => {
    await withPage(browser(), { locale: 'de-DE' }, async ({ page }) => {
      await page.goto(BERLIN);
      await page.getByRole('heading', { name: 'Jetzt' }).waitFor();
      await page.getByRole('heading', { name: /^Nächste \d+ Tage$/ }).waitFor();
      expect(await htmlLanguage(page)).toEqual({ lang: 'de', dir: 'ltr' });
      // theme.js preloaded the first screen's German words beside the app's scripts, and
      // only those; the rest (the 16 days' heading above) came after.
      const preloaded = await page.evaluate(() =>
        [...document.querySelectorAll('link[rel="modulepreload"]')].map((link) =>
          link.getAttribute('href'),
        ),
      );
      expect(preloaded.filter((href) => /first-screen/.test(href ?? ''))).toEqual([
        expect.stringMatching(/^\/assets\/de-first-screen-[\w-]+\.js$/),
      ]);

      const condition = (await page.locator('.current__condition').textContent()) ?? '';
      expect(weatherWords(german)).toContain(condition.split(' · ')[0]);
      await page.getByText(/^Aktualisiert (vor .+|gerade eben)$/).waitFor();
      // The weekday of a day row, in German (Mo., Di., …).
      const weekday = await page.locator('.day__name abbr').first().textContent();
      expect(weekday).toMatch(/^(Mo|Di|Mi|Do|Fr|Sa|So)\.?$/);
      expect(await page.title()).toBe('Berlin – Skycast');
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
    });
  });

  it('switches to Arabic from the menu: right to left, mirrored, axe-clean, kept for the next visit', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto(BERLIN);
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      // A visitor's "Sign in", once the app knows who is here: its placeholder is
      // replaced then, and a box measured as it goes is none.
      await page.locator('.account-menu__button').waitFor();
      expect(await htmlLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
      // Left to right: the logo at the left, the menus at the right.
      expect(await horizontalPosition(page, '.site-header__brand')).toBeLessThan(0.3);
      expect(await horizontalPosition(page, '.account-menu__button')).toBeGreaterThan(0.7);

      await chooseLanguage(page, /Units and theme/, /^Language$/, 'ar');
      expect(await htmlLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await page.getByRole('heading', { name: 'الآن' }).waitFor();
      const condition = (await page.locator('.current__condition').textContent()) ?? '';
      expect(weatherWords(arabic)).toContain(condition.split(' · ')[0]);

      // Mirrored: the logo at the right, the menus at the left, the search icon at the
      // field's right (its start), and nothing pushed off the page sideways.
      expect(await horizontalPosition(page, '.site-header__brand')).toBeGreaterThan(0.7);
      expect(await horizontalPosition(page, '.account-menu__button')).toBeLessThan(0.3);
      const field = await page.locator('.search__input').boundingBox();
      const icon = await page.locator('.search__icon').boundingBox();
      expect(icon!.x).toBeGreaterThan(field!.x + field!.width / 2);
      // A day row reads from the right: the weekday right of the high temperature.
      const weekday = await page.locator('.day__name').first().boundingBox();
      const high = await page.locator('.day__high').first().boundingBox();
      expect(weekday!.x).toBeGreaterThan(high!.x);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

      await page.reload();
      await page.getByRole('heading', { name: 'الآن' }).waitFor();
      expect(await htmlLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    });
  });

  it.each([
    ['es', 'Ahora mismo', /^Próximos \d+ días$/],
    ['fr', 'En ce moment', /^\d+ prochains jours$/],
    ['de', 'Jetzt', /^Nächste \d+ Tage$/],
    ['en', 'Right now', /^Next \d+ days$/],
  ])('speaks %s when chosen, and axe finds nothing serious', async (language, now, days) => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto(BERLIN);
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      // Through Arabic first, so each switch also undoes a right-to-left layout.
      await chooseLanguage(page, /Units and theme/, /^Language$/, 'ar');
      await chooseLanguage(page, /الوحدات والمظهر/, /^اللغة$/, language);
      expect(await htmlLanguage(page)).toEqual({ lang: language, dir: 'ltr' });
      await page.getByRole('heading', { name: now }).waitFor();
      await page.getByRole('heading', { name: days }).waitFor();
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
    });
  });

  it('finds places by their names in the chosen language', async () => {
    await withPage(browser(), { locale: 'ar' }, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'الطقس لأي مكان' }).waitFor();
      await page.getByRole('combobox', { name: 'ابحث عن مكان' }).fill('Munich');
      await page.getByRole('option', { name: /ميونخ/ }).click();
      await page.getByRole('heading', { level: 1, name: 'ميونخ' }).waitFor();
      expect(await htmlLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    });
  });

  it('keeps a signed-in person’s language in their account, for another browser', async () => {
    const email = `polyglot.${Date.now()}@example.com`;
    const password = 'a walk along the river';
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/sign-up');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      await chooseLanguage(page, /Units and theme/, /^Language$/, 'fr');
      await page.getByRole('button', { name: 'Compte', exact: true }).waitFor();
    });
    // Another browser, which prefers English and has never seen this person.
    const other = await openPage(browser(), { locale: 'en-GB' });
    try {
      await other.page.goto('/sign-in');
      await other.page.getByLabel('Email').fill(email);
      await other.page.getByLabel('Password', { exact: true }).fill(password);
      await other.page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(async () => (await htmlLanguage(other.page)).lang).toBe('fr');
      await other.page.getByRole('button', { name: 'Compte', exact: true }).waitFor();
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('says what went wrong in German: a form’s own check and the server’s refusal, from the error catalogue', async () => {
    await withPage(browser(), { locale: 'de-DE' }, async ({ page }) => {
      await page.goto('/sign-in');
      await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
      await page.getByLabel('E-Mail').fill('nobody@example.com');
      // The schema's own check, before any call: its zod message is a catalogue key.
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByText(germanErrors['input.passwordMissing']).waitFor();
      // The server's refusal, worded by its reason.
      await page.getByLabel('Passwort', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByText(germanErrors.WRONG_CREDENTIALS).waitFor();
      expect(await page.getByText(/wrong|Enter your/).count()).toBe(0);
    });
  });
});

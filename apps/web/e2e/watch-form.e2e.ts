import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  describeViolations,
  horizontalOverflow,
  seriousAxeViolations,
  sharedBrowser,
  weatherStub,
  withPage,
} from './browser.ts';

const browser = sharedBrowser();
const PLACE = '/place/52.52,13.41/Berlin';
const SHOTS = path.resolve(import.meta.dirname, '../test-results/watch-form');
mkdirSync(SHOTS, { recursive: true });

async function signUpAndSaveBerlin(page: Page, place = PLACE): Promise<Locator> {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(`form.${Date.now()}.${Math.random()}@example.com`);
  await page.getByLabel('Password', { exact: true }).fill('a walk along the river');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
  await page.goto(place);
  await page.getByRole('heading', { name: 'Right now' }).waitFor();
  await page.getByRole('button', { name: 'Save place' }).click();
  const section = page.getByRole('region', { name: 'Watches' });
  await section.getByText(/No watches yet/).waitFor();
  return section;
}

async function chooseFahrenheit(page: Page) {
  const button = page.getByRole('button', { name: /Units and theme/ });
  await button.click();
  await page
    .getByRole('group', { name: 'Temperature' })
    .getByRole('radio', { name: '°F', exact: true })
    .check();
  await page.getByRole('status').filter({ hasText: 'Temperatures now in °F' }).waitFor();
  await page.keyboard.press('Escape');
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('the watch form', () => {
  it('creates a watch in °F, refuses a threshold out of range beside the field, edits its threshold and hours, and keeps them over a reload', async () => {
    await withPage(browser(), { viewport: { width: 1280, height: 900 } }, async ({ page }) => {
      const section = await signUpAndSaveBerlin(page);
      await chooseFahrenheit(page);

      await section.getByRole('button', { name: '+ Your own watch' }).click();
      const form = section.getByRole('form', { name: 'New watch' });
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('New watch');
      await form.getByLabel('Watch for').selectOption('temperature');
      const threshold = form.getByLabel(/^Temperature \(\u2068°F\u2069\)$/);
      await threshold.fill('200');
      await form.getByRole('button', { name: 'Add watch' }).click();
      await form.getByText('Use 140 or less.').waitFor();
      await expect.poll(() => threshold.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => threshold.evaluate((node) => node === document.activeElement))
        .toBe(true);

      await threshold.fill('50');
      await form.getByRole('radio', { name: 'In the next hours' }).check();
      await form.getByLabel('Next hours', { exact: true }).fill('12');
      await form.getByRole('checkbox', { name: 'Saturday' }).uncheck();
      await form.getByRole('checkbox', { name: 'Sunday' }).uncheck();
      await form.getByLabel('Active from').fill('06:00');
      await form.getByLabel('Until', { exact: true }).fill('09:00');
      await form.getByRole('checkbox', { name: 'Quiet hours' }).check();
      await form.getByLabel('Quiet from').fill('07:30');
      await form.getByLabel('Quiet until').fill('08:00');
      await form.getByRole('button', { name: 'Preview the last 48 hours' }).click();
      await form
        .getByRole('status')
        .getByText(/^In the last 48 hours this would (not have notified you\.|have notified you)/)
        .waitFor();
      await form.getByRole('button', { name: 'Add watch' }).click();
      await section.getByText('50°F or colder in the next 12 hours').waitFor();
      await section
        .getByText('Mon, Tue, Wed, Thu, Fri · 06:00–09:00 · quiet 07:30–08:00')
        .waitFor();
      await expect.poll(() => focusedId(page)).toBe('watch-add-own');

      await section
        .getByRole('button', { name: 'Edit “50°F or colder in the next 12 hours”' })
        .click();
      const edit = section.getByRole('form', { name: 'Edit watch' });
      await expect
        .poll(() => edit.getByLabel(/^Temperature \(\u2068°F\u2069\)$/).inputValue())
        .toBe('50');
      await edit.getByLabel(/^Temperature \(\u2068°F\u2069\)$/).fill('41');
      await edit.getByLabel('Next hours', { exact: true }).fill('24');
      await edit.getByLabel('Active from').fill('05:30');
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      await edit.screenshot({ path: path.join(SHOTS, 'edit-1280.png') });
      await edit.getByRole('button', { name: 'Save watch' }).click();
      await section.getByText('41°F or colder in the next 24 hours').waitFor();
      await expect.poll(() => focusedId(page)).toMatch(/^watch-edit-/);

      await page.reload();
      await section.getByText('41°F or colder in the next 24 hours').waitFor();
      await section
        .getByText('Mon, Tue, Wed, Thu, Fri · 05:30–09:00 · quiet 07:30–08:00')
        .waitFor();
      // Stored in °C: 41 °F is 5 °C exactly.
      const stored = await page.evaluate(async () => {
        const response = await fetch('/trpc/watches.list?input=%7B%7D');
        return ((await response.json()) as { result: { data: { rule: unknown }[] } }).result.data;
      });
      expect(stored.map((watch) => watch.rule)).toEqual([
        { kind: 'temperature', direction: 'below', threshold: 5, horizon: { hours: 24 } },
      ]);
    });
  });

  it('previews a rain watch over the last 48 hours: a shower yesterday shows when it would have notified', async () => {
    // A shower 30 to 20 hours ago on the local provider, set before the place's forecast is first
    // fetched: Erfurt, which no other browser test opens, so no earlier test has it kept already.
    const quarter = Math.floor(Date.now() / (15 * 60_000)) * 15 * 60_000;
    await weatherStub.setRain([
      {
        latitude: 50.98,
        longitude: 11.03,
        startsAt: quarter - 30 * 3_600_000,
        endsAt: quarter - 20 * 3_600_000,
        mmPerHour: 3,
      },
    ]);
    try {
      await withPage(browser(), { viewport: { width: 1280, height: 900 } }, async ({ page }) => {
        const section = await signUpAndSaveBerlin(page, '/place/50.98,11.03/Erfurt');
        await section.getByRole('button', { name: '+ Your own watch' }).click();
        const form = section.getByRole('form', { name: 'New watch' });
        await form.getByLabel('Watch for').selectOption('rain-starts');
        await form.getByRole('button', { name: 'Preview the last 48 hours' }).click();
        const status = form.getByRole('status');
        await status.getByText('In the last 48 hours this would have notified you once:').waitFor();
        const fired = status.getByRole('listitem');
        expect(await fired.count()).toBe(1);
        expect(await fired.textContent()).toMatch(/ — Erfurt: rain in 30 min$/);
        // Half an hour before the shower began, about 30.5 hours ago: not from now on.
        const at = Date.parse((await fired.locator('time').getAttribute('datetime')) ?? '');
        const hoursAgo = (Date.now() - at) / 3_600_000;
        expect(hoursAgo).toBeGreaterThan(30);
        expect(hoursAgo).toBeLessThan(31.5);
        expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      });
    } finally {
      await weatherStub.setRain(null);
    }
  });

  it('fits a 390 px and a 320 px phone, open with every kind of field, and mirrors in Arabic', async () => {
    await withPage(browser(), { viewport: { width: 390, height: 844 } }, async ({ page }) => {
      const section = await signUpAndSaveBerlin(page);
      await section.getByRole('button', { name: '+ Your own watch' }).click();
      const form = section.getByRole('form', { name: 'New watch' });
      await form.getByLabel('Watch for').selectOption('all-of');
      await form.getByRole('button', { name: '+ Add a condition' }).click();
      await form.getByRole('checkbox', { name: 'Quiet hours' }).check();
      // The wind in the browser's British default: mph.
      const wind = form.getByLabel(/^Value \(\u2068mph\u2069\)$/);
      await wind.fill('fast');
      await form.getByRole('button', { name: 'Add watch' }).click();
      await form.getByText('Enter a number, such as 5 or 2.5.').waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      await form.screenshot({ path: path.join(SHOTS, 'all-of-390.png') });

      await page.setViewportSize({ width: 320, height: 700 });
      expect(await horizontalOverflow(page)).toBe(0);
      await form.screenshot({ path: path.join(SHOTS, 'all-of-320.png') });

      await wind.fill('11');
      await form.getByRole('button', { name: 'Add watch' }).click();
      await section.getByText('All of 3 conditions').waitFor();

      await page.setViewportSize({ width: 390, height: 844 });
      const button = page.getByRole('button', { name: /Units and theme/ });
      await button.click();
      await page.getByLabel(/^Language$/).selectOption('ar');
      await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await page.keyboard.press('Escape');
      const arabic = page.getByRole('region', { name: 'التنبيهات' });
      await arabic.getByRole('button', { name: /^تعديل/ }).click();
      const arabicForm = arabic.getByRole('form', { name: 'تعديل المراقبة' });
      await arabicForm.waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      // Right to left: the kind's label starts at the form's right edge.
      const formBox = await arabicForm.boundingBox();
      const labelBox = await arabicForm.getByText('راقب', { exact: true }).boundingBox();
      if (!formBox || !labelBox) throw new Error('the form is not on screen');
      expect(formBox.x + formBox.width - (labelBox.x + labelBox.width)).toBeLessThan(24);
      await arabicForm.screenshot({ path: path.join(SHOTS, 'edit-arabic-390.png') });
    });
  });
});

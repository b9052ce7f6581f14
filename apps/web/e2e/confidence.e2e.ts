import { describe, expect, it } from 'vitest';

import {
  describeViolations,
  horizontalOverflow,
  PHONE,
  seriousAxeViolations,
  sharedBrowser,
  withPage,
} from './browser.ts';

const browser = sharedBrowser();
const SCREENSHOTS = process.env.SKYCAST_SCREENSHOT_DIR;
const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

describe('how sure the forecast is', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`labels each day with its reason and draws the 48-hour band, on a phone in the ${scheme} theme`, async () => {
      await withPage(browser(), { viewport: PHONE, colorScheme: scheme }, async ({ page }) => {
        await page.goto('/place/52.52,13.41/Berlin');
        const section = page.getByRole('region', { name: 'How sure is the forecast' });
        const days = section.getByRole('list', { name: 'How sure each day’s forecast is' });
        await days.getByRole('listitem').first().waitFor();
        const items = await days.getByRole('listitem').allTextContents();
        expect(items.length).toBeGreaterThanOrEqual(6);
        for (const item of items) expect(item).toMatch(/(Sure|Likely|Uncertain)\S/);
        await section.getByText('No accuracy record for this place yet.').waitFor();
        const band = section.getByRole('group', { name: 'Likely temperature, next 48 hours' });
        await band.locator('canvas').waitFor();
        await band.getByText('Show the likely range as a table').click();
        const rows = band.getByRole('region').getByRole('row');
        expect(await rows.count()).toBe(49);
        expect(await horizontalOverflow(page)).toBe(0);
        expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
        if (SCREENSHOTS)
          await section.screenshot({ path: `${SCREENSHOTS}/confidence-place-${scheme}.png` });
      });
    });
  }

  it('compares the models on a day page, with the blend, as a chart and a table', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto(`/place/52.52,13.41/Berlin/day/${inTwoDays()}`);
      const models = page.getByRole('group', { name: 'Models' });
      await models.locator('canvas').waitFor();
      await models.getByText('Show the models as a table').click();
      const table = models.getByRole('region', {
        name: 'Each model’s temperature through the day',
      });
      const header = await table.getByRole('row').first().allTextContents();
      expect(header.join(' ')).toMatch(/ECMWF.*GFS.*ICON.*GEM.*Météo-France.*UKMO.*JMA.*Blend/);
      expect(await table.getByRole('row').count()).toBe(25);
      await page
        .getByRole('group', { name: 'Likely temperature through the day' })
        .locator('canvas')
        .waitFor();
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      if (SCREENSHOTS)
        await page.screenshot({ path: `${SCREENSHOTS}/confidence-day.png`, fullPage: true });
    });
  });

  it('speaks the reader’s language', async () => {
    await withPage(browser(), { locale: 'de-DE' }, async ({ page }) => {
      await page.goto('/place/52.52,13.41/Berlin');
      const section = page.getByRole('region', { name: 'Wie sicher ist die Vorhersage' });
      await section.getByRole('listitem').first().waitFor();
      expect(await section.getByRole('listitem').first().textContent()).toMatch(
        /Sicher|Wahrscheinlich|Unsicher/,
      );
    });
  });

  it('mirrors for a right-to-left language', async () => {
    await withPage(browser(), { locale: 'ar', viewport: PHONE }, async ({ page }) => {
      await page.goto('/place/52.52,13.41/Berlin');
      const section = page.getByRole('region', { name: 'ما مدى دقة التوقعات' });
      await section.getByRole('listitem').first().waitFor();
      const row = section.getByRole('listitem').first();
      const [name, chip] = await Promise.all([
        row.locator('.confidence__weekday').boundingBox(),
        row.locator('.confidence-chip').boundingBox(),
      ]);
      // The day's name stands at the right, its label to its left.
      expect(name!.x).toBeGreaterThan(chip!.x);
      expect(await horizontalOverflow(page)).toBe(0);
      if (SCREENSHOTS) await section.screenshot({ path: `${SCREENSHOTS}/confidence-place-ar.png` });
    });
  });
});

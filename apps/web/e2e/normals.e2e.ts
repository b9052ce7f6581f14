import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';

import { describeViolations, seriousAxeViolations, sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();
const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../test-results/normals');
mkdirSync(SHOTS, { recursive: true });

const ROME = { latitude: 41.9, longitude: 12.5 };

/** One open of the normals as a page would ask, for another date each time so no cache answers it. */
async function openNormals(day: number): Promise<{ status: string; reason?: string }> {
  const input = {
    ...ROME,
    from: `2026-03-${String(day).padStart(2, '0')}`,
    to: `2026-03-${String(day).padStart(2, '0')}`,
  };
  const url = `${inject('appUrl')}/trpc/weather.normals?input=${encodeURIComponent(JSON.stringify(input))}`;
  const body = (await (await fetch(url)).json()) as {
    result: { data: { status: string; reason?: string } };
  };
  return body.result.data;
}

/** Days since today's meteorological season began (1 Dec, 1 Mar, 1 Jun, 1 Sep), counting today as 1. */
function daysIntoSeason(): number {
  const today = new Date();
  const month = today.getUTCMonth();
  const startMonth = month - ((month + 1) % 3);
  const start = Date.UTC(today.getUTCFullYear(), startMonth, 1);
  return Math.floor((today.getTime() - start) / 86_400_000) + 1;
}

describe('climate normals', () => {
  it('says plainly when a place’s normals are not fetched yet', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/-12.05,-77.04/Lima');
      const card = page.getByRole('region', { name: 'Compared with normal' });
      await card.getByText(/not fetched yet/).waitFor();
      expect(await card.textContent()).not.toContain('ERA5-Land');
    });
  });

  it('once fetched, compares today with the normal, shows the records and the coming days, labelled, in light, dark and Arabic', async () => {
    let answer: { status: string; reason?: string } = { status: '' };
    for (let day = 1; day <= 30 && answer.status !== 'fetched'; day++) {
      answer = await openNormals(day);
      if (day >= 3 && answer.status !== 'fetched')
        await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    // The reason (queued, waiting-for-budget, failed) shows in the message when it is not fetched.
    expect({ status: answer.status, reason: answer.reason }).toEqual({
      status: 'fetched',
      reason: undefined,
    });

    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/41.9,12.5/Rome');
      const card = page.getByRole('region', { name: 'Compared with normal' });
      await card.getByText('ERA5-Land 1991–2020 reanalysis', { exact: false }).waitFor();
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(
        /Forecast high -?\d+°C: ((\d+° (above|below) normal|Near normal)( · (warmest|coldest) 10 % for the date)?)/,
      );
      expect(text).toMatch(/Record high-?\d+°C \((19[5-9]\d|20[0-2]\d)\)/);
      expect(text).toMatch(/Record low-?\d+°C \((19[5-9]\d|20[0-2]\d)\)/);
      expect(text).toMatch(/Normal high \(10–90 %\)-?\d+°C to -?\d+°C/);
      // Season to date: the archive runs five days behind, so from the sixth day of a season.
      const season = card
        .locator('p')
        .filter({ hasText: /^Since \d+ \w+ \(meteorological (winter|spring|summer|autumn)\):/ });
      await season.waitFor();
      if (daysIntoSeason() > 6)
        expect(await season.textContent()).toMatch(
          /^Since 1 \w+ \(meteorological \w+\): [\d.]+ mm, \d+ ?% of normal \([\d.]+ mm\)Observed to \d+ \w+; the reanalysis runs about five days behind$/,
        );
      await card.getByText(/^The next \d+ days against normal$/).click();
      const rows = card
        .getByRole('region', { name: 'Forecast highs against the normal range' })
        .getByRole('row');
      expect(await rows.count()).toBeGreaterThan(5);
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      await card.screenshot({ path: path.join(SHOTS, 'normals-light.png') });
    });

    await withPage(browser(), { colorScheme: 'dark' }, async ({ page }) => {
      await page.goto('/place/41.9,12.5/Rome');
      const card = page.getByRole('region', { name: 'Compared with normal' });
      await card.getByText('ERA5-Land 1991–2020 reanalysis', { exact: false }).waitFor();
      await card.getByText(/^The next \d+ days against normal$/).click();
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      await card.screenshot({ path: path.join(SHOTS, 'normals-dark.png') });
    });

    await withPage(browser(), { locale: 'ar' }, async ({ page }) => {
      await page.goto('/place/41.9,12.5/Rome');
      const card = page.getByRole('region', { name: 'مقارنةً بالمعدل' });
      await card.getByText('إعادة تحليل ERA5-Land', { exact: false }).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
      await card.screenshot({ path: path.join(SHOTS, 'normals-arabic.png') });
    });

    await withPage(browser(), { viewport: { width: 390, height: 844 } }, async ({ page }) => {
      await page.goto('/place/41.9,12.5/Rome');
      const card = page.getByRole('region', { name: 'Compared with normal' });
      await card
        .locator('p')
        .filter({ hasText: /^Since \d+ \w+ \(meteorological \w+\):/ })
        .waitFor();
      // Nothing pushes a phone page sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await card.screenshot({ path: path.join(SHOTS, 'normals-390.png') });
    });
  });

  it('shows the normal range and the records for the date on the day page', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/41.9,12.5/Rome');
      const daily = page.getByRole('region', { name: /^Next \d+ days$/ });
      await daily
        .getByRole('link', { name: /, hour by hour$/ })
        .nth(1)
        .click();
      const card = page.getByRole('region', { name: 'Compared with normal' });
      await card.getByText('ERA5-Land 1991–2020 reanalysis', { exact: false }).waitFor();
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(/Record high-?\d+°C \(\d{4}\)/);
      expect(text).toMatch(/Normal low \(10–90 %\)-?\d+°C to -?\d+°C/);
      expect(text).not.toContain('against normal');
    });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDb, sql, type Database, type Kysely } from '@skycast/db';

import { sharedBrowser, weatherStub, withPage } from './browser.ts';

const browser = sharedBrowser();
let db: Kysely<Database>;

beforeAll(() => {
  db = createDb({ connectionString: inject('databaseUrl') });
});
afterEach(() => weatherStub.setFault(null));
afterAll(() => db.destroy());

// A malformed body is one upstream failure per request (it is not retried): a
// place's first visit makes at most two (its page's and the app's), so these tests
// never trip the server's circuit breaker (5 in a row) for the tests after them.
const forecastDown = { mode: 'malformed', endpoints: ['/v1/forecast'] };

describe('when the weather service stops answering', () => {
  it('shows the stored forecast under a stale banner instead of a blank page', async () => {
    const path = '/place/59.33,18.07/Stockholm';
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      expect(await page.getByText('the weather service is not answering').count()).toBe(0);
    });

    // Two hours pass: the stored forecast is past its freshness (10 min) and its
    // quiet-refresh window (1 h), but still usable when the provider fails (24 h).
    const aged = await sql`
      update weather_cache
         set fetched_at = fetched_at - interval '2 hours',
             fresh_until = now() - interval '110 minutes'
       where resource = 'forecast' and cache_key = '59.33,18.07'`.execute(db);
    expect(Number(aged.numAffectedRows)).toBe(1);
    // Say so as another instance would after changing the entry, so the server drops
    // the copy it keeps in memory and reads the aged row.
    await sql`select pg_notify('skycast_cache_refreshed', ${`open-meteo|forecast|59.33,18.07@${Date.now()}`})`.execute(
      db,
    );
    await weatherStub.setFault(forecastDown);

    await withPage(browser(), {}, async ({ page }) => {
      await page.goto(path);
      const banner = page
        .getByRole('status')
        .filter({ hasText: 'the weather service is not answering' });
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(
        /^Showing data from \d\d:\d\d — the weather service is not answering\.$/,
      );
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Stockholm');
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      await page.getByRole('heading', { name: /^Next \d+ days$/ }).waitFor();
      await page.getByText(/^Updated 2 hr ago$/).waitFor();
    });
  });

  it('says so in words with a retry when nothing is stored, and recovers on retry', async () => {
    await weatherStub.setFault(forecastDown);
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/64.14,-21.94/Reykjavík');
      const alert = page.getByRole('alert').filter({ hasText: 'The forecast could not be loaded' });
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/weather service/i);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Reykjavík');

      await weatherStub.setFault(null);
      await page.getByRole('button', { name: 'Retry' }).click();
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      expect(await page.getByRole('alert').filter({ hasText: 'could not be loaded' }).count()).toBe(
        0,
      );
    });
  });
});

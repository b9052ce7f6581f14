import { afterAll, describe, expect, it, onTestFinished } from 'vitest';

import { sharedBrowser, weatherStub, withPage } from './browser.ts';

const browser = sharedBrowser();
afterAll(() => weatherStub.setFault(null));

describe('the 48-hour chart', () => {
  it('draws temperature and precipitation on a canvas loaded apart, with a text alternative', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      await page.goto('/place/48.14,11.58/Munich');
      const figure = page.getByRole('figure');
      await figure.locator('canvas').first().waitFor();
      expect(scripts.some((path) => /\/assets\/TemperatureChart-[\w-]+\.js$/.test(path))).toBe(
        true,
      );
      expect(await figure.locator('figcaption').textContent()).toMatch(
        /^Lowest -?\d+° at \w{3} \d\d:\d\d, highest -?\d+° at \w{3} \d\d:\d\d.*\.$/,
      );
      await page.getByText('Show the chart as a table').click();
      const rows = page.getByRole('region', { name: /by hour/ }).getByRole('row');
      expect(await rows.count()).toBe(49);
      // The hour strip still scrolls sideways.
      const strip = page.getByRole('list', { name: /^Next \d+ hours$/ });
      expect(await strip.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    });
  });
});

describe('air quality', () => {
  it('shows the indexes with their bands and the four pollutants', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/52.52,13.41/Berlin');
      const card = page.getByRole('region', { name: 'Air quality' });
      await card.getByText('European AQI').waitFor();
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(/European AQI\d+(Good|Fair|Moderate|Poor|Very poor|Extremely poor)/);
      expect(text).toMatch(/US AQI\d+(Good|Moderate|Unhealthy|Very unhealthy|Hazardous)/);
      for (const pollutant of ['PM2.5', 'PM10', 'O3', 'NO2'])
        expect(text).toMatch(new RegExp(`${pollutant.replace('.', '\\.')}\\d+ µg/m³`));
    });
  });

  it('fails on its own, in words, with a retry that works', async () => {
    await weatherStub.setFault({ mode: 'bad-request', endpoints: ['/v1/air-quality'] });
    await withPage(browser(), {}, async ({ page }) => {
      // A place no other file visits: the server keeps air quality it has fetched, and a kept
      // answer would never meet the fault (normals.e2e.ts opens Rome).
      await page.goto('/place/47.5,19.04/Budapest');
      const card = page.getByRole('region', { name: 'Air quality' });
      await card
        .getByRole('alert')
        .filter({ hasText: 'Air quality could not be loaded' })
        .waitFor();
      // The forecast is not held back by it.
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      await weatherStub.setFault(null);
      await card.getByRole('button', { name: 'Retry' }).click();
      await card.getByText('European AQI').waitFor();
    });
  });
});

describe('coming back to the tab', () => {
  it('fetches the forecast again only once it is older than the server’s ten minutes', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.clock.install();
      const forecastCalls: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/trpc/') && request.url().includes('weather.forecast'))
          forecastCalls.push(request.url());
      });
      await page.goto('/place/61.5,23.76/Tampere');
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      // The page brought the forecast (the server asked for it): the app asked nothing.
      expect(forecastCalls).toHaveLength(0);
      const start = await page.evaluate(() => Date.now());
      const regainFocus = () =>
        page.evaluate(() =>
          document.dispatchEvent(new Event('visibilitychange', { bubbles: true })),
        );

      // Five minutes later the cached forecast is still fresh: nothing is asked.
      await page.clock.setSystemTime(start + 5 * 60_000);
      await regainFocus();
      // Eleven minutes later it is stale: the tab asks again as it regains focus.
      await page.clock.setSystemTime(start + 11 * 60_000);
      const refetch = page.waitForRequest((request) => request.url().includes('weather.forecast'));
      await regainFocus();
      await refetch;
      expect(forecastCalls).toHaveLength(1);
    });
  });
});

describe('your location', () => {
  it('opens the forecast where the browser says you are', async () => {
    await withPage(
      browser(),
      { permissions: ['geolocation'], geolocation: { latitude: 45.46, longitude: 9.19 } },
      async ({ page }) => {
        await page.goto('/');
        await page.getByRole('button', { name: 'Use my location' }).click();
        await expect.poll(() => new URL(page.url()).pathname).toBe('/place/45.46,9.19');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
          '45.46° N, 9.19° E',
        );
        await page.getByRole('heading', { name: 'Right now' }).waitFor();
      },
    );
  });

  it('says clearly what to do when the location is refused', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/');
      await page.context().clearPermissions();
      await page.getByRole('button', { name: 'Use my location' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Your location is not available' });
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/not allowed to use your location/);
      expect(new URL(page.url()).pathname).toBe('/');
    });
  });
});

describe('coming back', () => {
  it('shows the start page at /, never a silent redirect, with a link to the last place viewed', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/-23.55,-46.64/S%C3%A3o%20Paulo');
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'The weather for any place' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      await page.getByText('Last viewed:').getByRole('link', { name: 'São Paulo' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('São Paulo');
      expect(new URL(page.url()).pathname).toBe('/place/-23.55,-46.64/S%C3%A3o%20Paulo');
    });
  });
});

describe('public answers on the wire', () => {
  it('asks for the forecast alone, without cookies, and gets a compressed, cacheable answer', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const forecasts: { cookie: string | undefined; method: string; url: string }[] = [];
      page.on('request', (request) => {
        if (request.url().includes('weather.forecast')) {
          forecasts.push({
            cookie: request.headers().cookie,
            method: request.method(),
            url: request.url(),
          });
        }
      });
      const answered = page.waitForResponse((response) =>
        response.url().includes('/trpc/weather.forecast?'),
      );
      // A place no other test opens, and a provider slower than the page waits: the
      // page comes without the forecast, so the app asks for it.
      await weatherStub.slowForecasts();
      onTestFinished(() => weatherStub.setFault(null));
      await page.goto('/place/46.01,8.96/Lugano');
      const response = await answered;
      await page.getByRole('heading', { name: 'Right now' }).waitFor();

      expect(forecasts).toHaveLength(1);
      expect(forecasts[0]?.method).toBe('GET');
      expect(forecasts[0]?.cookie).toBeUndefined();
      // Unbatched: the URL names this one answer, so any shared cache can keep it.
      expect(forecasts[0]?.url).not.toContain('batch=1');
      const headers = await response.allHeaders();
      expect(headers['cache-control']).toMatch(/^public, max-age=\d+$/);
      expect(headers.etag).toMatch(/^W\/".+"$/);
      expect(headers['content-encoding']).toMatch(/^(br|gzip)$/);
      const sizes = await response.request().sizes();
      expect(sizes.responseBodySize).toBeLessThanOrEqual(5 * 1024);
    });
  });
});

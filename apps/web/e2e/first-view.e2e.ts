import type { Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';

import { sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

const forecastUrl = (input: { latitude: number; longitude: number }) =>
  `${inject('appUrl')}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`;

describe('the first view of a place', () => {
  it('shows the temperature from the page itself, before any /trpc request is answered', async () => {
    // Someone asked for this place's forecast before: the server keeps the answer.
    const answer = await fetch(forecastUrl({ latitude: 45.46, longitude: 9.19 }));
    expect(answer.status).toBe(200);

    await withPage(browser(), {}, async ({ page, errors }) => {
      // Every call to the API is held until the temperature shows: were the page
      // waiting for one, the temperature would never appear.
      const held: Route[] = [];
      const asked: string[] = [];
      let holding = true;
      await page.route('**/trpc/**', async (route) => {
        asked.push(new URL(route.request().url()).pathname);
        if (holding) held.push(route);
        else await route.continue();
      });
      await page.goto('/place/45.46,9.19/Milan');
      const temperature = page.locator('.current__temperature');
      await temperature.waitFor();
      expect(await temperature.textContent()).toMatch(/^-?\d+°C$/);
      expect(asked).not.toContain('/trpc/weather.forecast');

      // The rest of the page still gets its data once the API answers.
      holding = false;
      await Promise.all(held.map((route) => route.continue()));
      await page.getByRole('region', { name: 'Air quality' }).getByText('European AQI').waitFor();
      expect(asked).not.toContain('/trpc/weather.forecast');
      expect(errors).toEqual([]);
    });
  });

  it('is stored for offline like a fetched forecast, and shows offline after a reload', async () => {
    await fetch(forecastUrl({ latitude: 43.77, longitude: 11.25 }));
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/43.77,11.25/Florence');
      await page.locator('.current__temperature').waitFor();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await expect
        .poll(() =>
          page.evaluate(async () => {
            const urls: string[] = [];
            for (const name of await caches.keys())
              for (const request of await (await caches.open(name)).keys())
                urls.push(decodeURIComponent(request.url));
            return urls;
          }),
        )
        .toContainEqual(expect.stringContaining('weather.forecast?input={"latitude":43.77'));

      await page.context().setOffline(true);
      await page.reload();
      await page.getByRole('status').filter({ hasText: 'You’re offline.' }).waitFor();
      expect(await page.locator('.current__temperature').textContent()).toMatch(/^-?\d+°C$/);
    });
  });

  it('asks for the forecast before the app has loaded when the page did not bring it, and the app takes that answer', async () => {
    await withPage(browser(), {}, async ({ page, errors }) => {
      // The app's entry is held until the forecast is asked for: only a script that
      // runs before the app can ask for it meanwhile.
      let askedEarly!: () => void;
      const asked = new Promise<void>((resolve) => (askedEarly = resolve));
      await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
        await asked;
        await route.continue();
      });
      const devtools = await page.context().newCDPSession(page);
      await devtools.send('Network.enable');
      // Forecast answers that came over the network, not from the browser's cache.
      let fromNetwork = 0;
      devtools.on('Network.responseReceived', ({ response }) => {
        if (response.url.includes('/trpc/weather.forecast') && !response.fromDiskCache)
          fromNetwork++;
      });
      let forecastRequests = 0;
      page.on('request', (request) => {
        if (!request.url().includes('/trpc/weather.forecast')) return;
        forecastRequests++;
        askedEarly();
      });
      await page.goto('/place/64.15,-21.94/Reykjavik');
      const temperature = page.locator('.current__temperature');
      await temperature.waitFor();
      expect(await temperature.textContent()).toMatch(/^-?\d+°C$/);
      // The app took the early answer: the API was asked once.
      expect(fromNetwork).toBe(1);
      expect(forecastRequests).toBe(1);
      expect(errors).toEqual([]);
    });
  });

  it('asks for the forecast as before when the server had none kept for the place', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const asked: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/trpc/')) asked.push(new URL(request.url()).pathname);
      });
      await page.goto('/place/44.49,11.34/Bologna');
      await page.locator('.current__temperature').waitFor();
      expect(asked).toContain('/trpc/weather.forecast');
    });
  });
});

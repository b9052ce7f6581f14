import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it, onTestFinished } from 'vitest';

import {
  describeViolations,
  PHONE,
  seriousAxeViolations,
  sharedBrowser,
  weatherStub,
  withPage,
} from './browser.ts';

const browser = sharedBrowser();

const forecastUrl = (input: { latitude: number; longitude: number }) =>
  `${inject('appUrl')}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`;

/**
 * Holds every request for the app's scripts until `release()` is called:
 * whatever shows meanwhile came from the HTML (and theme.js) alone.
 */
async function holdAppScripts(page: Page) {
  const held: Route[] = [];
  let holding = true;
  await page.route(/\/assets\/[^/]+\.js$/, async (route) => {
    if (holding) held.push(route);
    else await route.continue();
  });
  return {
    release: async () => {
      holding = false;
      await Promise.all(held.map((route) => route.continue()));
    },
  };
}

/** Where the temperature is on screen, and what it says; and the height of the line above it. */
async function temperatureOnScreen(page: Page) {
  const temperature = page.locator('.current__temperature');
  await temperature.waitFor();
  return {
    text: await temperature.textContent(),
    box: await temperature.boundingBox(),
    metaHeight: (await page.locator('.place-heading__meta').boundingBox())?.height ?? NaN,
  };
}

describe('the first view written into a place’s page, painted before the app’s scripts run', () => {
  for (const { device, options, preferences, pattern } of [
    { device: 'a desktop set to nothing (en-GB: °C)', options: {}, pattern: /^-?\d+°C$/ },
    {
      device: 'a phone set to °F',
      options: { viewport: PHONE },
      preferences: { units: 'imperial' },
      pattern: /^-?\d+°F$/,
    },
    {
      // Arabic digits and scale, laid out right to left: the words are Intl's, as the app's.
      device: 'a desktop in Arabic',
      options: { locale: 'ar' },
      pattern: /^\S+°م$/,
    },
  ]) {
    it(`shows the temperature in the device’s scale on ${device}; the app then takes over in place, with one heading and one temperature`, async () => {
      // Someone asked for this place's forecast before: the server keeps the answer.
      const input = { latitude: 41.9, longitude: 12.5 };
      expect((await fetch(forecastUrl(input))).status).toBe(200);
      await withPage(browser(), options, async ({ page, errors }) => {
        if (preferences)
          await page.addInitScript((saved) => {
            localStorage.setItem('skycast:preferences', saved);
          }, JSON.stringify(preferences));
        const scripts = await holdAppScripts(page);
        await page.goto('/place/41.9,12.5/Roma%20%3Cb%3E', { waitUntil: 'commit' });
        const before = await temperatureOnScreen(page);
        expect(before.text).toMatch(pattern);
        // The name from the URL, as text (never markup), with the coordinates under it.
        const heading = page.getByRole('heading', { level: 1 });
        expect(await heading.textContent()).toBe('Roma <b>');
        const headingBefore = await heading.boundingBox();
        expect(await page.locator('.place-heading__subtitle').textContent()).toBe(
          '41.90° N, 12.50° E',
        );
        // No app script has run: the page is still the server's.
        expect(await page.locator('#skycast-first-view').count()).toBe(1);
        // On a wide screen the search box's place waits for the buttons' words: not drawn yet.
        expect(await page.locator('#skycast-first-view .site-header__search').isVisible()).toBe(
          Boolean(options.viewport),
        );

        await scripts.release();
        await page.locator('#skycast-first-view').waitFor({ state: 'detached' });
        await page.locator('.current__condition').waitFor();
        const after = await temperatureOnScreen(page);
        // The same figure in the same place: nothing jumped. Only the line under the heading
        // (how fresh the forecast is) may take a second line: on a phone the local provider's
        // "Simulated data" tag wraps there, which a real forecast does not carry.
        expect(after.text).toBe(before.text);
        expect(after.box?.x).toBeCloseTo(before.box?.x ?? NaN, 0);
        expect((after.box?.y ?? NaN) - (after.metaHeight - before.metaHeight)).toBeCloseTo(
          before.box?.y ?? NaN,
          0,
        );
        if (!options.viewport) expect(after.metaHeight).toBe(before.metaHeight);
        expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
        expect(await page.locator('.current__temperature').count()).toBe(1);
        expect(await heading.textContent()).toBe('Roma <b>');
        const headingAfter = await heading.boundingBox();
        expect(headingAfter?.x).toBeCloseTo(headingBefore?.x ?? NaN, 0);
        expect(headingAfter?.y).toBeCloseTo(headingBefore?.y ?? NaN, 0);
        expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
        expect(errors).toEqual([]);
      });
    });
  }

  it('shows the temperature of a place nobody asked about before, still before the app’s scripts run: the server waited for its forecast', async () => {
    await withPage(browser(), {}, async ({ page, errors }) => {
      const trpc: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/trpc/')) trpc.push(new URL(request.url()).pathname);
      });
      const scripts = await holdAppScripts(page);
      await page.goto('/place/60.39,5.32/Bergen', { waitUntil: 'commit' });
      expect((await temperatureOnScreen(page)).text).toMatch(/^-?\d+°C$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bergen');
      await scripts.release();
      await page.locator('#skycast-first-view').waitFor({ state: 'detached' });
      await page.locator('.current__condition').waitFor();
      // The app took the forecast the page brought: it did not ask for it.
      expect(trpc).not.toContain('/trpc/weather.forecast');
      expect(errors).toEqual([]);
    });
  });

  it('is not shown once the answer it was made from is no longer fresh', async () => {
    const input = { latitude: 41.89, longitude: 12.49 };
    expect((await fetch(forecastUrl(input))).status).toBe(200);
    await withPage(browser(), {}, async ({ page }) => {
      // The page is read two hours on (a copy kept by the browser, say): the answer in it
      // is past its time, and only the app, which asks again, may show the weather.
      await page.clock.setFixedTime(Date.now() + 2 * 60 * 60_000);
      const scripts = await holdAppScripts(page);
      await page.goto('/place/41.89,12.49/Roma', { waitUntil: 'commit' });
      await page.waitForFunction(() => document.readyState !== 'loading');
      expect(await page.locator('#skycast-first-view').count()).toBe(1);
      expect(await page.locator('#skycast-first-view').isHidden()).toBe(true);
      await scripts.release();
    });
  });
});

describe('the first view of a place', () => {
  it('renders the forecast from the page itself, before any /trpc request is answered', async () => {
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
      // The app's own card (the server's first view has no words): it rendered the kept answer.
      await page.locator('.current__condition').waitFor();
      const temperature = page.locator('.current__temperature');
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

  it('asks for the forecast before the app has loaded when the page did not bring it (a slow provider), and the app takes that answer', async () => {
    await weatherStub.slowForecasts();
    onTestFinished(() => weatherStub.setFault(null));
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

  it('asks for the forecast as before when the server had none for the place in time', async () => {
    await weatherStub.slowForecasts();
    onTestFinished(() => weatherStub.setFault(null));
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

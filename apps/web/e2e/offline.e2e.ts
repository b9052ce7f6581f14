import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';

import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

const HOUR = 60 * 60_000;
const distDir = path.resolve(import.meta.dirname, '../dist');

/** Waits until the service worker controls the page and has stored this place's forecast. */
async function visitAndStore(page: Page, placePath: string, cacheKey: string) {
  await page.goto(placePath);
  await page.getByRole('heading', { name: 'Right now' }).waitFor();
  await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null)
    .catch(async () => {
      const state = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return registration
          ? `installing ${registration.installing?.state}, waiting ${registration.waiting?.state}, active ${registration.active?.state}`
          : 'none';
      });
      throw new Error(`No service worker controls the page (registration: ${state})`);
    });
  await expect.poll(() => storedUrls(page)).toContainEqual(expect.stringContaining(cacheKey));
}

/** Minutes from one clock time ("HH:MM") to a later one, across midnight. */
function minutesBetween(from: string, to: string): number {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return (minutes(to) - minutes(from) + 24 * 60) % (24 * 60);
}

/** Every URL in every Cache Storage cache of the page's origin, by cache. */
function storedUrlsByCache(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const byCache: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      byCache[name] = (await cache.keys()).map((request) => decodeURIComponent(request.url));
    }
    return byCache;
  });
}

async function storedUrls(page: Page): Promise<string[]> {
  return Object.values(await storedUrlsByCache(page)).flat();
}

describe('the installable app', () => {
  it('has a valid manifest and service worker, and Chromium finds nothing in the way of installing it', async () => {
    // A profile on disk: Chromium never offers to install from a private (incognito) one,
    // which is what a test's browser context otherwise is.
    const profile = await mkdtemp(path.join(os.tmpdir(), 'skycast-e2e-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
      baseURL: inject('appUrl'),
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto('/');
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const cdp = await page.context().newCDPSession(page);

      const manifest = (await cdp.send('Page.getAppManifest')) as {
        url: string;
        errors: { message: string }[];
        data?: string;
      };
      expect(manifest.errors).toEqual([]);
      expect(new URL(manifest.url).pathname).toBe('/manifest.webmanifest');
      const data = JSON.parse(manifest.data ?? '{}') as {
        name: string;
        display: string;
        start_url: string;
        id: string;
        icons: { src: string; sizes: string; purpose: string }[];
      };
      expect(data).toMatchObject({
        name: 'Skycast',
        display: 'standalone',
        start_url: '/',
        id: '/',
      });
      expect(data.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(
        expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
      );
      for (const icon of data.icons) {
        const response = await page.request.get(icon.src);
        expect(response.headers()['content-type']).toBe('image/png');
      }

      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string }[];
      };
      expect(installabilityErrors).toEqual([]);

      const worker = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return { scope: registration.scope, script: registration.active?.scriptURL };
      });
      expect(new URL(worker.scope).pathname).toBe('/');
      expect(new URL(worker.script ?? '').pathname).toBe('/sw.js');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});

describe('offline', () => {
  it('shows the stored forecast with its real age and an offline notice, never as current', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      // A place no other test opens: its forecast and air quality are both fetched now,
      // not one of them kept on the server from another test's visit minutes before.
      await visitAndStore(page, '/place/69.65,18.96/Troms%C3%B8', '"latitude":69.65');
      const fetchedAt = await page.locator('.place-heading__meta time').getAttribute('datetime');

      // Three hours later, on a train without a network.
      await page.clock.install({ time: Date.parse(fetchedAt ?? '') + 3 * HOUR });
      await page.context().setOffline(true);
      await page.reload();

      const notice = page.getByRole('status').filter({ hasText: 'You’re offline.' });
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(
        /^You’re offline\. Showing the forecast stored on this device at (\d\d:\d\d) \(3 hr\.? ago\); it updates by itself when you’re back online\.$/,
      );
      const storedAt = /at (\d\d:\d\d)/.exec((await notice.textContent()) ?? '')?.[1];
      await page.getByRole('heading', { name: `As of ${storedAt}` }).waitFor();
      expect(await page.getByRole('heading', { name: 'Right now' }).count()).toBe(0);
      // The age in Intl's words for the page's English ("3 hr ago").
      await page.getByText(/^Updated 3 hr\.? ago$/).waitFor();
      // Distinct from the provider-trouble banner, which would say the service is not answering.
      expect(await page.getByText('the weather service is not answering').count()).toBe(0);
      await page.getByRole('heading', { name: /^Next \d+ days$/ }).waitFor();
      // The air quality's own copy, fetched just after the forecast: the same minute, or
      // the next when a minute turned between the two.
      const airQuality = page
        .getByRole('region', { name: 'Air quality' })
        .getByText(/^The copy stored on this device at \d\d:\d\d\.$/);
      await airQuality.waitFor();
      const airQualityAt = /at (\d\d:\d\d)/.exec((await airQuality.textContent()) ?? '')?.[1];
      expect(minutesBetween(storedAt ?? '', airQualityAt ?? '')).toBeGreaterThanOrEqual(0);
      expect(minutesBetween(storedAt ?? '', airQualityAt ?? '')).toBeLessThanOrEqual(1);
    });
  });

  it('says search needs a network, and that a place never opened has nothing stored', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await visitAndStore(page, '/place/60.17,24.94/Helsinki', '"latitude":60.17');
      await page.context().setOffline(true);
      await page.reload();
      await page.getByRole('status').filter({ hasText: 'You’re offline.' }).waitFor();

      await page.getByRole('combobox', { name: 'Search for a place' }).fill('Berlin');
      const message = page.locator('.search__message');
      await message.waitFor();
      expect(await message.textContent()).toBe(
        'Search needs a network connection. Places you opened before still open.',
      );

      await page.goto('/place/35.68,139.69/Tokyo');
      const nothingStored = page.getByRole('alert').filter({ hasText: 'You’re offline' });
      await nothingStored.waitFor();
      expect(await nothingStored.textContent()).toContain(
        'No forecast for this place is stored on this device.',
      );
    });
  });

  it('shows a place never opened, offline, with what is missing in words and no skeleton left waiting', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await visitAndStore(page, '/place/59.33,18.07/Stockholm', '"latitude":59.33');
      await page.context().setOffline(true);
      await page.goto('/place/-33.87,151.21/Sydney');
      await page.getByRole('alert').filter({ hasText: 'You’re offline' }).waitFor();
      for (const section of ['Air quality', 'Sun and moon'])
        await page
          .getByRole('region', { name: section })
          .getByText('Not stored on this device. It loads by itself when you’re back online.')
          .waitFor();
      expect(await page.locator('.skeleton').count()).toBe(0);

      // A day of it in detail, too.
      await page.goto('/place/-33.87,151.21/Sydney/day/2026-12-10');
      await page.getByRole('alert').filter({ hasText: 'You’re offline' }).waitFor();
      expect(await page.locator('.skeleton').count()).toBe(0);
    });
  });

  it('says Skycast cannot be reached, not that you are offline, when only the server is away', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await visitAndStore(page, '/place/41.39,2.17/Barcelona', '"latitude":41.39');
      // The network is up, the server does not answer: the worker falls back to its store.
      await page.context().route('**/trpc/weather.**', (route) => route.abort('connectionrefused'));
      await page.reload();
      const notice = page.getByRole('status').filter({ hasText: 'Skycast cannot be reached.' });
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(
        /Showing the forecast stored on this device at \d\d:\d\d \((just now|\d+ min ago)\); it updates when Skycast answers again\.$/,
      );
      expect(await page.getByText('You’re offline.', { exact: true }).count()).toBe(0);
    });
  });

  it('fetches fresh data by itself when the network comes back, without a reload', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await visitAndStore(page, '/place/55.68,12.57/Copenhagen', '"latitude":55.68');
      await page.context().setOffline(true);
      await page.reload();
      const notice = page.getByRole('status').filter({ hasText: 'You’re offline.' });
      await notice.waitFor();
      await page.evaluate(() => {
        (window as unknown as { sameDocument: boolean }).sameDocument = true;
      });

      const fresh = page.waitForResponse(
        (response) =>
          response.url().includes('/trpc/weather.forecast') &&
          response.status() === 200 &&
          response.headers()['x-skycast-stored-answer'] === undefined,
      );
      await page.context().setOffline(false);
      await fresh;
      await notice.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      expect(
        await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
      ).toBe(true);
    });
  });
});

describe('what the service worker keeps', () => {
  it("keeps weather answers but never a signed-in person's own answers", async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/sign-up');
      await page.getByLabel('Email').fill(`offline.${Date.now()}@example.com`);
      await page.getByLabel('Password', { exact: true }).fill('a walk along the river');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();

      await visitAndStore(page, '/place/52.37,4.9/Amsterdam', '"latitude":52.37');
      await page.getByRole('button', { name: 'Save place' }).click();
      await page.getByRole('button', { name: /saved/i }).waitFor();
      await page.getByRole('link', { name: 'Skycast' }).click();
      await page.getByRole('region', { name: 'Your places' }).getByText('Amsterdam').waitFor();
      await page.reload();
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();

      const byCache = await storedUrlsByCache(page);
      const everything = Object.values(byCache).flat();
      expect(everything.length).toBeGreaterThan(0);
      expect(everything.filter((url) => /\/trpc\/.*(auth|places|preferences)\./.test(url))).toEqual(
        [],
      );
      const weatherStore = byCache['skycast-weather'] ?? [];
      expect(weatherStore.length).toBeGreaterThan(0);
      for (const url of weatherStore) expect(url).toMatch(/\/trpc\/weather\.\w+\?input=/);
    });
  });
});

describe('a new release', () => {
  it('takes over by itself, and pages load the new index.html at once, not the stored one', async () => {
    const workerFile = path.join(distDir, 'sw.js');
    const pageFile = path.join(distDir, 'index.html');
    const [worker, shell] = await Promise.all([
      readFile(workerFile, 'utf8'),
      readFile(pageFile, 'utf8'),
    ]);
    try {
      await withPage(browser(), {}, async ({ page }) => {
        await visitAndStore(page, '/place/48.21,16.37/Vienna', '"latitude":48.21');

        // Deploy: a changed service worker and a changed page, as a new build brings.
        await writeFile(workerFile, `${worker}\n// next release\n`);
        await writeFile(
          pageFile,
          shell.replace('<head>', '<head><meta name="skycast-release" content="next">'),
        );
        const tookOver = page.evaluate(
          () =>
            new Promise<void>((resolve) => {
              navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
                once: true,
              });
            }),
        );
        // What the browser does by itself on a navigation (at most a day apart), done now.
        await page.evaluate(async () => {
          await (await navigator.serviceWorker.ready).update();
        });
        await tookOver;

        await page.reload();
        await page.getByRole('heading', { name: 'Right now' }).waitFor();
        expect(await page.locator('meta[name="skycast-release"]').getAttribute('content')).toBe(
          'next',
        );
      });
    } finally {
      await Promise.all([writeFile(workerFile, worker), writeFile(pageFile, shell)]);
    }
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { describeViolations, seriousAxeViolations, sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();
const PLACE = '/place/52.52,13.41/Berlin';

async function signUp(page: Page) {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(`watcher.${Date.now()}.${Math.random()}@example.com`);
  await page.getByLabel('Password', { exact: true }).fill('a walk along the river');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
}

/**
 * Headless Chromium reaches no real push service: `PushManager.subscribe`
 * answers with a subscription whose endpoint is the test's allowed origin and
 * whose keys are real P-256 ones (made in the page), as a browser's would be.
 */
async function standInPushService(page: Page) {
  await page.addInitScript(() => {
    let current: PushSubscription | null = null;
    const b64url = (bytes: ArrayBuffer) =>
      btoa(String.fromCharCode(...new Uint8Array(bytes)))
        .replaceAll('+', '-')
        .replaceAll('/', '_')
        .replaceAll('=', '');
    PushManager.prototype.subscribe = async function subscribe() {
      const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
        'deriveBits',
      ]);
      const p256dh = b64url(await crypto.subtle.exportKey('raw', pair.publicKey));
      const auth = b64url(crypto.getRandomValues(new Uint8Array(16)).buffer);
      const endpoint = `https://push.skycast.test/e2e/${crypto.randomUUID()}`;
      const subscription = {
        endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: null },
        getKey: () => null,
        toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
        unsubscribe: () => {
          current = null;
          return Promise.resolve(true);
        },
      } as unknown as PushSubscription;
      current = subscription;
      return subscription;
    };
    PushManager.prototype.getSubscription = () => Promise.resolve(current);
  });
}

describe('watches', () => {
  it('adds a preset watch to a saved place, turns it off and removes it, axe-clean', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await signUp(page);
      await page.goto(PLACE);
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      const section = page.getByRole('region', { name: 'Watches' });
      await expect(section.textContent()).resolves.toContain('Save this place');
      await page.getByRole('button', { name: 'Save place' }).click();
      await section.getByRole('button', { name: '+ Rain soon' }).click();
      await section.getByText('Rain within 30 minutes').waitFor();
      await section.getByRole('button', { name: '+ Frost tonight' }).click();
      await section.getByText('0°C or colder tonight').waitFor();
      await section.getByRole('button', { name: '+ Unusually warm tomorrow' }).click();
      await section
        .getByText('Tomorrow’s high in the warmest 10 % for the date (1991–2020)')
        .waitFor();

      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

      const on = section.getByRole('checkbox', { name: 'On' }).first();
      await on.click();
      await expect.poll(() => on.isChecked()).toBe(false);
      await section.getByRole('button', { name: 'Remove “Rain within 30 minutes”' }).click();
      await section.getByText('Rain within 30 minutes').waitFor({ state: 'detached' });
    });
  });

  it('turns notifications on after a click, shows a push from the service worker, and a click opens the place', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await standInPushService(page);
      await page.context().grantPermissions(['notifications']);
      await signUp(page);
      // The worker is active before the next page is asked for, so that page is its own.
      // (A page whose navigation is under way while the worker activates is not claimed:
      // it stays uncontrolled until the next load. That happened here under CI's load.)
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.goto('/account');
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const section = page.getByRole('region', { name: 'Notifications' });
      await section.getByRole('button', { name: 'Turn on notifications in this browser' }).click();
      await section.getByText('Notifications are on in this browser.').waitFor();
      await section.getByText(/^Chrome/).waitFor();

      const cdp = await page.context().newCDPSession(page);
      const registrationId = new Promise<string>((resolve) => {
        cdp.on(
          'ServiceWorker.workerRegistrationUpdated',
          (event: { registrations: { registrationId: string; isDeleted: boolean }[] }) => {
            const live = event.registrations.find((r) => !r.isDeleted);
            if (live) resolve(live.registrationId);
          },
        );
      });
      await cdp.send('ServiceWorker.enable');
      const origin = new URL(page.url()).origin;
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin,
        registrationId: await registrationId,
        data: JSON.stringify({
          web_push: 8030,
          notification: {
            title: 'Berlin: rain in 20 min',
            body: 'Light rain from 14:15.',
            navigate: `${origin}${PLACE}`,
            lang: 'en',
            dir: 'ltr',
            tag: 'watch1',
          },
        }),
      });
      await expect
        .poll(() =>
          page.evaluate(async () =>
            (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
              title: n.title,
              body: n.body,
              tag: n.tag,
            })),
          ),
        )
        .toEqual([
          { title: 'Berlin: rain in 20 min', body: 'Light rain from 14:15.', tag: 'watch1' },
        ]);

      // A click on the notification, as the system would report it to the worker.
      const worker = page.context().serviceWorkers()[0];
      if (!worker) throw new Error('no service worker');
      await worker.evaluate(async () => {
        // The worker's global scope, typed here where the DOM library has no worker types.
        const scope = self as unknown as {
          registration: { getNotifications(): Promise<Notification[]> };
          dispatchEvent(event: Event): boolean;
          NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
        };
        const [shown] = await scope.registration.getNotifications();
        if (!shown) throw new Error('no notification');
        scope.dispatchEvent(
          new scope.NotificationEvent('notificationclick', { notification: shown }),
        );
      });
      await page.waitForURL(`**${PLACE}`);
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
    });
  });
});

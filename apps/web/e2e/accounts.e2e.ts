import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  describeViolations,
  horizontalOverflow,
  sharedBrowser,
  PHONE,
  seriousAxeViolations,
  withPage,
} from './browser.ts';

const browser = sharedBrowser();

const PASSWORD = 'a walk along the river';
let accounts = 0;
const newEmail = () => `walker${++accounts}.${Date.now()}@example.com`;

async function signUp(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function openPlace(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Right now' }).waitFor();
}

const savedNames = (page: Page) =>
  page
    .getByRole('region', { name: 'Your places' })
    .getByRole('listitem')
    .locator('.saved__name')
    .allTextContents();

/**
 * The start page with the saved places, reached as a person does: by the logo.
 */
async function goHome(page: Page) {
  await page.getByRole('link', { name: 'Skycast' }).click();
  await page.getByRole('heading', { level: 1, name: 'The weather for any place' }).waitFor();
}

/** A gate a test opens when it chooses: `await gate.held` waits for `gate.release()`. */
function holdUntilReleased(): { held: Promise<void>; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  return { held, release };
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Account', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
}

describe('accounts in the browser', () => {
  it('signs up, saves a place, keeps it across a reload, and signs out', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const email = newEmail();
      await page.goto('/place/48.86,2.35/Paris');
      await page.getByRole('link', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();

      // Back on the page the person came from, now signed in.
      await page.getByRole('heading', { level: 1, name: 'Paris' }).waitFor();
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Save place' }).click();
      await page.getByRole('button', { name: 'Saved', pressed: true }).waitFor();

      await page.reload();
      await page.getByRole('button', { name: 'Saved', pressed: true }).waitFor();
      await goHome(page);
      await page.getByRole('region', { name: 'Your places' }).waitFor();
      expect(await savedNames(page)).toEqual(['Paris']);
      // Its temperature now, from the one batched request.
      await expect
        .poll(() => page.locator('.saved__temperature').allTextContents())
        .toEqual([expect.stringMatching(/^-?\d+°C$/)]);

      await signOut(page);
      expect(await page.getByRole('region', { name: 'Your places' }).count()).toBe(0);
      await page.reload();
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      await goHome(page);
      expect(await page.getByRole('region', { name: 'Your places' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Account', exact: true }).count()).toBe(0);
    });
  });

  it('says what is wrong beside each field, and the same for a wrong password as an unknown email', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/sign-up');
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      const email = page.getByLabel('Email');
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
      expect(await email.evaluate((input) => input === document.activeElement)).toBe(true);
      await page.getByText('Enter an email address such as ada@example.com.').waitFor();
      await page.getByText('Use at least 8 characters.').waitFor();

      // The server's refusals land beside the field they are about.
      await page.getByLabel('Email').fill(newEmail());
      await page.getByLabel('Password', { exact: true }).fill('password123');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText(/one of the most common ones/).waitFor();
      const password = page.getByLabel('Password', { exact: true });
      await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
      const mine = newEmail();
      await page.getByLabel('Email').fill(mine);
      await password.fill(`${mine.toUpperCase()}!`);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText(/contains your email address/).waitFor();
      expect(await password.getAttribute('aria-invalid')).toBe('true');

      const taken = newEmail();
      await signUp(page, taken);
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      await signOut(page);
      await signUp(page, taken);
      await page.getByText('An account with this email exists. Sign in instead.').waitFor();

      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(taken);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const wrongPassword = await page.getByRole('alert').textContent();
      await page.getByLabel('Email').fill(newEmail());
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Email or password is wrong.' }).waitFor();
      expect(wrongPassword).toBe('Email or password is wrong.');
    });
  });

  it("keeps a visitor's places in the browser and brings them into the account on sign-up", async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await openPlace(page, '/place/45.44,12.32/Venice');
      await page.getByRole('button', { name: 'Save place' }).click();
      await page.getByRole('button', { name: 'Saved', pressed: true }).waitFor();
      await openPlace(page, '/place/59.91,10.75/Oslo');
      await page.getByRole('button', { name: 'Save place' }).click();
      await page.getByRole('button', { name: 'Saved', pressed: true }).waitFor();

      await goHome(page);
      await page.getByText('Kept in this browser.').waitFor();
      expect(await savedNames(page)).toEqual(['Venice', 'Oslo']);
      await expect.poll(() => page.locator('.saved__temperature').count()).toBe(2);

      await signUp(page, newEmail());
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      await goHome(page);
      await page.getByRole('region', { name: 'Your places' }).waitFor();
      expect(await page.getByText('Kept in this browser.').count()).toBe(0);
      expect(await savedNames(page)).toEqual(['Venice', 'Oslo']);
      expect(await page.evaluate(() => localStorage.getItem('skycast:places'))).toBeNull();
    });
  });

  it('renames, reorders and removes saved places from the keyboard', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await signUp(page, newEmail());
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      for (const path of ['/place/52.52,13.41/Berlin', '/place/51.51,-0.13/London']) {
        await openPlace(page, path);
        await page.getByRole('button', { name: 'Save place' }).click();
        await page.getByRole('button', { name: 'Saved', pressed: true }).waitFor();
      }
      await goHome(page);
      await expect.poll(() => savedNames(page)).toEqual(['Berlin', 'London']);

      await page.getByRole('button', { name: 'Move London up' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => savedNames(page)).toEqual(['London', 'Berlin']);
      // At the top its "up" is disabled: the keyboard stays on London, on "down".
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe('Move London down');

      await page.getByRole('button', { name: 'Rename Berlin' }).focus();
      await page.keyboard.press('Enter');
      const input = page.getByLabel('New name for Berlin');
      await input.fill('Home');
      await page.keyboard.press('Enter');
      await expect.poll(() => savedNames(page)).toEqual(['London', 'Home']);

      await page.getByRole('button', { name: 'Remove London' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => savedNames(page)).toEqual(['Home']);
      // The keyboard lands on the way to put it back.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Undo');

      // The account has them so: a reload shows the same.
      await page.reload();
      await goHome(page);
      await expect.poll(() => savedNames(page)).toEqual(['Home']);
    });
  });

  it('keeps units and the clock in the account: set on one device, used on another', async () => {
    const email = newEmail();
    await withPage(browser(), {}, async ({ page }) => {
      await signUp(page, email);
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      await page.getByRole('button', { name: /Units and theme/ }).click();
      await page.getByRole('radio', { name: '°F' }).check();
      await page.getByRole('radio', { name: 'kn', exact: true }).check();
      await page.getByRole('status').filter({ hasText: 'Wind speeds now in kn' }).waitFor();
      await page.getByRole('radio', { name: 'mmHg' }).check();
      await page.getByRole('status').filter({ hasText: 'millimetres of mercury' }).waitFor();
      await page.getByRole('radio', { name: '12-hour' }).check();
      await page.getByRole('status').filter({ hasText: '12-hour clock' }).waitFor();
      // The page shows a change at once and saves it after: wait until the
      // account has them all before this device goes away.
      await expect
        .poll(() =>
          page.evaluate(async () => {
            const response = await fetch('/trpc/preferences.get');
            return ((await response.json()) as { result?: { data?: unknown } }).result?.data;
          }),
        )
        .toMatchObject({ units: 'imperial', windUnit: 'kn', pressureUnit: 'mmHg', clock: '12h' });
    });
    // Another device, in another country (English there, so the words stay): the account's
    // choices win over its locale.
    await withPage(browser(), { locale: 'en-DE' }, async ({ page }) => {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      await expect
        .poll(
          async () =>
            JSON.parse(
              (await page.evaluate(() => localStorage.getItem('skycast:preferences'))) ?? '{}',
            ) as unknown,
        )
        .toMatchObject({ units: 'imperial', windUnit: 'kn', pressureUnit: 'mmHg', clock: '12h' });
      await openPlace(page, '/place/52.52,13.41/Berlin');
      await page.locator('[data-temperature]', { hasText: '°F' }).first().waitFor();
      await page.getByText(/^\d{3} mmHg$/).waitFor();
    });
  });

  it('keeps a units change made while the account is still being read', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await signUp(page, newEmail());
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      // On the next load the account's preferences (°C) are read at once but
      // reach the page only after the person has picked °F, and before the
      // account has taken that change.
      const lateRead = holdUntilReleased();
      const update = holdUntilReleased();
      let reads = 0;
      let lateReadDone = Promise.resolve();
      await page.route(/\/trpc\/[^?]*preferences\.get/, async (route) => {
        reads++;
        const response = await route.fetch();
        await lateRead.held;
        // The page may have given up on this read by now: that is allowed.
        lateReadDone = route.fulfill({ response }).catch(() => undefined);
        await lateReadDone;
      });
      await page.route(/\/trpc\/[^?]*preferences\.update/, async (route) => {
        await update.held;
        await route.continue().catch(() => undefined);
      });
      await page.reload();
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      await expect.poll(() => reads).toBe(1);
      await page.getByRole('button', { name: /Units and theme/ }).click();
      await page.getByRole('radio', { name: '°F' }).check();
      await page.getByRole('status').filter({ hasText: /°F/ }).waitFor();

      lateRead.release();
      await lateReadDone;
      // Give the page a moment to act on the late answer, had it kept it.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      await expect(page.getByRole('radio', { name: '°F' }).isChecked()).resolves.toBe(true);

      update.release();
      await page.unrouteAll({ behavior: 'wait' });
      await page.reload();
      await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('skycast:preferences')))
        .toMatch(/"units":"imperial"/);
    });
  });

  it('changes the password on the account page', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await signUp(page, newEmail());
      await page.getByRole('button', { name: 'Account', exact: true }).click();
      await page.getByRole('link', { name: 'Account settings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      await page.getByLabel('Current password').fill('wrong password here');
      await page.getByLabel('New password').fill('another long phrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Your current password is wrong.').waitFor();
      await page.getByLabel('Current password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed. Every other device was signed out.').waitFor();
    });
  });

  it('has no serious accessibility violation and fits a phone, in both themes: sign-up, places, menu, account', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await withPage(browser(), { colorScheme: scheme, viewport: PHONE }, async ({ page }) => {
        await page.goto('/sign-up');
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.getByText('Enter your email address.').waitFor();
        expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

        await signUp(page, newEmail());
        await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
        await openPlace(page, '/place/52.52,13.41/Berlin');
        await page.getByRole('button', { name: 'Save place' }).click();
        await page.getByRole('button', { name: 'Saved', pressed: true }).waitFor();
        await goHome(page);
        await page.locator('.saved__temperature').first().waitFor();
        await page.getByRole('button', { name: 'Account', exact: true }).click();
        expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

        await page.getByRole('link', { name: 'Account settings' }).click();
        await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
        expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      });
    }
  });
});

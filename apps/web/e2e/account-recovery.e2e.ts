import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';

import {
  describeViolations,
  PHONE,
  seriousAxeViolations,
  sharedBrowser,
  withPage,
} from './browser.ts';

const browser = sharedBrowser();

const PASSWORD = 'a walk along the river';
const NEW_PASSWORD = 'a swim across the lake';
let accounts = 0;
const newEmail = () => `recovery${++accounts}.${Date.now()}@example.com`;

async function signUp(page: Page, email: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Account', exact: true }).waitFor();
}

/** The reset link mailed to `to`, read from the loopback SMTP server's files with mailparser. */
async function resetLinkMailedTo(to: string): Promise<string> {
  const dir = inject('mailDir');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const file of (await readdir(dir)).sort()) {
      const mail = await simpleParser(await readFile(path.join(dir, file)));
      const recipients = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap(
        (address) => address.value.map((value) => value.address),
      );
      if (!recipients.includes(to)) continue;
      expect(mail.subject).toBe('Reset your Skycast password');
      const link = /https?:\/\/\S+?(\/reset-password#token=[\w-]{43})/.exec(mail.text ?? '');
      if (!link?.[1]) throw new Error(`no reset link in:\n${mail.text}`);
      return link[1];
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to} within 30 s`);
}

const focusedElement = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return {
      tag: active?.tagName.toLowerCase(),
      role: active?.getAttribute('role'),
      label: active?.id ? document.querySelector(`label[for="${active.id}"]`)?.textContent : null,
      invalid: active?.getAttribute('aria-invalid'),
    };
  });

describe('forgot password', () => {
  it('resets a password through the emailed link, signs every device out, axe-clean', async () => {
    const email = newEmail();
    await withPage(browser(), {}, async (other) => {
      // Another device, signed in before the reset.
      await signUp(other.page, email);

      await withPage(browser(), {}, async ({ page }) => {
        await page.goto('/sign-in');
        await page.getByRole('link', { name: 'Forgot password?' }).click();
        await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
        expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
        await page.getByLabel('Email').fill(email);
        await page.getByRole('button', { name: 'Send the link' }).click();
        const sent = page.getByRole('status').filter({ hasText: 'is on its way there' });
        await sent.waitFor();
        expect(await sent.textContent()).toContain(email);
        // The answer took focus, so a screen reader hears it.
        expect((await focusedElement(page)).role).toBe('status');

        const link = await resetLinkMailedTo(email);
        await page.goto(link);
        await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
        // The token leaves the address bar (and history) at once.
        await expect.poll(() => page.url()).not.toContain('token=');
        expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

        // A common password is refused beside the field, which takes focus; the link still works.
        await page.getByLabel('New password').fill('password123');
        await page.getByRole('button', { name: 'Set the new password' }).click();
        await page.getByText(/one of the most common ones/).waitFor();
        expect(await focusedElement(page)).toMatchObject({
          label: 'New password',
          invalid: 'true',
        });

        await page.getByLabel('New password').fill(NEW_PASSWORD);
        await page.getByRole('button', { name: 'Set the new password' }).click();
        await page
          .getByText('Your password is changed, and every device was signed out.')
          .waitFor();

        await page.getByRole('link', { name: 'Sign in', exact: true }).first().click();
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('button', { name: 'Account', exact: true }).waitFor();

        // The link was used once: a second use says so, with a way to ask again.
        await page.goto(link);
        await page.getByLabel('New password').fill('a third passphrase here');
        await page.getByRole('button', { name: 'Set the new password' }).click();
        const refused = page.getByRole('alert').filter({ hasText: 'reset link is not valid' });
        await refused.waitFor();
        expect((await focusedElement(page)).role).toBe('alert');
        await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
      });

      // The other device was signed out by the reset.
      await other.page.goto('/account');
      await other.page.getByText('to see your account').waitFor();
    });
  });

  it('answers an email without an account exactly as one with', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/forgot-password');
      await page.getByLabel('Email').fill('nobody-at-all@example.com');
      await page.getByRole('button', { name: 'Send the link' }).click();
      await page.getByRole('status').filter({ hasText: 'is on its way there' }).waitFor();
    });
  });

  it.each([
    ['de', 'Passwort vergessen?'],
    ['es', '¿Has olvidado la contraseña?'],
    ['fr', 'Mot de passe oublié ?'],
    ['ar', 'نسيت كلمة المرور؟'],
  ])('speaks %s on the forgot-password page, axe-clean on a phone', async (locale, title) => {
    await withPage(browser(), { locale, viewport: PHONE }, async ({ page }) => {
      await page.goto('/forgot-password');
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);
    });
  });
});

describe('focus after a refusal', () => {
  it('moves to the message after a wrong password, not to the page body', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(newEmail());
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Email or password is wrong.' }).waitFor();
      await expect.poll(async () => (await focusedElement(page)).role).toBe('alert');
    });
  });
});

describe('the account page', () => {
  it('downloads my data as JSON, then deletes the account after the password, axe-clean', async () => {
    const email = newEmail();
    await withPage(browser(), {}, async ({ page }) => {
      await signUp(page, email);
      await page.goto('/place/48.86,2.35/Paris');
      await page.getByRole('button', { name: 'Save place' }).click();
      await page.getByRole('button', { name: 'Saved', pressed: true }).waitFor();

      await page.goto('/account');
      await page.getByRole('heading', { name: 'Delete your account' }).waitFor();
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download my data' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^skycast-data-\d{4}-\d{2}-\d{2}\.json$/);
      const data = JSON.parse(await readFile(await file.path(), 'utf8')) as {
        account: { email: string };
        places: { name: string }[];
      };
      expect(data.account.email).toBe(email);
      expect(data.places.map((place) => place.name)).toEqual(['Paris']);

      const deletion = page.getByRole('region', { name: 'Delete your account' });
      await deletion.getByLabel('Your password').fill('not my password');
      await deletion.getByRole('button', { name: 'Delete my account' }).click();
      await deletion.getByText('Your current password is wrong.').waitFor();
      await expect
        .poll(() => focusedElement(page))
        .toMatchObject({ label: 'Your password', invalid: 'true' });

      await deletion.getByLabel('Your password').fill(PASSWORD);
      await deletion.getByRole('button', { name: 'Delete my account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Account deleted' }).waitFor();
      expect(await page.getByRole('button', { name: 'Account', exact: true }).count()).toBe(0);
      expect(describeViolations(await seriousAxeViolations(page))).toEqual([]);

      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Email or password is wrong.').waitFor();
    });
  });
});

import { createHash } from 'node:crypto';

import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { USER_DATA_TABLES, sql } from '@skycast/db';

import { RESET_LINK_LIFETIME_MS } from '../src/accounts/accounts-service.ts';
import { createResetMailer, type ResetMailer } from '../src/accounts/reset-mail.ts';
import { ClientError } from '../src/client-error.ts';
import { silentLogger, type Logger } from '../src/logger.ts';
import { resetTokenOf, startSmtpInbox, type SmtpInbox } from './smtp-inbox.ts';
import { createTestApi, type TestApi } from './test-api.ts';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new secret phrase';

let api: TestApi;
let inbox: SmtpInbox;
let mailer: ResetMailer;
let clock = new Date();
let instance: ReturnType<TestApi['instance']>;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  mailer = createResetMailer({
    smtpUrl: inbox.url,
    from: 'Skycast <no-reply@skycast.test>',
    logger: silentLogger,
  });
  api = await createTestApi();
  instance = api.instance({ resetMailer: mailer, now: () => clock });
});
afterAll(async () => {
  mailer.close();
  await api.close();
  await inbox.close();
});

let counter = 0;
const uniqueEmail = () => `recover${++counter}@accounts.example`;

async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ClientError) return error.reason;
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

async function signedUp() {
  const email = uniqueEmail();
  const browser = instance.browser();
  const user = await browser.api.auth.signUp({ email, password: PASSWORD });
  return { email, browser, user };
}

describe('password reset by email', () => {
  it('emails a single-use link through SMTP that sets a new password and ends every session', async () => {
    const { email, browser, user } = await signedUp();
    const phone = instance.browser();
    await phone.api.auth.signIn({ email, password: PASSWORD });

    const asker = instance.browser();
    expect(await asker.api.auth.requestPasswordReset({ email: email.toUpperCase() })).toEqual({
      delivery: 'email',
    });
    const mail = await inbox.waitFor(email);
    expect(mail.subject).toBe('Reset your Skycast password');
    expect(mail.from?.text).toContain('no-reply@skycast.test');
    expect(mail.text).toMatch(/30 minutes/);
    const token = resetTokenOf(mail);

    expect(await asker.api.auth.resetPassword({ token, newPassword: NEW_PASSWORD })).toEqual({
      ok: true,
    });
    expect(await browser.api.auth.me()).toBeNull();
    expect(await phone.api.auth.me()).toBeNull();
    expect(await outcomeOf(instance.browser().api.auth.signIn({ email, password: PASSWORD }))).toBe(
      'WRONG_CREDENTIALS',
    );
    expect(await instance.browser().api.auth.signIn({ email, password: NEW_PASSWORD })).toEqual(
      user,
    );
    // Used once: a second use fails, whatever the password.
    expect(
      await outcomeOf(
        asker.api.auth.resetPassword({ token, newPassword: 'yet another passphrase' }),
      ),
    ).toBe('RESET_LINK_INVALID');
  });

  it('stores only a SHA-256 of the token', async () => {
    const { email } = await signedUp();
    await instance.browser().api.auth.requestPasswordReset({ email });
    const token = resetTokenOf(await inbox.waitFor(email));
    const dump = await sql<Record<string, unknown>>`select * from password_resets`.execute(api.db);
    const text = JSON.stringify(dump.rows);
    expect(dump.rows.length).toBeGreaterThan(0);
    expect(text).not.toContain(token);
  });

  it('answers the same for an email without an account, and sends it nothing', async () => {
    const { email } = await signedUp();
    const stranger = 'nobody-here@accounts.example';
    const unknown = await instance.browser().api.auth.requestPasswordReset({ email: stranger });
    const known = await instance.browser().api.auth.requestPasswordReset({ email });
    expect(unknown).toEqual(known);
    // The known one's mail arrived; the unknown one, asked for first, had its chance.
    await inbox.waitFor(email);
    expect(inbox.to(stranger)).toHaveLength(0);
  });

  it('refuses a link after 30 minutes', async () => {
    const { email } = await signedUp();
    await instance.browser().api.auth.requestPasswordReset({ email });
    const token = resetTokenOf(await inbox.waitFor(email));
    const asked = clock;
    clock = new Date(asked.getTime() + RESET_LINK_LIFETIME_MS + 1_000);
    try {
      expect(
        await outcomeOf(
          instance.browser().api.auth.resetPassword({ token, newPassword: NEW_PASSWORD }),
        ),
      ).toBe('RESET_LINK_INVALID');
    } finally {
      clock = new Date();
    }
    expect(await outcomeOf(instance.browser().api.auth.signIn({ email, password: PASSWORD }))).toBe(
      'ok',
    );
  });

  it('keeps the link usable after a weak password, and voids it when the password changes', async () => {
    const { email, browser } = await signedUp();
    await instance.browser().api.auth.requestPasswordReset({ email });
    const token = resetTokenOf(await inbox.waitFor(email));
    expect(
      await outcomeOf(
        instance.browser().api.auth.resetPassword({ token, newPassword: 'Password1' }),
      ),
    ).toBe('COMMON_PASSWORD');
    await browser.api.auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(
      await outcomeOf(
        instance.browser().api.auth.resetPassword({ token, newPassword: 'yet another passphrase' }),
      ),
    ).toBe('RESET_LINK_INVALID');
  });

  it('lets only one of two uses of the same link at once through', async () => {
    const { email } = await signedUp();
    await instance.browser().api.auth.requestPasswordReset({ email });
    const token = resetTokenOf(await inbox.waitFor(email));
    const outcomes = await Promise.all(
      ['first new passphrase', 'second new passphrase'].map((newPassword) =>
        outcomeOf(instance.browser().api.auth.resetPassword({ token, newPassword })),
      ),
    );
    expect(outcomes.sort()).toEqual(['RESET_LINK_INVALID', 'ok']);
  });

  it('refuses a malformed token before any query', async () => {
    expect(
      await outcomeOf(
        instance.browser().api.auth.resetPassword({ token: 'short', newPassword: NEW_PASSWORD }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('is rate-limited per address, and sends one account at most 3 emails an hour', async () => {
    const { email } = await signedUp();
    const ip = '198.51.100.201';
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await outcomeOf(instance.browser({ ip }).api.auth.requestPasswordReset({ email })),
      );
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED']);
    await inbox.waitFor(email, 3);
    // Two more were asked for and answered alike, but not sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inbox.to(email)).toHaveLength(3);
  });

  it('without SMTP_URL writes the link to the log and says so', async () => {
    const lines: { object: object; message: string | undefined }[] = [];
    const capture: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (object, message) => lines.push({ object, message }),
      error: () => undefined,
      child: () => capture,
    };
    const logOnly = api.instance({
      resetMailer: createResetMailer({ from: 'Skycast <x@localhost>', logger: capture }),
    });
    const email = uniqueEmail();
    await logOnly.browser().api.auth.signUp({ email, password: PASSWORD });
    expect(await logOnly.browser().api.auth.requestPasswordReset({ email })).toEqual({
      delivery: 'log',
    });
    const line = lines.find((entry) => 'resetLink' in entry.object);
    expect(String((line?.object as { resetLink?: string }).resetLink)).toMatch(
      /^http:\/\/localhost:3000\/reset-password#token=[\w-]{43}$/,
    );
  });
});

// A browser's push keys (RFC 8291), as `PushSubscription.toJSON()` gives them.
const EXAMPLE_PUSH_KEYS = {
  p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
  auth: 'tBHItJI5svbpez7KI4CCXg',
};

describe('deleting an account', () => {
  // The server's own secrets (its VAPID keys) are no one's: every other user table is per person.
  const PERSONAL_TABLES = USER_DATA_TABLES.filter((table) => table !== 'serverSecrets');

  /** Rows of the user in each personal table; deliveries are theirs through the given notifications. */
  async function rowsOf(
    userId: string,
    notificationIds: string[],
  ): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of PERSONAL_TABLES) {
      if (table === 'pushDeliveries') {
        const rows = await api.db
          .selectFrom('pushDeliveries')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('notificationId', 'in', [
            ...notificationIds,
            '00000000-0000-0000-0000-000000000000',
          ])
          .executeTakeFirstOrThrow();
        counts[table] = rows.n;
        continue;
      }
      const column = table === 'users' ? 'id' : 'userId';
      const rows = await api.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .where(column, '=', userId)
        .executeTakeFirstOrThrow();
      counts[table] = rows.n;
    }
    return counts;
  }

  it('refuses without the right password and changes nothing', async () => {
    const { browser, user } = await signedUp();
    expect(await outcomeOf(browser.api.auth.deleteAccount({ password: 'not my password' }))).toBe(
      'WRONG_CURRENT_PASSWORD',
    );
    expect(await browser.api.auth.me()).toEqual(user);
  });

  it('removes the account and every row of every user table, and signs out everywhere', async () => {
    const { email, browser, user } = await signedUp();
    const phone = instance.browser();
    await phone.api.auth.signIn({ email, password: PASSWORD });
    const place = await browser.api.places.add({
      name: 'Berlin',
      latitude: 52.52,
      longitude: 13.41,
    });
    await browser.api.preferences.update({ theme: 'dark' });
    await browser.api.watches.create({
      placeId: place.id,
      rule: { kind: 'rain-starts', withinMinutes: 30, intensity: 'light' },
      schedule: { days: [1, 2, 3, 4, 5, 6, 7], from: '07:00', until: '22:00', quiet: null },
    });
    const device = await browser.api.push.subscribe({
      endpoint: 'https://fcm.googleapis.com/fcm/send/deleted-account-test',
      keys: EXAMPLE_PUSH_KEYS,
      device: 'Test browser',
    });
    // A notification already made for them, and its delivery to the device, as a watch round leaves them.
    const notification = await api.db
      .insertInto('notifications')
      .values({
        userId: user.id,
        placeId: place.id,
        eventKey: 'test:deleted-account',
        kind: 'test',
        title: 'Test',
        body: 'Test',
        url: '/',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await api.db
      .insertInto('pushDeliveries')
      .values({ notificationId: notification.id, subscriptionId: device.id })
      .execute();
    await instance.browser().api.auth.requestPasswordReset({ email });
    await inbox.waitFor(email);
    // Counts under the account's id and email digest: a typo, a stranger's wrong guess.
    await outcomeOf(browser.api.auth.deleteAccount({ password: 'a typo in it' }));
    await outcomeOf(instance.browser().api.auth.signIn({ email, password: 'a wrong guess' }));
    const digest = createHash('sha256').update(email).digest('base64url');
    const countsOfAccount = async () =>
      (await api.db.selectFrom('rateLimits').select('key').execute()).filter(
        ({ key }) => key.includes(user.id) || key.includes(digest),
      );
    expect((await countsOfAccount()).length).toBeGreaterThanOrEqual(4);
    const before = await rowsOf(user.id, [notification.id]);
    // Every personal table holds something of theirs, so the check below means something.
    for (const table of PERSONAL_TABLES) expect(before[table], table).toBeGreaterThan(0);

    expect(await browser.api.auth.deleteAccount({ password: PASSWORD })).toEqual({ ok: true });
    expect(browser.jar.token).toBeUndefined();
    const after = await rowsOf(user.id, [notification.id]);
    for (const table of PERSONAL_TABLES) expect(after[table], table).toBe(0);
    expect(await phone.api.auth.me()).toBeNull();
    // No count is kept under the account's id or its email's digest either.
    expect(await countsOfAccount()).toEqual([]);
    expect(await outcomeOf(instance.browser().api.auth.signIn({ email, password: PASSWORD }))).toBe(
      'WRONG_CREDENTIALS',
    );
    // The email is free again.
    await instance.browser().api.auth.signUp({ email, password: PASSWORD });
  });
});

describe('downloading my data', () => {
  it('hands over the account, its places, settings and sessions, and no secret', async () => {
    const { email, browser, user } = await signedUp();
    await browser.api.places.add({ name: 'Lisbon', latitude: 38.72, longitude: -9.14 });
    await browser.api.preferences.update({ units: 'imperial' });
    const data = await browser.api.auth.exportData();
    expect(data.account).toMatchObject({ id: user.id, email });
    expect(data.places.map((place) => place.name)).toEqual(['Lisbon']);
    expect(data.preferences).toMatchObject({ units: 'imperial' });
    expect(data.sessions).toHaveLength(1);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/argon2|passwordHash|tokenHash/);
    expect(text).not.toContain(browser.jar.token!);
  });

  it('is for the signed-in owner only', async () => {
    expect(await outcomeOf(instance.browser().api.auth.exportData())).toBe('SIGN_IN_REQUIRED');
  });
});

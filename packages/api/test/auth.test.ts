import { createHash } from 'node:crypto';

import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { sql } from '@skycast/db';
import { rejectionOf } from '@skycast/vitest-config/testing';

import {
  SESSION_IDLE_MS,
  SESSION_MAX_AGE_MS,
  SESSION_RENEW_WITHIN_MS,
} from '../src/accounts/accounts-service.ts';
import { ClientError } from '../src/client-error.ts';
import { createTestApi, wordsOf, type TestApi } from './test-api.ts';

const DAY_MS = 24 * 60 * 60_000;
const PASSWORD = 'correct horse battery staple';

let api: TestApi;
let clock = new Date('2026-12-01T12:00:00Z');
let instance: ReturnType<TestApi['instance']>;

beforeAll(async () => {
  api = await createTestApi();
  instance = api.instance({
    now: () => clock,
    throttle: {
      account: { maxFailures: 3, windowMs: 10 * 60_000, lockMs: 10 * 60_000 },
      ip: { maxFailures: 1_000, windowMs: 10 * 60_000, lockMs: 10 * 60_000 },
    },
  });
});
afterAll(() => api.close());

let counter = 0;
const uniqueEmail = () => `user${++counter}@example.com`;

async function signedUp(email = uniqueEmail()) {
  const browser = instance.browser();
  const user = await browser.api.auth.signUp({ email, password: PASSWORD });
  return { browser, user, email };
}

const reasonOf = (error: TRPCError) => (error instanceof ClientError ? error.reason : undefined);

const errorOf = (promise: Promise<unknown>) => rejectionOf(promise, TRPCError);

describe('sign-up, sign-in and sign-out', () => {
  it('signs a new account in, normalising the email, and knows it on the next request', async () => {
    const browser = instance.browser();
    const user = await browser.api.auth.signUp({
      email: '  Ada.Lovelace@Example.COM ',
      password: PASSWORD,
    });
    expect(user.email).toBe('ada.lovelace@example.com');
    expect(browser.jar.token).toMatch(/^[\w-]{43}$/);
    expect(await browser.api.auth.me()).toEqual(user);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const { email } = await signedUp();
    const error = await errorOf(
      instance.browser().api.auth.signUp({ email: email.toUpperCase(), password: PASSWORD }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(reasonOf(error)).toBe('EMAIL_TAKEN');
  });

  it('refuses a common password and a short one, and creates nothing', async () => {
    const email = uniqueEmail();
    const common = await errorOf(
      instance.browser().api.auth.signUp({ email, password: 'Password1' }),
    );
    expect(common.code).toBe('BAD_REQUEST');
    expect(reasonOf(common)).toBe('COMMON_PASSWORD');
    const short = await errorOf(instance.browser().api.auth.signUp({ email, password: 'a1b2c3' }));
    expect(short.code).toBe('BAD_REQUEST');
    expect(wordsOf(short)).toMatch(/at least 8/);
    const rows = await api.db.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(rows).toEqual([]);
  });

  it.each(['Password123!', 'iloveyou2', 'sunshine1'])(
    'refuses %j, which the larger common-password list names',
    async (password) => {
      const error = await errorOf(
        instance.browser().api.auth.signUp({ email: uniqueEmail(), password }),
      );
      expect(reasonOf(error)).toBe('COMMON_PASSWORD');
    },
  );

  it('refuses a password made of spaces, or holding the email, and creates nothing', async () => {
    const email = uniqueEmail();
    const spaces = await errorOf(
      instance.browser().api.auth.signUp({ email, password: ' '.repeat(12) }),
    );
    expect(spaces.code).toBe('BAD_REQUEST');
    for (const password of [email, `${email.toUpperCase()}!`, `${email.split('@')[0]}-secret`]) {
      const error = await errorOf(instance.browser().api.auth.signUp({ email, password }));
      expect(reasonOf(error), password).toBe('PASSWORD_CONTAINS_EMAIL');
    }
    const rows = await api.db.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(rows).toEqual([]);
  });

  it('refuses a new password holding the email when changing it', async () => {
    const { browser, email } = await signedUp();
    const error = await errorOf(
      browser.api.auth.changePassword({ currentPassword: PASSWORD, newPassword: `${email}2026` }),
    );
    expect(reasonOf(error)).toBe('PASSWORD_CONTAINS_EMAIL');
  });

  it('signs in with a new session each time and signs out by deleting the row', async () => {
    const { email, user } = await signedUp();
    const laptop = instance.browser();
    const phone = instance.browser();
    await laptop.api.auth.signIn({ email, password: PASSWORD });
    await phone.api.auth.signIn({ email: email.toUpperCase(), password: PASSWORD });
    expect(laptop.jar.token).not.toBe(phone.jar.token);
    expect(await phone.api.auth.me()).toEqual(user);

    const before = await countSessions(user.id);
    const laptopToken = laptop.jar.token;
    await laptop.api.auth.signOut();
    expect(laptop.jar.token).toBeUndefined();
    expect(await countSessions(user.id)).toBe(before - 1);

    // The old cookie, replayed, is worth nothing.
    const replay = instance.browser();
    replay.jar.token = laptopToken;
    expect(await replay.api.auth.me()).toBeNull();
    expect(await phone.api.auth.me()).toEqual(user);
  });

  it('ends the session a browser already had when it signs in again', async () => {
    const { browser, email, user } = await signedUp();
    const first = browser.jar.token;
    await browser.api.auth.signIn({ email, password: PASSWORD });
    expect(browser.jar.token).not.toBe(first);
    expect(await countSessions(user.id)).toBe(1);
  });

  it('signs out everywhere: every device loses its session', async () => {
    const { browser, email, user } = await signedUp();
    const phone = instance.browser();
    await phone.api.auth.signIn({ email, password: PASSWORD });
    expect(await browser.api.auth.signOutEverywhere()).toEqual({ ended: 2 });
    expect(await phone.api.auth.me()).toBeNull();
    expect(await countSessions(user.id)).toBe(0);
  });

  it('answers UNAUTHORIZED to signed-in procedures without a session', async () => {
    const error = await errorOf(instance.browser().api.auth.signOutEverywhere());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/sign in/i);
  });
});

describe('passwords', () => {
  it('stores argon2id with at least OWASP parameters, never the password', async () => {
    const { user } = await signedUp();
    const row = await api.db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).not.toContain(PASSWORD);
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.passwordHash);
    expect(match).not.toBeNull();
    const [, m, t, p] = match!.map(Number);
    expect(m).toBeGreaterThanOrEqual(19_456);
    expect(t).toBeGreaterThanOrEqual(2);
    expect(p).toBe(1);
  });

  it('gives an unknown email and a wrong password the same answer in about the same time', async () => {
    const { email } = await signedUp();
    const attempt = async (address: string) => {
      const started = performance.now();
      const error = await errorOf(
        instance.browser({ ip: '198.51.100.7' }).api.auth.signIn({
          email: address,
          password: 'not the password',
        }),
      );
      return { error, ms: performance.now() - started };
    };
    // The fastest of three tries each, alternating, so one slow moment on a
    // loaded machine does not pass for a difference between the two paths.
    const tries: {
      wrongPassword: Awaited<ReturnType<typeof attempt>>[];
      unknown: typeof tries.wrongPassword;
    } = {
      wrongPassword: [],
      unknown: [],
    };
    for (let i = 0; i < 3; i++) {
      tries.wrongPassword.push(await attempt(email));
      tries.unknown.push(await attempt(uniqueEmail()));
    }
    const fastest = (list: typeof tries.unknown) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
    const wrongPassword = fastest(tries.wrongPassword);
    const unknown = fastest(tries.unknown);
    expect(unknown.error.code).toBe(wrongPassword.error.code);
    expect(unknown.error.code).toBe('UNAUTHORIZED');
    expect(unknown.error.message).toBe(wrongPassword.error.message);
    // Both ran argon2: neither is an instant "no such user".
    expect(unknown.ms).toBeGreaterThan(wrongPassword.ms / 4);
    expect(wrongPassword.ms).toBeGreaterThan(unknown.ms / 4);
  });

  it('changing the password ends every other session and keeps this one', async () => {
    const { browser, email, user } = await signedUp();
    const phone = instance.browser();
    await phone.api.auth.signIn({ email, password: PASSWORD });
    const wrong = await errorOf(
      browser.api.auth.changePassword({
        currentPassword: 'not it at all',
        newPassword: 'a brand new secret',
      }),
    );
    expect(reasonOf(wrong)).toBe('WRONG_CURRENT_PASSWORD');
    expect(await phone.api.auth.me()).toEqual(user);

    await browser.api.auth.changePassword({
      currentPassword: PASSWORD,
      newPassword: 'a brand new secret',
    });
    expect(await phone.api.auth.me()).toBeNull();
    expect(await browser.api.auth.me()).toEqual(user);
    await expect(instance.browser().api.auth.signIn({ email, password: PASSWORD })).rejects.toThrow(
      /wrong/,
    );
    await instance.browser().api.auth.signIn({ email, password: 'a brand new secret' });
  });
});

describe('sessions', () => {
  it('stores only a SHA-256 of the token: a dump of the table signs nobody in', async () => {
    const { browser } = await signedUp();
    const token = browser.jar.token!;
    const dump = await sql<Record<string, unknown>>`select * from sessions`.execute(api.db);
    const text = JSON.stringify(dump.rows);
    expect(text).not.toContain(token);
    const hashes = dump.rows.map((row) => Buffer.from(row.tokenHash as Buffer));
    expect(hashes).toContainEqual(createHash('sha256').update(token).digest());
    // Whatever is in the dump, presented as a cookie, is refused.
    for (const hash of hashes) {
      for (const candidate of [hash.toString('base64url'), hash.toString('hex')]) {
        const thief = instance.browser();
        thief.jar.token = candidate;
        expect(await thief.api.auth.me()).toBeNull();
      }
    }
  });

  it('slides: a session used in its last 15 days lives another 30, never past its maximum age', async () => {
    const start = new Date('2027-01-01T00:00:00Z');
    clock = start;
    const { browser } = await signedUp();
    expect(browser.jar.expiresAt).toEqual(new Date(start.getTime() + SESSION_IDLE_MS));

    // Used early: no renewal, no new cookie.
    clock = new Date(start.getTime() + 10 * DAY_MS);
    browser.jar.expiresAt = undefined;
    expect(await browser.api.auth.me()).not.toBeNull();
    expect(browser.jar.expiresAt).toBeUndefined();

    // Used within its last 15 days: extended and re-sent.
    clock = new Date(start.getTime() + (SESSION_IDLE_MS - SESSION_RENEW_WITHIN_MS) + DAY_MS);
    expect(await browser.api.auth.me()).not.toBeNull();
    expect(browser.jar.expiresAt).toEqual(new Date(clock.getTime() + SESSION_IDLE_MS));

    // Used every 20 days: alive until its maximum age, then refused.
    while (clock.getTime() + 20 * DAY_MS < start.getTime() + SESSION_MAX_AGE_MS) {
      clock = new Date(clock.getTime() + 20 * DAY_MS);
      expect(await browser.api.auth.me()).not.toBeNull();
    }
    expect(browser.jar.expiresAt!.getTime()).toBeLessThanOrEqual(
      start.getTime() + SESSION_MAX_AGE_MS,
    );
    clock = new Date(start.getTime() + SESSION_MAX_AGE_MS + 1);
    expect(await browser.api.auth.me()).toBeNull();
    clock = new Date('2026-12-01T12:00:00Z');
  });

  it('refuses a session unused for 30 days and deletes it', async () => {
    const start = new Date('2027-06-01T00:00:00Z');
    clock = start;
    const { browser, user } = await signedUp();
    clock = new Date(start.getTime() + SESSION_IDLE_MS + 1);
    expect(await browser.api.auth.me()).toBeNull();
    expect(await countSessions(user.id)).toBe(0);
    clock = new Date('2026-12-01T12:00:00Z');
  });
});

describe('pruning', () => {
  it('deletes expired sessions and keeps live ones', async () => {
    const start = new Date('2028-01-01T00:00:00Z');
    clock = start;
    const old = await signedUp();
    await errorOf(instance.browser().api.auth.signIn({ email: old.email, password: 'nope nope' }));
    clock = new Date(start.getTime() + SESSION_IDLE_MS + 1);
    const fresh = await signedUp();
    await instance.services.accounts.prune();
    expect(await countSessions(old.user.id)).toBe(0);
    expect(await countSessions(fresh.user.id)).toBe(1);
    clock = new Date('2026-12-01T12:00:00Z');
  });
});

describe('login throttling', () => {
  it('locks an account after repeated failures, even for the right password, then lets it in again', async () => {
    const start = new Date('2027-09-01T00:00:00Z');
    clock = start;
    const { email } = await signedUp();
    for (let i = 0; i < 3; i++) {
      const error = await errorOf(
        instance.browser({ ip: `203.0.113.${i}` }).api.auth.signIn({
          email,
          password: 'guess number ' + i,
        }),
      );
      expect(error.code).toBe('UNAUTHORIZED');
    }
    const locked = await errorOf(
      instance.browser({ ip: '203.0.113.50' }).api.auth.signIn({ email, password: PASSWORD }),
    );
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.message).toMatch(/try again in 10 minutes/);

    // The counts expire by the wall clock (rate-limiter-flexible reads Date.now()).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10 * 60_000 + 1_000);
      await instance.browser().api.auth.signIn({ email, password: PASSWORD });
    } finally {
      vi.useRealTimers();
    }
    clock = new Date('2026-12-01T12:00:00Z');
  });

  it('checks no more passwords than the limit when many wrong tries arrive at once', async () => {
    const { email } = await signedUp();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        errorOf(
          instance.browser({ ip: `192.0.2.${i}` }).api.auth.signIn({
            email,
            password: `wrong guess ${i}`,
          }),
        ),
      ),
    );
    const codes = outcomes.map((error) => error.code);
    // The account allows 3 tries: 3 were checked (401), every other was refused unchecked.
    expect(codes.filter((code) => code === 'UNAUTHORIZED')).toHaveLength(3);
    expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(37);
  });

  it('locks an address that tries many accounts', async () => {
    const strict = api.instance({
      now: () => clock,
      throttle: {
        account: { maxFailures: 100, windowMs: 60_000, lockMs: 60_000 },
        ip: { maxFailures: 3, windowMs: 60_000, lockMs: 60_000 },
      },
    });
    const { email } = await signedUp();
    for (let i = 0; i < 3; i++) {
      await errorOf(
        strict.browser({ ip: '198.51.100.99' }).api.auth.signIn({
          email: uniqueEmail(),
          password: 'spray password',
        }),
      );
    }
    const locked = await errorOf(
      strict.browser({ ip: '198.51.100.99' }).api.auth.signIn({ email, password: PASSWORD }),
    );
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    await strict.browser({ ip: '198.51.100.100' }).api.auth.signIn({ email, password: PASSWORD });
  });
});

async function countSessions(userId: string): Promise<number> {
  const rows = await api.db
    .selectFrom('sessions')
    .select('userId')
    .where('userId', '=', userId)
    .execute();
  return rows.length;
}

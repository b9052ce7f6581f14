import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SESSION_MAX_AGE_MS } from '../src/accounts/accounts-service.ts';
import { ClientError } from '../src/client-error.ts';
import { ACCOUNT_WRITE_LIMIT } from '../src/trpc.ts';
import { createTestApi, type TestApi } from './test-api.ts';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new secret phrase';
const DAY_MS = 24 * 60 * 60_000;

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

let counter = 0;
const uniqueEmail = () => `abuse${++counter}@accounts.example`;

/** Throttle rules roomy enough that only the rule a test is about can refuse. */
const roomy = {
  account: { maxFailures: 1_000, windowMs: 60_000, lockMs: 60_000 },
  ip: { maxFailures: 1_000, windowMs: 60_000, lockMs: 60_000 },
  accountSignIns: { max: 1_000, windowMs: 60_000 },
  ipSignIns: { max: 1_000, windowMs: 60_000 },
};

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

async function sessionsOf(userId: string): Promise<number> {
  const rows = await api.db
    .selectFrom('sessions')
    .select('tokenHash')
    .where('userId', '=', userId)
    .execute();
  return rows.length;
}

describe('the absolute lifetime of a session', () => {
  it('refuses a session created 100 days ago whatever its expires_at says, and deletes it', async () => {
    const instance = api.instance();
    const browser = instance.browser();
    const user = await browser.api.auth.signUp({ email: uniqueEmail(), password: PASSWORD });
    // As after a restored backup or a clock jump: old, yet "expiring" in ten days.
    await api.db
      .updateTable('sessions')
      .set({
        createdAt: new Date(Date.now() - 100 * DAY_MS),
        expiresAt: new Date(Date.now() + 10 * DAY_MS),
      })
      .where('userId', '=', user.id)
      .execute();
    expect(await browser.api.auth.me()).toBeNull();
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it('never hands out a cookie that outlives the absolute lifetime', async () => {
    const instance = api.instance();
    const browser = instance.browser();
    const user = await browser.api.auth.signUp({ email: uniqueEmail(), password: PASSWORD });
    const createdAt = new Date(Date.now() - 80 * DAY_MS);
    await api.db
      .updateTable('sessions')
      .set({ createdAt, expiresAt: new Date(Date.now() + 200 * DAY_MS) })
      .where('userId', '=', user.id)
      .execute();
    const session = await instance.services.accounts.authenticate(browser.jar.token);
    expect(session?.expiresAt.getTime()).toBe(createdAt.getTime() + SESSION_MAX_AGE_MS);
  });

  it('prunes sessions past their absolute lifetime', async () => {
    const instance = api.instance();
    const browser = instance.browser();
    const user = await browser.api.auth.signUp({ email: uniqueEmail(), password: PASSWORD });
    await api.db
      .updateTable('sessions')
      .set({ createdAt: new Date(Date.now() - 91 * DAY_MS) })
      .where('userId', '=', user.id)
      .execute();
    await instance.services.accounts.prune();
    expect(await sessionsOf(user.id)).toBe(0);
  });
});

describe('a password change racing sign-ins with the old password', () => {
  it('ends every session it did not create, on two instances, including those made meanwhile', async () => {
    const a = api.instance({ throttle: roomy });
    const b = api.instance({ throttle: roomy });
    for (let round = 0; round < 3; round++) {
      const email = uniqueEmail();
      const owner = a.browser();
      const user = await owner.api.auth.signUp({ email, password: PASSWORD });
      const racers = Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).browser());
      // Sign-ins start before, during and after the change; argon2 makes them overlap it.
      const signIns = racers.map(
        (racer, i) =>
          new Promise<string>((resolve) => {
            setTimeout(() => {
              resolve(outcomeOf(racer.api.auth.signIn({ email, password: PASSWORD })));
            }, i * 30);
          }),
      );
      await new Promise((resolve) => setTimeout(resolve, 60));
      await owner.api.auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      const outcomes = await Promise.all(signIns);
      // Some finished before the change (and were ended by it), some found the password changed.
      expect(outcomes.every((o) => o === 'ok' || o === 'WRONG_CREDENTIALS')).toBe(true);
      expect(outcomes).toContain('ok');
      for (const racer of racers) expect(await racer.api.auth.me()).toBeNull();
      expect(await owner.api.auth.me()).toEqual(user);
      expect(await sessionsOf(user.id)).toBe(1);
    }
  });

  it('leaves no session made under an old password, even when the sign-in wins the race by a hair', async () => {
    // The sign-in checks the old hash, the change commits, then the sign-in tries to store its session.
    const instance = api.instance({ throttle: roomy });
    const email = uniqueEmail();
    const owner = instance.browser();
    const user = await owner.api.auth.signUp({ email, password: PASSWORD });
    const racers = Array.from({ length: 6 }, () => instance.browser());
    const both = await Promise.all([
      ...racers.map((racer) => outcomeOf(racer.api.auth.signIn({ email, password: PASSWORD }))),
      owner.api.auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    ]);
    expect(both.length).toBe(7);
    for (const racer of racers) expect(await racer.api.auth.me()).toBeNull();
    expect(await sessionsOf(user.id)).toBe(1);
    await instance.browser().api.auth.signIn({ email, password: NEW_PASSWORD });
  });
});

describe("strangers' failed sign-ins and the owner's password change", () => {
  it('lets the signed-in owner change the password while strangers have locked sign-in', async () => {
    const instance = api.instance({
      throttle: { ...roomy, account: { maxFailures: 10, windowMs: 60_000, lockMs: 60_000 } },
    });
    const email = uniqueEmail();
    const owner = instance.browser();
    await owner.api.auth.signUp({ email, password: PASSWORD });
    for (let i = 0; i < 11; i++) {
      await outcomeOf(
        instance.browser({ ip: `203.0.113.${100 + i}` }).api.auth.signIn({
          email,
          password: `stranger guess ${i}`,
        }),
      );
    }
    expect(await outcomeOf(instance.browser().api.auth.signIn({ email, password: PASSWORD }))).toBe(
      'SIGN_IN_LOCKED',
    );
    expect(
      await outcomeOf(
        owner.api.auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      ),
    ).toBe('ok');
  });

  it("throttles wrong current passwords on the owner's own count", async () => {
    const instance = api.instance({
      throttle: { ...roomy, passwordCheck: { maxFailures: 3, windowMs: 60_000, lockMs: 60_000 } },
    });
    const email = uniqueEmail();
    const owner = instance.browser();
    await owner.api.auth.signUp({ email, password: PASSWORD });
    const tries = [];
    for (let i = 0; i < 3; i++) {
      tries.push(
        await outcomeOf(
          owner.api.auth.changePassword({
            currentPassword: `not it ${i}`,
            newPassword: NEW_PASSWORD,
          }),
        ),
      );
    }
    expect(tries).toEqual([
      'WRONG_CURRENT_PASSWORD',
      'WRONG_CURRENT_PASSWORD',
      'WRONG_CURRENT_PASSWORD',
    ]);
    expect(
      await outcomeOf(
        owner.api.auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      ),
    ).toBe('PASSWORD_CHECK_LOCKED');
    // Sign-in has its own count, untouched by the owner's typos.
    expect(await outcomeOf(instance.browser().api.auth.signIn({ email, password: PASSWORD }))).toBe(
      'ok',
    );
  });
});

describe('writes per signed-in account', () => {
  it('refuses a preferences.update flood from one account, and other accounts still write', async () => {
    const instance = api.instance();
    const flooder = instance.browser();
    await flooder.api.auth.signUp({ email: uniqueEmail(), password: PASSWORD });
    const neighbour = instance.browser();
    await neighbour.api.auth.signUp({ email: uniqueEmail(), password: PASSWORD });

    const outcomes: string[] = [];
    const started = Date.now();
    for (let i = 0; i < ACCOUNT_WRITE_LIMIT.max + 30 && Date.now() - started < 30_000; i++) {
      outcomes.push(
        await outcomeOf(flooder.api.preferences.update({ theme: i % 2 === 0 ? 'dark' : 'light' })),
      );
    }
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(ACCOUNT_WRITE_LIMIT.max);
    expect(outcomes.slice(ACCOUNT_WRITE_LIMIT.max)).toEqual(
      Array.from({ length: 30 }, () => 'ACCOUNT_WRITES_LIMITED'),
    );
    // Reads go on; the neighbour writes.
    expect((await flooder.api.preferences.get()).theme).toBe('light');
    expect(await outcomeOf(neighbour.api.preferences.update({ theme: 'dark' }))).toBe('ok');
  });
});

describe('successful sign-ins', () => {
  it('are limited per account: a success no longer gives its try back', async () => {
    const instance = api.instance({
      throttle: { ...roomy, accountSignIns: { max: 3, windowMs: 60_000 } },
    });
    const email = uniqueEmail();
    await instance.browser().api.auth.signUp({ email, password: PASSWORD });
    const outcomes = [];
    for (let i = 0; i < 5; i++) {
      outcomes.push(
        await outcomeOf(instance.browser().api.auth.signIn({ email, password: PASSWORD })),
      );
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'TOO_MANY_SIGN_INS', 'TOO_MANY_SIGN_INS']);
    // Wrong passwords are failures, not sign-ins: they did not use up the budget of another account.
    const other = uniqueEmail();
    await instance.browser().api.auth.signUp({ email: other, password: PASSWORD });
    for (let i = 0; i < 4; i++) {
      await outcomeOf(instance.browser().api.auth.signIn({ email: other, password: `nope ${i}` }));
    }
    expect(
      await outcomeOf(instance.browser().api.auth.signIn({ email: other, password: PASSWORD })),
    ).toBe('ok');
  });

  it('are limited per address, across accounts and instances', async () => {
    const rules = { ...roomy, ipSignIns: { max: 3, windowMs: 60_000 } };
    const a = api.instance({ throttle: rules });
    const b = api.instance({ throttle: rules });
    const emails = [uniqueEmail(), uniqueEmail(), uniqueEmail(), uniqueEmail()];
    for (const email of emails) await a.browser().api.auth.signUp({ email, password: PASSWORD });
    const ip = '198.51.100.77';
    const outcomes = [];
    for (const [i, email] of emails.entries()) {
      outcomes.push(
        await outcomeOf(
          (i % 2 ? a : b).browser({ ip }).api.auth.signIn({ email, password: PASSWORD }),
        ),
      );
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'TOO_MANY_SIGN_INS']);
    expect(
      await outcomeOf(
        a
          .browser({ ip: '198.51.100.78' })
          .api.auth.signIn({ email: emails[3]!, password: PASSWORD }),
      ),
    ).toBe('ok');
  });
});

describe('the session cap per account', () => {
  it('ends the oldest sessions when an account signs in once more than the cap', async () => {
    const instance = api.instance({ throttle: roomy, maxSessions: 3 });
    const email = uniqueEmail();
    const first = instance.browser();
    const user = await first.api.auth.signUp({ email, password: PASSWORD });
    const later = [];
    for (let i = 0; i < 4; i++) {
      const browser = instance.browser();
      await browser.api.auth.signIn({ email, password: PASSWORD });
      later.push(browser);
    }
    expect(await sessionsOf(user.id)).toBe(3);
    expect(await first.api.auth.me()).toBeNull();
    expect(await later[0]!.api.auth.me()).toBeNull();
    for (const browser of later.slice(1)) expect(await browser.api.auth.me()).toEqual(user);
  });

  it('keeps the cap when many sign-ins arrive at once', async () => {
    const instance = api.instance({ throttle: roomy, maxSessions: 3 });
    const email = uniqueEmail();
    const user = await instance.browser().api.auth.signUp({ email, password: PASSWORD });
    await Promise.all(
      Array.from({ length: 8 }, () =>
        instance.browser().api.auth.signIn({ email, password: PASSWORD }),
      ),
    );
    expect(await sessionsOf(user.id)).toBe(3);
  });
});

import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDb, type Database, type Kysely, type KyselyPlugin } from '@skycast/db';

import { SESSION_IDLE_MS, SESSION_RENEW_WITHIN_MS } from '../src/accounts/accounts-service.ts';
import { startTcpProxy } from './tcp-proxy.ts';
import { createTestApi, type TestApi } from './test-api.ts';

// Two API instances on one real PostgreSQL, as two processes behind a load
// balancer: A and B. Each keeps the sessions it checked in memory; these
// tests prove a revocation on one is refused on the other within 1 s, and on
// the revoking one at once.
const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a different horse, stapled';
const DAY_MS = 24 * 60 * 60_000;

let api: TestApi;
let a: ReturnType<TestApi['instance']>;
let b: ReturnType<TestApi['instance']>;
/** Every statement instance B sends to the database. */
let bQueries = 0;
let bDb: Kysely<Database>;

const counting: KyselyPlugin = {
  transformQuery(args) {
    bQueries += 1;
    return args.node;
  },
  transformResult: (args) => Promise.resolve(args.result),
};

beforeAll(async () => {
  api = await createTestApi();
  a = api.instance();
  bDb = createDb({ connectionString: api.connectionString }).withPlugin(counting);
  b = api.instance({ connection: { db: bDb, connectionString: api.connectionString } });
  // Both LISTEN connections in place before anything is kept.
  await new Promise((resolve) => setTimeout(resolve, 200));
});
afterAll(async () => {
  await api.close();
  await bDb.destroy();
});

let counter = 0;
const uniqueEmail = () => `memory${++counter}@example.com`;

/** Signs up on A, and hands the same cookie to a browser on B. */
async function signedUpOnBoth() {
  const onA = a.browser();
  const user = await onA.api.auth.signUp({ email: uniqueEmail(), password: PASSWORD });
  const onB = b.browser();
  onB.jar.token = onA.jar.token;
  expect(await onB.api.auth.me()).toEqual(user);
  return { onA, onB, user };
}

/**
 * How long until `check` (an `auth.me`) no longer answers with a user: null,
 * or an error when the database is away. Polls every 20 ms, at most 3 s.
 */
async function msUntilRefused(check: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 3_000) {
    const refused = await check().then(
      (user) => user === null,
      (error: unknown) => error instanceof TRPCError,
    );
    if (refused) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.POSITIVE_INFINITY;
}

describe('sessions checked from memory, revoked on every instance', () => {
  it('answers a known session again without a database round trip', async () => {
    const { onB, user } = await signedUpOnBoth();
    // A NOTIFY still on its way (an earlier test's revocation) may drop what B kept: let it land.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await onB.api.auth.me();
    bQueries = 0;
    expect(await onB.api.auth.me()).toEqual(user);
    expect(await onB.api.auth.me()).toEqual(user);
    expect(bQueries).toBe(0);
  });

  it('refuses a session signed out on instance A on instance B within 1 s', async () => {
    const { onA, onB } = await signedUpOnBoth();
    const token = onA.jar.token;
    await onA.api.auth.signOut();
    onB.jar.token = token;
    expect(await msUntilRefused(() => onB.api.auth.me())).toBeLessThan(1_000);
  });

  it('refuses a signed-out session on the instance that signed it out at once', async () => {
    const { onA } = await signedUpOnBoth();
    const token = onA.jar.token;
    await onA.api.auth.me();
    await onA.api.auth.signOut();
    onA.jar.token = token;
    expect(await onA.api.auth.me()).toBeNull();
  });

  it('a password change on A ends the other sessions on B within 1 s, and keeps its own on both', async () => {
    const { onA, onB } = await signedUpOnBoth();
    const email = (await onA.api.auth.me())?.email ?? '';
    const otherDevice = b.browser();
    await otherDevice.api.auth.signIn({ email, password: PASSWORD });
    await otherDevice.api.auth.me();
    await onA.api.auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(await msUntilRefused(() => otherDevice.api.auth.me())).toBeLessThan(1_000);
    // The changer's own session goes on, on either instance.
    onB.jar.token = onA.jar.token;
    expect((await onB.api.auth.me())?.email).toBe(email);
    expect((await onA.api.auth.me())?.email).toBe(email);
  });

  it('signing out everywhere on A is refused on B within 1 s', async () => {
    const { onA, onB } = await signedUpOnBoth();
    await onA.api.auth.signOutEverywhere();
    expect(await msUntilRefused(() => onB.api.auth.me())).toBeLessThan(1_000);
  });

  it('a deleted account is refused on B within 1 s', async () => {
    const { onA, onB } = await signedUpOnBoth();
    await onA.api.auth.deleteAccount({ password: PASSWORD });
    expect(await msUntilRefused(() => onB.api.auth.me())).toBeLessThan(1_000);
  });

  it('a password reset by email on A ends the sessions on B within 1 s', async () => {
    const links: string[] = [];
    const resetting = api.instance({
      resetMailer: {
        delivery: 'email',
        send: (_to, link) => Promise.resolve(void links.push(link)),
        close: () => undefined,
      },
    });
    const { onB, user } = await signedUpOnBoth();
    await resetting.browser().api.auth.requestPasswordReset({ email: user.email });
    const token = new URL(links.at(-1) ?? 'http://x/').hash.replace('#token=', '');
    await resetting.browser().api.auth.resetPassword({ token, newPassword: NEW_PASSWORD });
    expect(await msUntilRefused(() => onB.api.auth.me())).toBeLessThan(1_000);
  });

  it('a session the cap ends on A is refused on B within 1 s', async () => {
    const capped = api.instance({ maxSessions: 2 });
    const first = capped.browser();
    const { email } = await first.api.auth.signUp({ email: uniqueEmail(), password: PASSWORD });
    const onB = b.browser();
    onB.jar.token = first.jar.token;
    await onB.api.auth.me();
    for (let i = 0; i < 2; i += 1) {
      await capped.browser().api.auth.signIn({ email, password: PASSWORD });
    }
    expect(await msUntilRefused(() => onB.api.auth.me())).toBeLessThan(1_000);
  });
});

describe('a remembered session is checked as the row would be', () => {
  it('still renews near its end, and still ends when its time is up', async () => {
    const clock = { at: Date.now() };
    const timed = api.instance({ now: () => new Date(clock.at) });
    const browser = timed.browser();
    await browser.api.auth.signUp({ email: uniqueEmail(), password: PASSWORD });
    const firstExpiry = browser.jar.expiresAt;
    await browser.api.auth.me();
    // Into the last 15 days: the next use renews, though the session is kept in memory.
    clock.at += SESSION_IDLE_MS - SESSION_RENEW_WITHIN_MS + DAY_MS;
    await browser.api.auth.me();
    expect(browser.jar.expiresAt?.getTime()).toBeGreaterThan(firstExpiry?.getTime() ?? 0);
    await browser.api.auth.me();
    // Unused past its renewed end: refused, memory or not.
    clock.at += SESSION_IDLE_MS + DAY_MS;
    expect(await browser.api.auth.me()).toBeNull();
  });
});

describe('while an instance cannot hear revocations', () => {
  it('keeps no session in memory, so it serves none it may have missed', async () => {
    const target = new URL(api.connectionString);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const viaProxy = new URL(api.connectionString);
    viaProxy.port = String(proxy.port);
    const connectionString = viaProxy.toString();
    const proxiedDb = createDb({ connectionString, onPoolError: () => undefined });
    try {
      const deaf = api.instance({ connection: { db: proxiedDb, connectionString } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { onA } = await signedUpOnBoth();
      const onDeaf = deaf.browser();
      onDeaf.jar.token = onA.jar.token;
      expect(await onDeaf.api.auth.me()).not.toBeNull();
      // Its database, and with it the LISTEN, goes away: the sign-out on A cannot reach it.
      proxy.cut();
      await onA.api.auth.signOut();
      expect(await msUntilRefused(() => onDeaf.api.auth.me())).toBeLessThan(1_000);
    } finally {
      proxy.restore();
      await proxiedDb.destroy();
      await proxy.close();
    }
  });
});

describe('places kept in memory, dropped on every instance when they change', () => {
  const milan = { name: 'Milan', latitude: 45.46, longitude: 9.19 };
  const oslo = { name: 'Oslo', latitude: 59.91, longitude: 10.75 };

  it('lists a user’s places again without a database round trip', async () => {
    const { onA, onB } = await signedUpOnBoth();
    await onA.api.places.add(milan);
    expect((await onB.api.places.list()).map((place) => place.name)).toEqual(['Milan']);
    // The add's NOTIFY may reach B after its first read, dropping what it kept: let it land.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await onB.api.places.list();
    bQueries = 0;
    expect((await onB.api.places.list()).map((place) => place.name)).toEqual(['Milan']);
    expect(bQueries).toBe(0);
  });

  it('shows an add, rename, reorder and removal on A on B within 1 s, and to the writer at once', async () => {
    const { onA, onB } = await signedUpOnBoth();
    const names = async (browser: typeof onB) =>
      (await browser.api.places.list()).map((place) => place.name).join(',');
    /** Ms until B lists `expected`, polling every 20 ms, at most 3 s. */
    async function msUntilB(expected: string): Promise<number> {
      const started = performance.now();
      while (performance.now() - started < 3_000) {
        if ((await names(onB)) === expected) return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return Number.POSITIVE_INFINITY;
    }
    expect(await names(onB)).toBe('');
    const first = await onA.api.places.add(milan);
    expect(await names(onA)).toBe('Milan');
    expect(await msUntilB('Milan')).toBeLessThan(1_000);
    const second = await onA.api.places.add(oslo);
    expect(await names(onA)).toBe('Milan,Oslo');
    expect(await msUntilB('Milan,Oslo')).toBeLessThan(1_000);
    await onA.api.places.rename({ id: first.id, name: 'Milano' });
    expect(await names(onA)).toBe('Milano,Oslo');
    expect(await msUntilB('Milano,Oslo')).toBeLessThan(1_000);
    await onA.api.places.reorder({ ids: [second.id, first.id] });
    expect(await names(onA)).toBe('Oslo,Milano');
    expect(await msUntilB('Oslo,Milano')).toBeLessThan(1_000);
    await onA.api.places.remove({ id: second.id });
    expect(await names(onA)).toBe('Milano');
    expect(await msUntilB('Milano')).toBeLessThan(1_000);
    // The start page's overview reads the same kept list.
    expect(
      (await onB.api.places.overview({ units: 'metric', windUnit: 'kmh' })).map((p) => p.name),
    ).toEqual(['Milano']);
  });

  it('never hands one user’s kept places to another', async () => {
    const first = await signedUpOnBoth();
    const second = await signedUpOnBoth();
    await first.onA.api.places.add(milan);
    await second.onA.api.places.add(oslo);
    expect((await first.onB.api.places.list()).map((place) => place.name)).toEqual(['Milan']);
    expect((await second.onB.api.places.list()).map((place) => place.name)).toEqual(['Oslo']);
    expect((await first.onB.api.places.list()).map((place) => place.name)).toEqual(['Milan']);
  });
});

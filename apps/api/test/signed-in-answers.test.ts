import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Services } from '@skycast/api';
import type { KyselyPlugin } from '@skycast/db';

import { startTestServer, type TestServer } from './test-server.ts';

// Two Skycast instances on one real PostgreSQL, as two processes behind a
// load balancer: A and B. Each keeps a signed-in user's `places.overview`
// as the bytes to send; these tests prove that what it keeps is never served
// stale to its owner, nor ever to anyone else.
const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'correct horse battery staple';
const OVERVIEW_INPUT = encodeURIComponent(JSON.stringify({ units: 'metric', windUnit: 'kmh' }));

let world: TestServer;
let a: Instance;
let b: Instance;

interface Instance {
  url: string;
  services: Services;
  /** How far this instance's services' clock is ahead of the real one. */
  clock: { offsetMs: number };
  queries: { count: number };
  /** The request log lines of answers sent from memory, as their request ids. */
  fromMemory: Set<string>;
}

/** Counts every statement an instance sends to PostgreSQL. */
function queryCounter(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args) {
      this.count++;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
}

async function startInstance(): Promise<Instance> {
  const queries = queryCounter();
  const fromMemory = new Set<string>();
  const log = {
    write(line: string) {
      const entry = JSON.parse(line) as { fromMemory?: boolean; req?: { id?: string } };
      if (entry.fromMemory && entry.req?.id) fromMemory.add(entry.req.id);
    },
  };
  const clock = { offsetMs: 0 };
  const { url, services } = await world.startWith(
    {
      db: world.db.withPlugin(queries),
      logger: pino({ level: 'silent' }),
      now: () => new Date(Date.now() + clock.offsetMs),
    },
    { publicOrigin: ORIGIN, logger: pino({ level: 'info' }, log) },
  );
  return { url, services, clock, queries, fromMemory };
}

/** True when the instance sent this answer from memory (its log line says so). */
const sentFromMemory = (instance: Instance, response: Response) =>
  instance.fromMemory.has(response.headers.get('x-request-id') ?? '');

beforeAll(async () => {
  world = await startTestServer();
  a = await startInstance();
  b = await startInstance();
  // Both instances' LISTEN connections in place before anything is kept.
  await new Promise((resolve) => setTimeout(resolve, 300));
});
afterAll(() => world.close());

/** A POST as the web app's batch link sends it; the one call's result data. */
async function post(url: string, procedure: string, input: unknown, cookie = '') {
  const response = await fetch(`${url}/trpc/${procedure}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
    body: JSON.stringify({ 0: input }),
  });
  expect(response.status, `${procedure} answered ${response.status}`).toBe(200);
  const [answer] = (await response.json()) as [{ result: { data: unknown } }];
  return { data: answer.result.data, setCookie: response.headers.getSetCookie() };
}

let counter = 0;
/** A new account with `places` saved places (signed up on A); its cookie works on both. */
async function userWithPlaces(places: number) {
  const signedUp = await post(a.url, 'auth.signUp', {
    email: `kept${++counter}@example.com`,
    password: PASSWORD,
  });
  const cookie = (signedUp.setCookie[0] ?? '').split(';')[0] ?? '';
  const ids: string[] = [];
  for (let index = 0; index < places; index++) {
    const { data } = await post(
      a.url,
      'places.add',
      { name: `Place ${counter}.${index}`, latitude: 40 + index, longitude: 10 + counter / 10 },
      cookie,
    );
    ids.push((data as { id: string }).id);
  }
  return { cookie, ids };
}

async function overview(url: string, cookie: string) {
  const response = await fetch(`${url}/trpc/places.overview?input=${OVERVIEW_INPUT}`, {
    headers: { cookie },
  });
  const body = Buffer.from(await response.arrayBuffer());
  return { response, body, status: response.status };
}

const placeNames = (body: Buffer) =>
  (JSON.parse(body.toString()) as { result: { data: { name: string }[] } }).result.data.map(
    (place) => place.name,
  );

/** Asks A and B until both have kept the overview (a repeat costs no query). */
async function keptOnBoth(cookie: string) {
  for (const instance of [a, b]) {
    await overview(instance.url, cookie);
    const again = await overview(instance.url, cookie);
    expect(sentFromMemory(instance, again.response)).toBe(true);
  }
}

/** How long until `check` holds, polling every 20 ms for at most 3 s. */
async function msUntil(check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 3_000) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.POSITIVE_INFINITY;
}

describe('a signed-in overview kept as bytes, per user', () => {
  it('answers again without a database query, byte for byte, with the answer policy of Express', async () => {
    const { cookie } = await userWithPlaces(3);
    const fromTrpc = await overview(a.url, cookie);
    expect(fromTrpc.status).toBe(200);
    const queries = a.queries.count;
    const kept = await overview(a.url, cookie);
    expect(kept.status).toBe(200);
    expect(sentFromMemory(a, fromTrpc.response)).toBe(false);
    expect(sentFromMemory(a, kept.response)).toBe(true);
    expect(a.queries.count).toBe(queries);
    expect(kept.body.equals(fromTrpc.body)).toBe(true);
    for (const header of [
      'cache-control',
      'content-security-policy',
      'x-content-type-options',
      'content-type',
      'etag',
      'vary',
    ]) {
      expect(kept.response.headers.get(header), header).toBe(fromTrpc.response.headers.get(header));
    }
    expect(kept.response.headers.get('cache-control')).toBe('private, no-store');
    expect(kept.response.headers.get('x-request-id')).toMatch(/^[\w.:-]+$/);
    expect(kept.response.headers.get('x-request-id')).not.toBe(
      fromTrpc.response.headers.get('x-request-id'),
    );
  });

  it('keeps the web app’s batch of one call as a form of its own, and leaves longer batches to tRPC', async () => {
    const { cookie } = await userWithPlaces(2);
    const batchOfOne = `${a.url}/trpc/places.overview?batch=1&input=${encodeURIComponent('{"0":{}}')}`;
    const get = async (url: string) => {
      const response = await fetch(url, { headers: { cookie, 'accept-language': 'de' } });
      return { response, body: Buffer.from(await response.arrayBuffer()) };
    };
    const fromTrpc = await get(batchOfOne);
    const kept = await get(batchOfOne);
    expect(sentFromMemory(a, fromTrpc.response)).toBe(false);
    expect(sentFromMemory(a, kept.response)).toBe(true);
    expect(kept.body.equals(fromTrpc.body)).toBe(true);
    const [call] = JSON.parse(kept.body.toString()) as [{ result: { data: unknown[] } }];
    expect(call.result.data).toHaveLength(2);

    const twoCalls = `${a.url}/trpc/places.overview,places.list?batch=1&input=${encodeURIComponent('{"0":{},"1":{}}')}`;
    await get(twoCalls);
    const again = await get(twoCalls);
    expect(again.response.status).toBe(200);
    expect(sentFromMemory(a, again.response)).toBe(false);
  });

  it('gives another user their own overview, never the one kept for someone else', async () => {
    const owner = await userWithPlaces(2);
    const other = await userWithPlaces(1);
    await keptOnBoth(owner.cookie);
    const ownerNames = placeNames((await overview(a.url, owner.cookie)).body);
    const otherNames = placeNames((await overview(a.url, other.cookie)).body);
    expect(otherNames).toHaveLength(1);
    expect(otherNames).not.toEqual(expect.arrayContaining(ownerNames));
    // Twice, so the second is the other user's own kept answer.
    expect(placeNames((await overview(a.url, other.cookie)).body)).toEqual(otherNames);
    expect(placeNames((await overview(a.url, owner.cookie)).body)).toEqual(ownerNames);
    // No cookie, or a made-up one, is not signed in.
    expect((await overview(a.url, '')).status).toBe(401);
    expect((await overview(a.url, `skycast_session=${'x'.repeat(43)}`)).status).toBe(401);
  });

  it('shows a place renamed on instance B on instance A within 1 s, and on B at once', async () => {
    const { cookie, ids } = await userWithPlaces(2);
    await keptOnBoth(cookie);
    await post(b.url, 'places.rename', { id: ids[0], name: 'Renamed on B' }, cookie);
    expect(placeNames((await overview(b.url, cookie)).body)[0]).toBe('Renamed on B');
    const ms = await msUntil(
      async () => placeNames((await overview(a.url, cookie)).body)[0] === 'Renamed on B',
    );
    expect(ms).toBeLessThan(1_000);
  });

  it('shows a place added or removed on A at once on A and within 1 s on B', async () => {
    const { cookie, ids } = await userWithPlaces(2);
    await keptOnBoth(cookie);
    await post(a.url, 'places.remove', { id: ids[1] }, cookie);
    expect(placeNames((await overview(a.url, cookie)).body)).toHaveLength(1);
    expect(
      await msUntil(async () => placeNames((await overview(b.url, cookie)).body).length === 1),
    ).toBeLessThan(1_000);
  });

  it('shows weather stored anew on instance A in the overview kept on B within 1 s', async () => {
    const { cookie } = await userWithPlaces(1);
    await keptOnBoth(cookie);
    const fetchedAt = (body: Buffer) =>
      (
        JSON.parse(body.toString()) as {
          result: {
            data: { latitude: number; longitude: number; weather: { fetchedAt: string } }[];
          };
        }
      ).result.data[0]!;
    const before = fetchedAt((await overview(b.url, cookie)).body);
    // Eleven minutes on for A's weather service: its copy is past fresh, so it refreshes.
    a.clock.offsetMs = 11 * 60_000;
    try {
      await a.services.weather.forecast(
        { latitude: before.latitude, longitude: before.longitude },
        { units: 'metric', windUnit: 'kmh' },
      );
      await a.services.settled();
    } finally {
      a.clock.offsetMs = 0;
    }
    const ms = await msUntil(
      async () =>
        fetchedAt((await overview(b.url, cookie)).body).weather.fetchedAt !==
        before.weather.fetchedAt,
    );
    expect(ms).toBeLessThan(1_000);
  });

  it('answers 401 on A within 1 s to a session signed out on B, and at once on B', async () => {
    const { cookie } = await userWithPlaces(1);
    await keptOnBoth(cookie);
    await post(b.url, 'auth.signOut', undefined, cookie);
    expect((await overview(b.url, cookie)).status).toBe(401);
    expect(await msUntil(async () => (await overview(a.url, cookie)).status === 401)).toBeLessThan(
      1_000,
    );
  });

  it('answers 401 everywhere within 1 s after signing out everywhere from another session', async () => {
    const { cookie } = await userWithPlaces(1);
    await keptOnBoth(cookie);
    // The same account signed in on B from another device, which then signs out everywhere.
    const email = `kept${counter}@example.com`;
    const signedIn = await post(b.url, 'auth.signIn', { email, password: PASSWORD });
    const otherDevice = (signedIn.setCookie[0] ?? '').split(';')[0] ?? '';
    await post(b.url, 'auth.signOutEverywhere', undefined, otherDevice);
    for (const instance of [a, b]) {
      expect(
        await msUntil(async () => (await overview(instance.url, cookie)).status === 401),
      ).toBeLessThan(1_000);
    }
  });

  it('never keeps preferences: a change on B is read on A at once', async () => {
    const { cookie } = await userWithPlaces(0);
    const read = async (url: string) => {
      const response = await fetch(`${url}/trpc/preferences.get`, { headers: { cookie } });
      return ((await response.json()) as { result: { data: { units: string } } }).result.data;
    };
    await read(a.url);
    await read(a.url);
    await post(b.url, 'preferences.update', { units: 'imperial' }, cookie);
    expect((await read(a.url)).units).toBe('imperial');
  });
});

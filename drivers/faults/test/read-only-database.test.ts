import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sql } from '@skycast/db';
import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { mutationRequest, queryRequest, signUp } from '../src/api-calls.ts';
import { send, type Outcome } from '../src/load.ts';
import { startRestartablePostgres, type RestartablePostgres } from '../src/postgres.ts';
import { startServerProcess, type ServerProcess } from '../src/server-process.ts';

// A failover to a replica, as the app sees it: the same PostgreSQL starts
// refusing every write (`default_transaction_read_only` for every session,
// reloaded into the open ones), then takes writes again.
const WARM = { latitude: 48.86, longitude: 2.35 };

let pg: RestartablePostgres;
let stub: WeatherStub;
let server: ServerProcess;
let cookie: string;

beforeAll(async () => {
  pg = await startRestartablePostgres();
  stub = await startWeatherStub();
  server = await startServerProcess({ databaseUrl: pg.databaseUrl, stubUrl: stub.url });
  const warm = queryRequest(server.url, 'weather.forecast', WARM);
  expect((await send(warm.url, warm.init)).status).toBe(200);
  cookie = await signUp(server.url);
  const add = mutationRequest(server.url, 'places.add', { name: 'Paris', ...WARM }, cookie);
  expect((await send(add.url, add.init)).status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
  await stub?.close();
  await pg?.destroy();
});

async function setReadOnly(on: boolean): Promise<void> {
  await (
    on
      ? sql`alter system set default_transaction_read_only = on`
      : sql`alter system reset default_transaction_read_only`
  ).execute(pg.admin);
  await sql`select pg_reload_conf()`.execute(pg.admin);
}

const json = (outcome: Outcome) => JSON.parse(outcome.body ?? 'null') as Record<string, unknown>;
const reasonOf = (outcome: Outcome) =>
  (json(outcome).error as { data?: { reason?: unknown } } | undefined)?.data?.reason;

async function get(url: string): Promise<Outcome> {
  return send(url);
}

/** The answer of `url` once it is `status`, within 10 s. */
async function once(url: string, status: number): Promise<Outcome> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const outcome = await get(url);
    if (outcome.status === status || Date.now() > deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectReadOnlyRefusal(outcome: Outcome): void {
  expect(outcome.status).toBe(503);
  expect(reasonOf(outcome)).toBe('DATABASE_READ_ONLY');
  expect(outcome.headers?.get('retry-after')).toBe('30');
  expect(outcome.headers?.get('cache-control')).not.toMatch(/public/);
}

describe('the database turning read-only (a failover replica)', () => {
  it('refuses writes with 503 and a reason, keeps reads, tells the balancer, and recovers', async () => {
    const logStart = server.logs().length;
    await setReadOnly(true);
    try {
      const writes = await once(`${server.url}/readyz/writes`, 503);
      expect(json(writes)).toEqual({ status: 'unavailable', reason: 'database read-only' });
      // Still ready: every instance shares the database, and reads work on all of them.
      const ready = await get(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(json(ready)).toEqual({
        status: 'ok',
        writes: 'refused',
        reason: 'database read-only',
      });

      const signUpCall = mutationRequest(server.url, 'auth.signUp', {
        email: `late-${crypto.randomUUID()}@example.com`,
        password: `${crypto.randomUUID()}-Kestrel-Harbour`,
      });
      expectReadOnlyRefusal(await send(signUpCall.url, signUpCall.init));
      const inGerman = await send(signUpCall.url, {
        ...signUpCall.init,
        headers: {
          ...(signUpCall.init.headers as Record<string, string>),
          'accept-language': 'de',
        },
      });
      expectReadOnlyRefusal(inGerman);
      expect((json(inGerman).error as { message: string }).message).toMatch(/Datenbank/);

      const signIn = mutationRequest(server.url, 'auth.signIn', {
        email: 'nobody@example.com',
        password: 'whatever-it-is-1234',
      });
      expectReadOnlyRefusal(await send(signIn.url, signIn.init));
      const add = mutationRequest(
        server.url,
        'places.add',
        { name: 'Oslo', latitude: 59.91, longitude: 10.75 },
        cookie,
      );
      expectReadOnlyRefusal(await send(add.url, add.init));
      const newPlace = queryRequest(server.url, 'weather.forecast', {
        latitude: -33.9,
        longitude: 18.4,
      });
      expectReadOnlyRefusal(await send(newPlace.url, newPlace.init));

      // Reads: a stored forecast, and the signed-in user's places.
      const warm = queryRequest(server.url, 'weather.forecast', WARM);
      expect((await send(warm.url, warm.init)).status).toBe(200);
      const list = await send(`${server.url}/trpc/places.list`, { headers: { cookie } });
      expect(list.status).toBe(200);
      expect(JSON.stringify(json(list))).toContain('Paris');

      // An instance started now (a deploy during the failover) comes up and serves reads.
      const late = await startServerProcess({ databaseUrl: pg.databaseUrl, stubUrl: stub.url });
      try {
        const lateWarm = queryRequest(late.url, 'weather.forecast', WARM);
        expect((await send(lateWarm.url, lateWarm.init)).status).toBe(200);
        expect((await get(`${late.url}/readyz/writes`)).status).toBe(503);
      } finally {
        await late.stop();
      }

      // Never a 500, and the refusals are logged once, then counted.
      const errors = server
        .logs()
        .slice(logStart)
        .filter((line) => (line.level ?? 0) >= 50);
      expect(errors).toEqual([]);
    } finally {
      await setReadOnly(false);
    }

    expect((await once(`${server.url}/readyz/writes`, 200)).status).toBe(200);
    const after = mutationRequest(
      server.url,
      'places.add',
      { name: 'Oslo', latitude: 59.91, longitude: 10.75 },
      cookie,
    );
    expect((await send(after.url, after.init)).status).toBe(200);
  });
});

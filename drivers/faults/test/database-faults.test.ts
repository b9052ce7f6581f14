import postgres from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sql } from '@skycast/db';
import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { mutationRequest, queryRequest, signUp } from '../src/api-calls.ts';
import { send, startLoad, tally, type Outcome } from '../src/load.ts';
import { startRestartablePostgres, type RestartablePostgres } from '../src/postgres.ts';
import { startServerProcess, type ServerProcess } from '../src/server-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WARM = { latitude: 48.86, longitude: 2.35 };

let pg: RestartablePostgres;
let stub: WeatherStub;
let server: ServerProcess;

beforeAll(async () => {
  pg = await startRestartablePostgres();
  stub = await startWeatherStub();
  server = await startServerProcess({
    databaseUrl: pg.databaseUrl,
    stubUrl: stub.url,
    // Short, so the faults below resolve quickly; the defaults are 2 s and 5 s.
    env: { DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_STATEMENT_TIMEOUT_MS: '1500' },
  });
  const warm = queryRequest(server.url, 'weather.forecast', WARM);
  expect((await send(warm.url, warm.init)).status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
  await stub?.close();
  await pg?.destroy();
});

const forecastLoad = (workers: number) =>
  startLoad({
    workers,
    pauseMs: 10,
    request: () => queryRequest(server.url, 'weather.forecast', WARM),
  });

/** A place nobody asked for yet: its forecast must be looked up in the database. */
const coldPlace = () => ({
  latitude: Math.round((Math.random() * 160 - 80) * 100) / 100,
  longitude: Math.round((Math.random() * 340 - 170) * 100) / 100,
});

/** Every answer was a 200 or a 503 that says why and when to try again; none went unanswered. */
function expectOnly200Or503(outcomes: readonly Outcome[]): void {
  const counts = tally(outcomes);
  expect(Object.keys(counts).filter((key) => key !== '200' && key !== '503')).toEqual([]);
  for (const outcome of outcomes.filter((o) => o.status === 503)) {
    expect(outcome.headers?.get('retry-after')).toMatch(/^\d+$/);
    expect(outcome.headers?.get('cache-control')).not.toMatch(/public/);
    expect(outcome.body).toMatch(/database/i);
    // The reason a client words it by, in the reader's language (the error catalogue).
    expect(outcome.body).toMatch(/"reason":"DATABASE_(UNAVAILABLE|BUSY|READ_ONLY)"/);
  }
}

/** Warnings and errors in the server's log: summarised, and never with a stack at `info`. */
function expectQuietLog(sinceLine: number): void {
  const lines = server.logs().slice(sinceLine);
  expect(
    lines.filter((line) => 'stack' in line || JSON.stringify(line).includes('"stack"')),
  ).toEqual([]);
  const loud = lines.filter((line) => (line.level ?? 0) >= 40);
  expect(loud.length).toBeLessThanOrEqual(40);
}

describe('PostgreSQL stopped and started again under load', () => {
  it('answers 503 (never 500), keeps running, writes nothing half, and is back within 2 s', async () => {
    const logStart = server.logs().length;
    const cookie = await signUp(server.url);
    const reads = forecastLoad(4);
    // Places never asked for: their lookup needs the database.
    const coldReads = startLoad({
      workers: 2,
      pauseMs: 50,
      request: () => queryRequest(server.url, 'weather.forecast', coldPlace()),
    });
    // Adds spread over before, during and after the outage, each a distinct place.
    const writes = startLoad({
      workers: 1,
      pauseMs: 120,
      maxRequests: 45,
      request: (n) =>
        mutationRequest(
          server.url,
          'places.add',
          { latitude: -40 + n / 10, longitude: 100 + n / 10, name: `Place ${n}` },
          cookie,
        ),
    });

    await sleep(600);
    await pg.stop();
    await sleep(2_500);
    await pg.start();
    const backAt = performance.now();
    await sleep(3_000);
    const readOutcomes = [...(await reads.stop()), ...(await coldReads.stop())];
    const writeOutcomes = await writes.stop();
    const everything = [...readOutcomes, ...writeOutcomes];

    expect(server.running).toBe(true);
    expectOnly200Or503(readOutcomes);
    expectOnly200Or503(writeOutcomes);
    // The outage was seen (stored forecasts may be served from memory meanwhile)…
    expect(tally(everything)['503']).toBeGreaterThan(0);
    // …and over within 2 s of PostgreSQL being back.
    const lateFailures = everything.filter((o) => o.started > backAt + 2_000 && o.status !== 200);
    expect(lateFailures).toEqual([]);

    // Every accepted add is stored exactly once; no refused one is.
    const listed = await send(`${server.url}/trpc/places.list`, { headers: { cookie } });
    expect(listed.status).toBe(200);
    const places = (
      JSON.parse(listed.body ?? '{}') as { result: { data: { name: string }[] } }
    ).result.data.map((place) => place.name);
    expect(new Set(places).size).toBe(places.length);
    const accepted = writeOutcomes
      .filter((outcome) => outcome.status === 200)
      .map((outcome) => `Place ${outcome.n}`);
    expect(accepted.length).toBeGreaterThan(0);
    expect(places.toSorted()).toEqual(accepted.toSorted());

    expectQuietLog(logStart);
  });
});

describe("PostgreSQL ending the app's connections (pg_terminate_backend)", () => {
  it('keeps running, answers 503 at worst, and listens for notifications again', async () => {
    const logStart = server.logs().length;
    const reads = forecastLoad(6);
    const terminate = () =>
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`.execute(pg.admin);
    for (let round = 0; round < 5; round++) {
      await sleep(300);
      await terminate();
    }
    const lastAt = performance.now();
    await sleep(2_000);
    const outcomes = await reads.stop();

    expect(server.running).toBe(true);
    expectOnly200Or503(outcomes);
    expect(outcomes.filter((o) => o.started > lastAt + 1_000 && o.status !== 200)).toEqual([]);
    // The LISTEN connections (cache refreshes, revoked sessions, changed places) were cut
    // too, and came back by themselves.
    await expect
      .poll(
        async () =>
          (
            await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and query ilike 'listen %'`.execute(pg.admin)
          ).rows[0]?.n,
        { timeout: 15_000, interval: 250 },
      )
      .toBe(3);
    expectQuietLog(logStart);
  });
});

describe('a table locked for longer than the statement timeout, with the pool saturated', () => {
  it('answers 503 within the budget instead of hanging, and /readyz never says unreachable', async () => {
    const logStart = server.logs().length;
    let unlock: () => void = () => undefined;
    const unlocked = new Promise<void>((resolve) => (unlock = resolve));
    let locked: () => void = () => undefined;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = pg.admin.transaction().execute(async (trx) => {
      await sql`lock table weather_cache in access exclusive mode`.execute(trx);
      locked();
      await unlocked;
    });
    await lockTaken;
    try {
      // 30 at once for a pool of 10: some wait on the lock, the rest for a connection.
      const burst = await Promise.all(
        Array.from({ length: 30 }, () => {
          const { url, init } = queryRequest(server.url, 'weather.forecast', coldPlace());
          return send(url, init);
        }),
      );
      expect(tally(burst)).toEqual({ '503': 30 });
      expectOnly200Or503(burst);
      // Statement timeout 1.5 s, connection wait 1 s: a bounded wait, not the lock's length.
      expect(Math.max(...burst.map((o) => o.ended - o.started))).toBeLessThan(15_000);

      // With the pool kept busy, a probe may get a connection or not; either
      // way readiness never calls a reachable database unreachable.
      const busy = startLoad({
        workers: 40,
        pauseMs: 10,
        request: () => queryRequest(server.url, 'weather.forecast', coldPlace()),
      });
      try {
        const verdicts: Outcome[] = [];
        for (let check = 0; check < 6; check++) verdicts.push(await send(`${server.url}/readyz`));
        for (const verdict of verdicts) {
          expect([
            '200 {"status":"ok"}',
            '503 {"status":"unavailable","reason":"database busy"}',
          ]).toContain(`${verdict.status} ${verdict.body}`);
        }
      } finally {
        expectOnly200Or503(await busy.stop());
      }
    } finally {
      unlock();
      await holder;
    }
    expect(server.running).toBe(true);
    const { url, init } = queryRequest(server.url, 'weather.forecast', WARM);
    expect((await send(url, init)).status).toBe(200);
    await expect
      .poll(async () => (await send(`${server.url}/readyz`)).status, { timeout: 10_000 })
      .toBe(200);
    expectQuietLog(logStart);
  });
});

describe('PostgreSQL out of connections (too many clients)', () => {
  it('answers 503 "busy", /readyz says "database busy", and recovers once slots free up', async () => {
    const logStart = server.logs().length;
    // Take every connection slot the server has, then cut the app's own
    // connections: each one it opens again is refused with "too many clients".
    const hogs: postgres.Client[] = [];
    const takeEverySlot = async () => {
      for (let i = 0; i < 120; i++) {
        const client = new postgres.Client({ connectionString: pg.databaseUrl });
        client.on('error', () => undefined);
        try {
          await client.connect();
          hogs.push(client);
        } catch (error) {
          expect((error as { code?: string }).code).toBe('53300');
          return;
        }
      }
    };
    try {
      await takeEverySlot();
      await hogs[0]?.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend'
         and pid <> all($1::int[])`,
        [hogs.map((client) => (client as unknown as { processID: number }).processID)],
      );
      // The slots the app's connections held are free now: take them too.
      await sleep(200);
      await takeEverySlot();
      // Let the pool see its idle connections go.
      await sleep(300);
      const { url, init } = queryRequest(server.url, 'weather.forecast', coldPlace());
      const refused = await send(url, init);
      expect(refused.status).toBe(503);
      expect(refused.body).toMatch(/too busy/);
      // Two checks in a row (each verdict is reused for 250 ms) turn it unready.
      const verdicts: string[] = [];
      await expect
        .poll(
          async () => {
            const verdict = await send(`${server.url}/readyz`);
            verdicts.push(`${verdict.status} ${verdict.body}`);
            return verdicts.at(-1);
          },
          { timeout: 10_000, interval: 300 },
        )
        .toBe('503 {"status":"unavailable","reason":"database busy"}');
      expect(verdicts.filter((verdict) => verdict.includes('not reachable'))).toEqual([]);
    } finally {
      await Promise.all(hogs.map((client) => client.end().catch(() => undefined)));
    }
    expect(server.running).toBe(true);
    await expect
      .poll(async () => (await send(`${server.url}/readyz`)).status, { timeout: 10_000 })
      .toBe(200);
    const { url, init } = queryRequest(server.url, 'weather.forecast', coldPlace());
    expect((await send(url, init)).status).toBe(200);
    expectQuietLog(logStart);
  });
});

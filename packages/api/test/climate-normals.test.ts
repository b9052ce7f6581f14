import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { sql } from '@skycast/db';
import { NORMALS_REQUESTS } from '@skycast/weather';

import { silentLogger } from '../src/logger.ts';
import { NORMALS_QUEUE } from '../src/normals/normals-jobs.ts';
import { cellOf, OPENS_BEFORE_FETCH, type NormalsCell } from '../src/normals/normals-service.ts';
import { seasonOf } from '../src/normals/season-precipitation.ts';
import { createPushSender } from '../src/watches/push-sender.ts';
import { startWatchQueue, type WatchQueue } from '../src/watches/watch-jobs.ts';
import { createTestApi, type TestApi } from './test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

/** The job queue (pg-boss) of a worker process beside an instance, fetching its normals. */
const queues: WatchQueue[] = [];
async function startQueue(services: TestApi['services']) {
  const queue = await startWatchQueue({
    db: api.db,
    connectionString: api.connectionString,
    weather: services.weather,
    push: createPushSender({ vapid: () => services.watches.vapid() }),
    logger: silentLogger,
    publicOrigin: 'https://skycast.example',
    intervalSeconds: 60,
    maxPerHour: 20,
    work: true,
    drainTimeoutMs: 5_000,
    normals: services.normals,
  });
  queues.push(queue);
  return queue;
}
// Each test's queues stop with it, so a later test's tight budget is not bypassed by a roomy one.
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.stop()));
});

const DECEMBER = { from: '2026-12-06', to: '2026-12-08' };

async function queueCell(latitude: number, longitude: number, timeZone: string) {
  const cell = cellOf(latitude, longitude);
  await api.db
    .insertInto('climateNormalCells')
    .values({
      cellLatitude: cell.latitude,
      cellLongitude: cell.longitude,
      timeZone,
      state: 'queued',
    })
    .execute();
  return cell;
}

async function cellRow(cell: NormalsCell) {
  return api.db
    .selectFrom('climateNormalCells')
    .select(['state', 'notBefore', 'lastError', 'claimedUntil'])
    .where('cellLatitude', '=', cell.latitude)
    .where('cellLongitude', '=', cell.longitude)
    .executeTakeFirstOrThrow();
}

/** The cell's jobs in pg-boss's own table: what every instance's workers would take. */
async function jobsOf(cell: NormalsCell) {
  const { rows } = await sql<{ state: string; startAfter: Date }>`
    select state, start_after as "startAfter" from pgboss.job
    where name = ${NORMALS_QUEUE} and singleton_key = ${`${cell.latitude}:${cell.longitude}`}
    order by created_on`.execute(api.db);
  return rows;
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const fetched = (cell: NormalsCell) =>
  until(async () => ((await cellRow(cell)).state === 'fetched' ? true : undefined));

describe('weather.normals', () => {
  it('says plainly that the normals are not fetched, then fetches them on the job queue once a place is opened often', async () => {
    await startQueue(api.services);
    const berlin = { latitude: 52.52, longitude: 13.41, ...DECEMBER };
    for (let open = 1; open < OPENS_BEFORE_FETCH; open++) {
      expect(await api.caller.weather.normals(berlin)).toEqual({
        status: 'not-fetched',
        reason: 'not-requested',
      });
    }
    api.stub.resetCalls();
    expect(await api.caller.weather.normals(berlin)).toMatchObject({ status: 'not-fetched' });
    await fetched(cellOf(berlin.latitude, berlin.longitude));
    expect(api.stub.calls('/v1/archive')).toBe(NORMALS_REQUESTS.length);

    api.stub.resetCalls();
    const normals = await api.caller.weather.normals(berlin);
    expect(api.stub.calls()).toBe(0);
    expect(normals).toMatchObject({
      status: 'fetched',
      source: 'ERA5-Land 1991–2020 reanalysis',
      recordsSince: 1950,
      simulated: true,
    });
    if (normals.status !== 'fetched') throw new Error('unreachable');
    expect(normals.days.map((day) => day.date)).toEqual(['2026-12-06', '2026-12-07', '2026-12-08']);
    for (const day of normals.days) {
      expect(day.highP10).toBeLessThan(day.highMean);
      expect(day.highP90).toBeGreaterThan(day.highMean);
      expect(day.recordHigh).toBeGreaterThanOrEqual(day.highP90);
      expect(day.recordLowYear).toBeGreaterThanOrEqual(1950);
    }
  });

  it('fetches a cell once when two instances with their own job queues both ask for it', async () => {
    const other = api.instance();
    await Promise.all([startQueue(api.services), startQueue(other.services)]);
    api.stub.resetCalls();
    const rome = { latitude: 41.9, longitude: 12.5 };
    await Promise.all([
      api.services.normals.placeSaved(rome.latitude, rome.longitude),
      other.services.normals.placeSaved(rome.latitude, rome.longitude),
      other.caller.weather.normals({ ...rome, ...DECEMBER }),
    ]);
    const cell = cellOf(rome.latitude, rome.longitude);
    await fetched(cell);
    // Whatever ran after the fetch found it done: no second round of archive calls.
    await until(async () =>
      (await jobsOf(cell)).every((job) => job.state === 'completed') ? true : undefined,
    );
    expect(api.stub.calls('/v1/archive')).toBe(NORMALS_REQUESTS.length);
    const rows = await api.db
      .selectFrom('climateNormals')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .executeTakeFirstOrThrow();
    expect(Number(rows.count)).toBe(366);
  });

  it('lets only one of two simultaneous runs of a cell claim its fetch', async () => {
    const cell = await queueCell(48.85, 2.35, 'Europe/Paris');
    const other = api.instance();
    api.stub.resetCalls();
    const outcomes = await Promise.all([
      api.services.normals.fetchCell(cell),
      other.services.normals.fetchCell(cell),
    ]);
    expect(outcomes.sort()).toEqual(['fetched', 'not-claimed']);
    expect(api.stub.calls('/v1/archive')).toBe(NORMALS_REQUESTS.length);
  });

  it('defers the job when the day’s Open-Meteo budget is close, to start after the window, leaving it to forecasts', async () => {
    const tight = api.instance({
      quotas: { 'open-meteo': [{ windowSeconds: 86_400, capacity: 400 }] },
    });
    await startQueue(tight.services);
    api.stub.resetCalls();
    const madrid = { latitude: 40.42, longitude: -3.7 };
    const cell = cellOf(madrid.latitude, madrid.longitude);
    await tight.services.normals.placeSaved(madrid.latitude, madrid.longitude);
    const row = await until(async () => {
      const now = await cellRow(cell);
      return now.state === 'queued' && now.lastError ? now : undefined;
    });
    expect(api.stub.calls('/v1/archive')).toBe(0);
    expect(row.lastError).toBe('waiting for the provider budget');
    expect(row.notBefore!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    // The next job waits in pg-boss until the window resets, not polling before.
    const waiting = await until(async () =>
      (await jobsOf(cell)).find((job) => job.state === 'created'),
    );
    expect(waiting.startAfter.getTime()).toBeGreaterThanOrEqual(row.notBefore!.getTime() - 1_000);
    // Run early by hand, it does not even claim the cell.
    expect(await tight.services.normals.fetchCell(cell)).toBe('not-claimed');
    expect(await tight.caller.weather.normals({ ...madrid, ...DECEMBER })).toEqual({
      status: 'not-fetched',
      reason: 'waiting-for-budget',
    });
    // The forecast still has its budget.
    const forecast = await tight.caller.weather.forecast(madrid);
    expect(forecast.current.temperature).toEqual(expect.any(Number));
  });

  it('backs a failing archive off: the cell’s next job starts after a growing delay, not at once', async () => {
    await startQueue(api.services);
    api.stub.setFault({ mode: 'error', status: 503, endpoints: ['/v1/archive'] });
    try {
      const cell = cellOf(59.33, 18.07);
      await api.services.normals.placeSaved(59.33, 18.07);
      const row = await until(async () => {
        const now = await cellRow(cell);
        return now.state === 'queued' && now.lastError ? now : undefined;
      });
      // One attempt: a minute times two.
      expect(row.notBefore!.getTime() - Date.now()).toBeGreaterThan(100_000);
      expect(row.notBefore!.getTime() - Date.now()).toBeLessThanOrEqual(120_000);
      const waiting = await until(async () =>
        (await jobsOf(cell)).find((job) => job.state === 'created'),
      );
      expect(waiting.startAfter.getTime()).toBeGreaterThanOrEqual(row.notBefore!.getTime() - 1_000);
    } finally {
      api.stub.setFault(null);
    }
  });

  it('drains on shutdown: a fetch waiting for a minute’s budget lets go of its cell at once', async () => {
    const starved = api.instance({
      quotas: { 'open-meteo': [{ windowSeconds: 60, capacity: 2 }] },
    });
    const queue = await startQueue(starved.services);
    const cell = cellOf(-41.29, 174.78);
    await starved.services.normals.placeSaved(-41.29, 174.78);
    await until(async () => ((await cellRow(cell)).state === 'fetching' ? true : undefined));
    const started = Date.now();
    await queue.stop();
    expect(Date.now() - started).toBeLessThan(4_000);
    const row = await cellRow(cell);
    expect(row.state).toBe('queued');
    expect(row.claimedUntil).toBeNull();
    expect(row.notBefore!.getTime()).toBeGreaterThan(Date.now());
  });

  it('queues a saved place’s cell at once, through places.add', async () => {
    await startQueue(api.services);
    const browser = api.browser();
    await browser.api.auth.signUp({
      email: 'normals@example.com',
      password: 'correct horse battery staple',
    });
    await browser.api.places.add({ name: 'Sydney', latitude: -33.87, longitude: 151.21 });
    await fetched(cellOf(-33.87, 151.21));
    const sydney = await api.caller.weather.normals({
      latitude: -33.87,
      longitude: 151.21,
      from: '2026-01-20',
      to: '2026-01-20',
    });
    expect(sydney.status).toBe('fetched');
  });

  it('refuses a reversed or too long date range without touching anything', async () => {
    await expect(
      api.caller.weather.normals({
        latitude: 1,
        longitude: 1,
        from: '2026-12-08',
        to: '2026-12-01',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api.caller.weather.normals({
        latitude: 1,
        longitude: 1,
        from: '2026-01-01',
        to: '2026-12-31',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const cells = await api.db
      .selectFrom('climateNormalCells')
      .select('state')
      .where('cellLatitude', '=', 10)
      .execute();
    expect(cells).toEqual([]);
  });

  it('sums this season’s precipitation against the normal for the same days, through the archive’s newest day, once per day', async () => {
    await startQueue(api.services);
    // 20 January in Sydney: southern summer, since 1 December; the archive reaches 15 January.
    const january = api.instance({ now: () => new Date('2026-01-20T03:00:00Z') });
    const sydney = { latitude: -33.86, longitude: 151.2 };
    const cell = cellOf(sydney.latitude, sydney.longitude);
    await january.services.normals.placeSaved(sydney.latitude, sydney.longitude);
    await fetched(cell);

    api.stub.resetCalls();
    const season = await january.caller.weather.seasonPrecipitation(sydney);
    expect(api.stub.calls('/v1/archive')).toBe(1);
    expect(season).toMatchObject({
      status: 'fetched',
      source: 'ERA5-Land 1991–2020 reanalysis',
      season: 'summer',
      seasonStart: '2025-12-01',
      through: '2026-01-15',
      days: 46,
    });
    if (season.status !== 'fetched') throw new Error('unreachable');
    // The same days straight from the archive, and the normals' means summed over them.
    const url = new URL('/v1/archive', api.stub.url);
    for (const [name, value] of Object.entries({
      latitude: '-33.9',
      longitude: '151.2',
      start_date: '2025-12-01',
      end_date: '2026-01-15',
      daily: 'precipitation_sum',
      models: 'era5_land',
      timezone: 'Australia/Sydney',
    }))
      url.searchParams.set(name, value);
    const archive = (await (await fetch(url)).json()) as { daily: { precipitation_sum: number[] } };
    const observed = archive.daily.precipitation_sum.reduce((sum, mm) => sum + mm, 0);
    expect(season.observed).toBeCloseTo(observed, 0);
    const normals = await api.db
      .selectFrom('climateNormals')
      .select((eb) => eb.fn.sum<number>('precipitationMean').as('total'))
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .where((eb) => eb.or([eb('dayOfYear', '>=', 335), eb('dayOfYear', '<=', 14)]))
      .executeTakeFirstOrThrow();
    expect(season.normal).toBeCloseTo(Number(normals.total), 0);
    expect(season.normal).toBeGreaterThan(0);

    // Asked again the same day: from the shared cache, no provider call.
    api.stub.resetCalls();
    await january.caller.weather.seasonPrecipitation(sydney);
    expect(api.stub.calls()).toBe(0);
  });

  it('asks the archive nothing for season precipitation until the normals are there, or before the season has archived days', async () => {
    api.stub.resetCalls();
    expect(await api.caller.weather.seasonPrecipitation({ latitude: 10, longitude: 10 })).toEqual({
      status: 'not-fetched',
    });
    // 3 March: spring began two days ago, and the archive is five days behind.
    const march = api.instance({ now: () => new Date('2026-03-03T12:00:00Z') });
    const lyon = { latitude: 45.76, longitude: 4.84 };
    expect(
      await march.services.normals.fetchCell(await queueCell(45.76, 4.84, 'Europe/Paris')),
    ).toBe('fetched');
    api.stub.resetCalls();
    expect(await march.caller.weather.seasonPrecipitation(lyon)).toEqual({
      status: 'not-yet',
      season: 'spring',
      seasonStart: '2026-03-01',
    });
    expect(api.stub.calls('/v1/archive')).toBe(0);
  });
});

describe('seasonOf', () => {
  it('names the meteorological season by hemisphere and starts it on the first of its month', () => {
    expect(seasonOf('2026-12-07', 52.5)).toEqual({ name: 'winter', start: '2026-12-01' });
    expect(seasonOf('2026-12-07', -33.9)).toEqual({ name: 'summer', start: '2026-12-01' });
    expect(seasonOf('2027-02-28', 52.5)).toEqual({ name: 'winter', start: '2026-12-01' });
    expect(seasonOf('2026-03-01', 52.5)).toEqual({ name: 'spring', start: '2026-03-01' });
    expect(seasonOf('2026-05-31', -1)).toEqual({ name: 'autumn', start: '2026-03-01' });
    expect(seasonOf('2026-08-15', -1)).toEqual({ name: 'winter', start: '2026-06-01' });
    expect(seasonOf('2026-11-30', 0)).toEqual({ name: 'autumn', start: '2026-09-01' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { NORMALS_REQUESTS } from '@skycast/weather';

import { cellOf, OPENS_BEFORE_FETCH } from '../src/normals/normals-service.ts';
import { createTestApi, type TestApi } from './test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

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

describe('weather.normals', () => {
  it('says plainly that the normals are not fetched, then fetches them once a place is opened often', async () => {
    const berlin = { latitude: 52.52, longitude: 13.41, ...DECEMBER };
    for (let open = 1; open < OPENS_BEFORE_FETCH; open++) {
      expect(await api.caller.weather.normals(berlin)).toEqual({
        status: 'not-fetched',
        reason: 'not-requested',
      });
    }
    api.stub.resetCalls();
    expect(await api.caller.weather.normals(berlin)).toMatchObject({ status: 'not-fetched' });
    await api.services.settled();
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

  it('fetches a cell once when two instances run its job at the same time', async () => {
    const cell = await queueCell(48.85, 2.35, 'Europe/Paris');
    const other = api.instance();
    api.stub.resetCalls();
    const outcomes = await Promise.all([
      api.services.normals.fetchCell(cell),
      other.services.normals.fetchCell(cell),
    ]);
    expect(outcomes.sort()).toEqual(['fetched', 'not-claimed']);
    expect(api.stub.calls('/v1/archive')).toBe(NORMALS_REQUESTS.length);
    const rows = await api.db
      .selectFrom('climateNormals')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .executeTakeFirstOrThrow();
    expect(Number(rows.count)).toBe(366);
  });

  it('defers the fetch when the day’s Open-Meteo budget is close, leaving it to forecasts', async () => {
    const tight = api.instance({
      quotas: { 'open-meteo': [{ windowSeconds: 86_400, capacity: 400 }] },
    });
    const cell = await queueCell(40.42, -3.7, 'Europe/Madrid');
    api.stub.resetCalls();
    expect(await tight.services.normals.fetchCell(cell)).toBe('deferred');
    expect(api.stub.calls('/v1/archive')).toBe(0);
    const row = await api.db
      .selectFrom('climateNormalCells')
      .select(['state', 'notBefore'])
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('queued');
    expect(row.notBefore!.getTime()).toBeGreaterThan(Date.now());
    // A second run before then does not even claim it.
    expect(await tight.services.normals.fetchCell(cell)).toBe('not-claimed');
    expect(
      await tight.caller.weather.normals({ latitude: 40.42, longitude: -3.7, ...DECEMBER }),
    ).toEqual({ status: 'not-fetched', reason: 'waiting-for-budget' });
    // The forecast still has its budget.
    const forecast = await tight.caller.weather.forecast({ latitude: 40.42, longitude: -3.7 });
    expect(forecast.current.temperature).toEqual(expect.any(Number));
  });

  it('queues a saved place’s cell at once, through places.add', async () => {
    const browser = api.browser();
    await browser.api.auth.signUp({
      email: 'normals@example.com',
      password: 'correct horse battery staple',
    });
    await browser.api.places.add({ name: 'Sydney', latitude: -33.87, longitude: 151.21 });
    await api.services.settled();
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
});

import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '@skycast/vitest-config/testing';

import { createTestApi, type TestApi } from './test-api.ts';

// weather.alerts on the real embedded PostgreSQL, the warning clients talking to
// the local provider over real HTTP (NWS GeoJSON, MeteoAlarm Atom + CAP, One Call).
const CHICAGO = { latitude: 41.85, longitude: -87.65 };
const BERLIN = { latitude: 52.52, longitude: 13.41 };
const LONDON = { latitude: 51.51, longitude: -0.13 };
const TOKYO = { latitude: 35.68, longitude: 139.69 };

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());
afterEach(() => api.stub.setFault(null));

const errorOf = (promise: Promise<unknown>) => rejectionOf(promise, TRPCError);

describe('weather.alerts', () => {
  it('answers the NWS warnings in the United States, most severe first, with their issuer', async () => {
    const report = await api.caller.weather.alerts(CHICAGO);
    expect(report).toMatchObject({ source: 'nws', stale: false, simulated: true });
    expect(report.alerts.map((alert) => [alert.event, alert.severity])).toEqual([
      ['Winter Storm Warning', 'severe'],
      ['Cold Weather Advisory', 'moderate'],
    ]);
    expect(report.alerts[0]).toMatchObject({
      sender: 'NWS Chicago IL',
      headline: 'Winter Storm Warning issued by NWS Chicago IL',
    });
  });

  it("answers MeteoAlarm's warnings in Europe, only those whose area holds the point", async () => {
    const report = await api.caller.weather.alerts(BERLIN);
    expect(report.source).toBe('meteoalarm');
    expect(report.alerts.map((alert) => alert.event)).toEqual(['storm gusts', 'frost']);
    expect(report.alerts[0]?.sender).toBe('Deutscher Wetterdienst');
  });

  it('answers an empty list for a covered place with none, and with no source where no service warns', async () => {
    expect(await api.caller.weather.alerts(LONDON)).toMatchObject({
      alerts: [],
      source: 'meteoalarm',
    });
    api.stub.resetCalls();
    expect(await api.caller.weather.alerts(TOKYO)).toMatchObject({ alerts: [], source: null });
    expect(api.stub.calls()).toBe(0);
  });

  it('asks the service once per ~1 km cell within 5 minutes and stores the list with that freshness', async () => {
    const denver = { latitude: 39.74, longitude: -104.99 };
    api.stub.resetCalls();
    const first = await api.caller.weather.alerts(denver);
    const nearby = await api.caller.weather.alerts({ latitude: 39.7402, longitude: -104.9899 });
    expect(api.stub.calls('/alerts/active')).toBe(1);
    expect(nearby.fetchedAt).toBe(first.fetchedAt);
    const row = await api.db
      .selectFrom('weatherCache')
      .selectAll()
      .where('provider', '=', 'nws')
      .where('resource', '=', 'alerts')
      .where('cacheKey', '=', '39.74,-104.99')
      .executeTakeFirstOrThrow();
    expect(row.freshUntil.getTime() - row.fetchedAt.getTime()).toBe(5 * 60_000);
  });

  it('makes one call for many concurrent requests, across two instances', async () => {
    const seattle = { latitude: 47.61, longitude: -122.33 };
    api.stub.resetCalls();
    // Slow enough that every request arrives while the first call is still out.
    api.stub.setFault({ mode: 'slow', delayMs: 300, endpoints: ['/alerts/active'] });
    const other = api.instance();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? other.caller : api.caller).weather.alerts(seattle),
      ),
    );
    expect(api.stub.calls('/alerts/active')).toBe(1);
    expect(new Set(answers.map((answer) => answer.fetchedAt)).size).toBe(1);
  });

  it('serves a stored list marked stale when the service fails later, without its expired warnings', async () => {
    let now = new Date();
    const { caller } = api.instance({ now: () => now });
    const miami = { latitude: 25.76, longitude: -80.19 };
    const fresh = await caller.weather.alerts(miami);
    expect(fresh.stale).toBe(false);
    now = new Date(now.getTime() + 2 * 3_600_000);
    api.stub.setFault({ mode: 'error', status: 503, endpoints: ['/alerts/active'] });
    const stale = await caller.weather.alerts(miami);
    expect(stale).toMatchObject({ stale: true, fetchedAt: fresh.fetchedAt, source: 'nws' });
  });

  it('drops warnings past their expiry as they are read', async () => {
    let now = new Date();
    const { caller } = api.instance({ now: () => now });
    expect((await caller.weather.alerts(CHICAGO)).alerts).toHaveLength(2);
    // The advisory ends 11 hours after the present hour, the storm warning 27 hours after.
    // The stub still lists both (its clock did not move); the answer leaves out the ended one.
    now = new Date(now.getTime() + 12 * 3_600_000);
    const later = await caller.weather.alerts(CHICAGO);
    expect(later.alerts.map((alert) => alert.event)).toEqual(['Winter Storm Warning']);
  });

  it('reads a list stored before unreadable warnings were counted as complete', async () => {
    const now = Date.now();
    await api.db
      .insertInto('weatherCache')
      .values({
        provider: 'meteoalarm',
        resource: 'alerts',
        cacheKey: '47.07,15.44',
        payload: JSON.stringify({ data: [], simulated: true }),
        fetchedAt: new Date(now),
        freshUntil: new Date(now + 60_000),
        staleUntil: new Date(now + 3_600_000),
      })
      .execute();
    api.stub.resetCalls();
    const graz = await api.instance().caller.weather.alerts({ latitude: 47.07, longitude: 15.44 });
    expect(graz).toMatchObject({ alerts: [], unreadable: 0, source: 'meteoalarm' });
    expect(api.stub.calls('/feeds/meteoalarm-legacy-atom')).toBe(0);
  });

  it.each([
    ['an upstream 500', 'BAD_GATEWAY', { mode: 'error' as const, status: 500 }],
    ['a cut-off feed', 'BAD_GATEWAY', { mode: 'malformed' as const }],
    ['a refused connection', 'BAD_GATEWAY', { mode: 'down' as const }],
    ['a 429', 'TOO_MANY_REQUESTS', { mode: 'rate-limit' as const, retryAfter: '120' }],
  ])('turns %s from MeteoAlarm into %s and stores nothing', async (_name, code, fault) => {
    api.stub.setFault(fault);
    const vienna = { latitude: 48.21, longitude: 16.37 };
    const error = await errorOf(api.instance().caller.weather.alerts(vienna));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/weather service|warning|try again/i);
    const stored = await api.db
      .selectFrom('weatherCache')
      .select('provider')
      .where('resource', '=', 'alerts')
      .where('cacheKey', '=', '48.21,16.37')
      .execute();
    expect(stored).toEqual([]);
  });

  it.each([
    ['latitude above 90', { latitude: 90.5, longitude: 0 }],
    ['longitude below -180', { latitude: 0, longitude: -181 }],
    ['NaN', { latitude: Number.NaN, longitude: 0 }],
    ['a string', { latitude: '41.85', longitude: -87.65 }],
    ['a missing field', { longitude: -87.65 }],
  ])('rejects %s with BAD_REQUEST naming the field', async (_name, input) => {
    // @ts-expect-error -- deliberately wrong inputs
    const error = await errorOf(api.caller.weather.alerts(input));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/latitude|longitude/i);
  });
});

describe('weather.alerts with OpenWeather One Call', () => {
  let oneCall: TestApi;
  beforeAll(async () => {
    oneCall = await createTestApi({ provider: 'openweather', oneCall: true });
  });
  afterAll(() => oneCall.close());

  it("answers One Call's alerts anywhere, with severity unknown", async () => {
    const report = await oneCall.caller.weather.alerts(CHICAGO);
    expect(report.source).toBe('openweather');
    // No severity to order by: the soonest first.
    expect(report.alerts.map((alert) => [alert.event, alert.severity])).toEqual([
      ['Cold Weather Advisory', 'unknown'],
      ['Winter Storm Warning', 'unknown'],
    ]);
    expect(oneCall.stub.calls('/data/3.0/onecall')).toBe(1);
    expect(oneCall.stub.calls('/alerts/active')).toBe(0);
  });
});

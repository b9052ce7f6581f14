import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { sql } from '@skycast/db';
import { localDateTime } from '@skycast/local-time';

import { silentLogger } from '../src/logger.ts';
import { createProviderGate } from '../src/weather/provider-gate.ts';
import {
  createRefreshCoordinator,
  parseNotification,
  type CacheKey,
} from '../src/weather/refresh-coordinator.ts';
import { createWeatherCache } from '../src/weather/weather-cache.ts';
import { FORECAST_FRESHNESS } from '../src/weather/weather-service.ts';
import { createTestApi, type TestApi } from './test-api.ts';

const MINUTE = 60_000;

let api: TestApi;
const clock = { now: new Date() };
beforeAll(async () => {
  api = await createTestApi({ now: () => clock.now });
});
afterAll(() => api.close());
afterEach(() => {
  api.stub.setFault(null);
  clock.now = new Date();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

describe('coalescing', () => {
  it('makes one provider call for 200 concurrent requests in one process', async () => {
    api.stub.resetCalls();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        api.caller.weather.forecast({ latitude: 41.9, longitude: 12.5 }),
      ),
    );
    expect(api.stub.calls('/v1/forecast')).toBe(1);
    expect(new Set(answers.map((answer) => answer.fetchedAt)).size).toBe(1);
  });

  it('makes one provider call for 200 concurrent requests spread over two instances', async () => {
    const other = api.instance();
    try {
      api.stub.setFault({ mode: 'slow', delayMs: 150 });
      api.stub.resetCalls();
      const place = { latitude: 59.33, longitude: 18.07 };
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 === 0 ? api.caller : other.caller).weather.forecast(place),
        ),
      );
      expect(api.stub.calls('/v1/forecast')).toBe(1);
      expect(new Set(answers.map((answer) => answer.fetchedAt)).size).toBe(1);
    } finally {
      api.stub.setFault(null);
    }
  });
});

describe('coalescing when one instance finishes just before another claims', () => {
  it('uses the entry the first stored between the second one’s read and its lease, instead of calling again', async () => {
    const key: CacheKey = { provider: 'open-meteo', resource: 'forecast', cacheKey: 'race' };
    let calls = 0;
    const request = {
      key,
      schema: z.object({ call: z.number() }),
      freshness: FORECAST_FRESHNESS,
      fetch: () => Promise.resolve({ call: ++calls }),
    };
    const parts = { db: api.db, logger: silentLogger };
    const gate = createProviderGate({ ...parts, quotas: {} });
    const coordinator = createRefreshCoordinator({
      ...parts,
      connectionString: api.connectionString,
    });
    try {
      const first = createWeatherCache({ ...parts, gate, coordinator });
      // The second instance has read "nothing stored"; before it claims the lease,
      // the first makes its whole refresh (claim, call, store, release).
      const second = createWeatherCache({
        ...parts,
        gate,
        coordinator: {
          ...coordinator,
          async claim(claimed) {
            await first.get(request);
            return coordinator.claim(claimed);
          },
        },
      });
      const answer = await second.get(request);
      expect(calls).toBe(1);
      expect(answer.value).toEqual({ call: 1 });
    } finally {
      await coordinator.close();
    }
  });
});

describe('views', () => {
  function viewCache(viewBytes?: number) {
    const parts = { db: api.db, logger: silentLogger };
    const gate = createProviderGate({ ...parts, quotas: {} });
    const coordinator = createRefreshCoordinator({
      ...parts,
      connectionString: api.connectionString,
    });
    // Whole entries are never kept in memory here (1 byte): only the views are.
    const cache = createWeatherCache({
      ...parts,
      gate,
      coordinator,
      memoryBytes: 1,
      ...(viewBytes === undefined ? {} : { viewBytes }),
      now: () => clock.now,
    });
    let calls = 0;
    let derived = 0;
    const key: CacheKey = {
      provider: 'open-meteo',
      resource: 'forecast',
      cacheKey: `view-${Math.random()}`,
    };
    const request = {
      key,
      schema: z.object({ call: z.number(), hours: z.array(z.number()) }),
      freshness: FORECAST_FRESHNESS,
      fetch: () => Promise.resolve({ call: ++calls, hours: [1, 2, 3, 4, 5, 6] }),
    };
    const view = {
      name: 'first-two',
      derive: (value: { call: number; hours: number[] }) => {
        derived++;
        return { call: value.call, hours: value.hours.slice(0, 2) };
      },
      bytes: () => 100,
    };
    const deleteStored = () =>
      api.db.deleteFrom('weatherCache').where('cacheKey', '=', key.cacheKey).execute();
    return {
      cache,
      request,
      view,
      deleteStored,
      counts: () => ({ calls, derived }),
      close: () => coordinator.close(),
    };
  }

  it('answers a fresh entry’s view from memory: no database read, no second derivation', async () => {
    const t = viewCache();
    try {
      expect((await t.cache.getView(t.request, t.view)).value).toEqual({ call: 1, hours: [1, 2] });
      // Gone from the database: a read would find nothing and call the provider again.
      await t.deleteStored();
      clock.now = new Date(Date.now() + 9 * MINUTE);
      expect((await t.cache.getView(t.request, t.view)).value).toEqual({ call: 1, hours: [1, 2] });
      expect(t.counts()).toEqual({ calls: 1, derived: 1 });
    } finally {
      await t.close();
    }
  });

  it('keeps a view only while its entry is fresh and young enough, as the whole entry', async () => {
    const t = viewCache();
    try {
      await t.cache.getView(t.request, t.view);
      // Past fresh: answered from storage at once (derived again), refreshed once behind.
      clock.now = new Date(Date.now() + 11 * MINUTE);
      const revalidated = await t.cache.getView(t.request, t.view);
      expect(revalidated.value.call).toBe(1);
      await t.cache.settled();
      expect(t.counts()).toEqual({ calls: 2, derived: 2 });
      // The refreshed entry's view, not the older one's.
      expect((await t.cache.getView(t.request, t.view)).value.call).toBe(2);
      // An entry older than the request's maxAgeMs is refreshed first, view and all.
      clock.now = new Date(clock.now.getTime() + MINUTE);
      const young = await t.cache.getView({ ...t.request, maxAgeMs: 30_000 }, t.view);
      expect(young.value.call).toBe(3);
      expect(t.counts().calls).toBe(3);
    } finally {
      await t.close();
    }
  });

  it('keeps no more views than its byte budget: the least recent is derived again from storage', async () => {
    // Room for one view of 100 bytes, not two.
    const t = viewCache(150);
    const other = {
      ...t.request,
      key: { ...t.request.key, cacheKey: `${t.request.key.cacheKey}-b` },
    };
    try {
      await t.cache.getView(t.request, t.view);
      await t.cache.getView(other, t.view);
      expect(t.counts()).toEqual({ calls: 2, derived: 2 });
      // The second pushed the first out: read from PostgreSQL (no provider call) and derived again.
      await t.cache.getView(t.request, t.view);
      expect(t.counts()).toEqual({ calls: 2, derived: 3 });
      // The first is now the one kept.
      await t.cache.getView(t.request, t.view);
      expect(t.counts()).toEqual({ calls: 2, derived: 3 });
    } finally {
      await api.db.deleteFrom('weatherCache').where('cacheKey', '=', other.key.cacheKey).execute();
      await t.close();
    }
  });
});

describe('refresh notifications', () => {
  it('reads the entry and the stored time from a notification, the last @ separating them', () => {
    expect(parseNotification('open-meteo|geocoding|a@b@1765000000000')).toEqual({
      id: 'open-meteo|geocoding|a@b',
      storedAt: new Date(1765000000000),
    });
  });

  it('reads no stored time from a lease given up with nothing stored, or from a payload with none', () => {
    expect(parseNotification('open-meteo|forecast|52.52,13.41@')).toEqual({
      id: 'open-meteo|forecast|52.52,13.41',
      storedAt: undefined,
    });
    expect(parseNotification('no-time')).toEqual({ id: 'no-time', storedAt: undefined });
    expect(parseNotification('x@12a').storedAt).toBeUndefined();
  });
});

describe('leases', () => {
  const parts = () => ({ db: api.db, logger: silentLogger });

  it('renews a lease while its holder works, so a slow refresh is not taken over', async () => {
    const key: CacheKey = { provider: 'open-meteo', resource: 'forecast', cacheKey: 'renewed' };
    const holder = createRefreshCoordinator({
      ...parts(),
      connectionString: api.connectionString,
      leaseMs: 600,
    });
    const rival = createRefreshCoordinator({
      ...parts(),
      connectionString: api.connectionString,
      leaseMs: 600,
    });
    try {
      expect(await holder.claim(key)).toBe(true);
      // Three lease lengths later the holder still has it: it was renewed.
      await new Promise((resolve) => setTimeout(resolve, 1_800));
      expect(await rival.claim(key)).toBe(false);
      await holder.release(key);
      expect(await rival.claim(key)).toBe(true);
      await rival.release(key);
    } finally {
      await holder.close();
      await rival.close();
    }
  });

  it("takes over a dead instance's lease once it expires and fetches, instead of failing", async () => {
    const key: CacheKey = { provider: 'open-meteo', resource: 'forecast', cacheKey: 'orphaned' };
    // What a holder killed with -9 leaves behind: a lease nobody renews or releases.
    await api.db
      .insertInto('refreshLeases')
      .values({ ...key, owner: 'dead-instance', expiresAt: sql`now() + interval '1 second'` })
      .execute();
    let calls = 0;
    const gate = createProviderGate({ ...parts(), quotas: {} });
    const coordinator = createRefreshCoordinator({
      ...parts(),
      connectionString: api.connectionString,
      leaseMs: 1_000,
    });
    try {
      const cache = createWeatherCache({ ...parts(), gate, coordinator, waitForPeerMs: 5_000 });
      const answer = await cache.get({
        key,
        schema: z.object({ call: z.number() }),
        freshness: FORECAST_FRESHNESS,
        fetch: () => Promise.resolve({ call: ++calls }),
      });
      expect(answer).toMatchObject({ value: { call: 1 }, stale: false });
      const lease = await api.db
        .selectFrom('refreshLeases')
        .select('owner')
        .where('cacheKey', '=', key.cacheKey)
        .executeTakeFirst();
      // Released after the takeover: nothing left blocking the next refresh.
      expect(lease).toBeUndefined();
    } finally {
      await coordinator.close();
    }
  });
});

describe('freshness', () => {
  it('answers at once from storage after 10 minutes and refreshes exactly once behind', async () => {
    const place = { latitude: 45.46, longitude: 9.19 };
    const first = await api.caller.weather.forecast(place);
    api.stub.resetCalls();
    clock.now = new Date(Date.now() + 11 * MINUTE);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.caller.weather.forecast(place)),
    );
    expect(answers.every((answer) => answer.fetchedAt === first.fetchedAt && !answer.stale)).toBe(
      true,
    );
    await api.services.settled();
    expect(api.stub.calls('/v1/forecast')).toBe(1);
    const refreshed = await api.caller.weather.forecast(place);
    expect(refreshed.fetchedAt).toBe(clock.now.toISOString());
    expect(api.stub.calls('/v1/forecast')).toBe(1);
  });

  it('never offers an hour already gone as the coming one, however late a stored forecast is served', async () => {
    const place = { latitude: 48.21, longitude: 16.37 };
    const first = await api.caller.weather.forecast(place);
    // Just past the next full hour: still within the hour a stored answer is served as it is.
    clock.now = new Date(Math.ceil(Date.now() / (60 * MINUTE)) * 60 * MINUTE + MINUTE);
    const later = await api.caller.weather.forecast(place);
    const presentHour = localDateTime('Europe/Vienna', clock.now.getTime()).slice(0, 13);
    expect(later.hourly[0]?.time.slice(0, 13)).toBe(presentHour);
    expect(later.hourly[0]!.time > first.hourly[0]!.time).toBe(true);
    expect(later.daily[0]?.date).toBe(presentHour.slice(0, 10));
  });

  it.each([
    ['times out', { mode: 'slow' as const, delayMs: 3_000 }],
    ['answers 5xx', { mode: 'error' as const, status: 502 }],
    ['sends a malformed body', { mode: 'malformed' as const }],
  ])(
    'serves stored data marked stale when the provider %s, with "now" from the hourly series',
    async (_name, fault) => {
      const place = { latitude: 50.08, longitude: 14.44 };
      const fresh = await api.caller.weather.forecast(place);
      clock.now = new Date(Date.now() + 3 * 60 * MINUTE);
      api.stub.setFault(fault);
      // A short timeout here only, so that other tests pass on a loaded machine.
      const impatient = api.instance({ timeoutMs: 300 });
      const stale = await impatient.caller.weather.forecast(place);
      expect(stale.stale).toBe(true);
      expect(stale.fetchedAt).toBe(fresh.fetchedAt);
      expect(stale.current.time > fresh.current.time).toBe(true);
      const sameHour = fresh.hourly.find((hour) => hour.time === stale.current.time);
      expect(stale.current.temperature).toBe(sameHour?.temperature);
      expect(stale.hourly[0]?.time).toBe(stale.current.time);
    },
  );
});

describe('resilience', () => {
  it('retries a 5xx at most 3 times in all, and a 4xx not at all', async () => {
    api.stub.setFault({ mode: 'error', status: 503 });
    api.stub.resetCalls();
    expect(await codeOf(api.caller.weather.forecast({ latitude: 10, longitude: 10 }))).toBe(
      'BAD_GATEWAY',
    );
    expect(api.stub.calls('/v1/forecast')).toBe(3);

    api.stub.setFault({ mode: 'bad-request' });
    api.stub.resetCalls();
    expect(await codeOf(api.caller.weather.forecast({ latitude: 10, longitude: 11 }))).toBe(
      'BAD_GATEWAY',
    );
    expect(api.stub.calls('/v1/forecast')).toBe(1);
  });

  it('opens the circuit after repeated failures and stops calling the provider', async () => {
    const guarded = api.instance({ resilience: { retryDelayMs: 10, breakerThreshold: 3 } });
    try {
      api.stub.setFault({ mode: 'error', status: 500 });
      await codeOf(guarded.caller.weather.forecast({ latitude: 20, longitude: 20 }));
      api.stub.resetCalls();
      expect(await codeOf(guarded.caller.weather.forecast({ latitude: 20, longitude: 21 }))).toBe(
        'SERVICE_UNAVAILABLE',
      );
      expect(api.stub.calls()).toBe(0);
    } finally {
      api.stub.setFault(null);
    }
  });

  it.each([
    ['seconds', '120'],
    ['an HTTP date', new Date(Date.now() + 120_000).toUTCString()],
  ])('honours 429 + Retry-After given in %s across instances', async (_form, retryAfter) => {
    const other = api.instance();
    try {
      const stored = await api.caller.weather.forecast({ latitude: 30, longitude: 31 });
      api.stub.setFault({ mode: 'rate-limit', retryAfter });
      expect(await codeOf(api.caller.weather.forecast({ latitude: 30, longitude: 30 }))).toBe(
        'TOO_MANY_REQUESTS',
      );
      api.stub.setFault(null);
      api.stub.resetCalls();
      // The other instance does not call either, though the provider would answer now.
      expect(await codeOf(other.caller.weather.forecast({ latitude: 30, longitude: 32 }))).toBe(
        'TOO_MANY_REQUESTS',
      );
      // With stored data it serves that, marked stale, instead of an error.
      clock.now = new Date(Date.now() + 2 * 60 * MINUTE);
      const stale = await other.caller.weather.forecast({ latitude: 30, longitude: 31 });
      expect(stale.stale).toBe(true);
      expect(stale.fetchedAt).toBe(stored.fetchedAt);
      expect(api.stub.calls()).toBe(0);
    } finally {
      await api.db.deleteFrom('providerBlocks').execute();
    }
  });

  it('shares one call budget between instances', async () => {
    // Four calls, one of them kept for clients' first places: callers without
    // an address get the other three.
    const quotas = { 'open-meteo': [{ windowSeconds: 3_600, capacity: 4 }] };
    const a = api.instance({ quotas });
    const b = api.instance({ quotas });
    try {
      api.stub.resetCalls();
      const outcomes = [];
      for (let i = 0; i < 6; i++) {
        const caller = (i % 2 === 0 ? a : b).caller;
        outcomes.push(
          await caller.weather.forecast({ latitude: -10 - i, longitude: -10 }).then(
            () => 'ok',
            (error: unknown) => (error as TRPCError).code,
          ),
        );
      }
      expect(api.stub.calls('/v1/forecast')).toBe(3);
      expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(3);
      expect(outcomes.filter((outcome) => outcome === 'TOO_MANY_REQUESTS')).toHaveLength(3);
    } finally {
      await api.db.deleteFrom('rateLimits').where('key', 'like', 'quota%').execute();
    }
  });
});

describe('units', () => {
  it('converts server-side and says which units it used', async () => {
    const place = { latitude: 64.15, longitude: -21.94 };
    const metric = await api.caller.weather.forecast(place);
    const imperial = await api.caller.weather.forecast({
      ...place,
      units: 'imperial',
      windUnit: 'kn',
    });
    expect(imperial.units).toMatchObject({
      temperature: '°F',
      windSpeed: 'kn',
      precipitation: 'inch',
    });
    expect(imperial.current.temperature).toBeCloseTo((metric.current.temperature * 9) / 5 + 32, 0);
    expect(imperial.current.windSpeed).toBeCloseTo(metric.current.windSpeed / 1.852, 0);
    expect(imperial.fetchedAt).toBe(metric.fetchedAt);
  });
});

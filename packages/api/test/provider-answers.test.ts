import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Fault } from '@skycast/weather-stub';

import { cellOf } from '../src/weather/weather-service.ts';
import { createTestApi, type TestApi } from './test-api.ts';

// Attacks through the provider: answers that cannot be true, too big, or
// asking us to stop calling for decades. The local provider does the lying
// over real HTTP; the database is the real one.
const HOUR = 3_600_000;

let api: TestApi;
const clock = { now: new Date() };
beforeAll(async () => {
  api = await createTestApi({ now: () => clock.now });
});
afterAll(() => api.close());
afterEach(async () => {
  api.stub.setFault(null);
  clock.now = new Date();
  await api.db.deleteFrom('providerBlocks').execute();
});

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const storedRows = (place: { latitude: number; longitude: number }) =>
  api.db
    .selectFrom('weatherCache')
    .select(['fetchedAt', 'payload'])
    .where('resource', '=', 'forecast')
    .where('cacheKey', '=', cellOf(place).key)
    .execute();

const LIES: [string, Fault][] = [
  ['a weather code of 150', { mode: 'out-of-range', variable: 'weather_code', value: '150' }],
  [
    'a temperature of 1e400 (Infinity)',
    { mode: 'out-of-range', variable: 'temperature_2m', value: '1e400' },
  ],
  ['a temperature of 300 °C', { mode: 'out-of-range', variable: 'temperature_2m', value: '300' }],
  ['times that are all a week old', { mode: 'time-shift' }],
  ['a 50 MB body', { mode: 'oversized' }],
];

describe('a provider answer that cannot be true, or is too big', () => {
  let n = 0;
  // Each case its own new place, so no stored answer hides the lie.
  const nextPlace = () => ({ latitude: -20 - ++n, longitude: 140 });

  it.each(LIES)(
    'with %s is a provider error (502), stores nothing, and the place works once the provider is right',
    async (_name, fault) => {
      const place = nextPlace();
      api.stub.setFault(fault);
      const error = await errorOf(api.caller.weather.forecast(place));
      expect(error.code).toBe('BAD_GATEWAY');
      expect(error.message).toMatch(/weather service/i);
      expect(await storedRows(place)).toEqual([]);

      api.stub.setFault(null);
      const forecast = await api.caller.weather.forecast(place);
      expect(forecast.stale).toBe(false);
      expect(forecast.current.weatherCode).toBeLessThanOrEqual(99);
      expect(Number.isFinite(forecast.current.temperature)).toBe(true);
      expect(await storedRows(place)).toHaveLength(1);
    },
  );

  it.each(LIES)(
    'with %s serves the stored answer marked stale, and leaves it as it was',
    async (_name, fault) => {
      const place = nextPlace();
      const fresh = await api.caller.weather.forecast(place);
      const [before] = await storedRows(place);
      // Two hours on: past the time a stored answer is served without asking.
      clock.now = new Date(Date.now() + 2 * HOUR);
      api.stub.setFault(fault);
      const stale = await api.caller.weather.forecast(place);
      expect(stale.stale).toBe(true);
      expect(stale.fetchedAt).toBe(fresh.fetchedAt);
      expect(await storedRows(place)).toEqual([before]);
    },
  );

  it('reads a lie stored by an older release as absent, and fetches the place anew', async () => {
    const place = nextPlace();
    await api.caller.weather.forecast(place);
    const [row] = await storedRows(place);
    const payload = row!.payload as { data: { current: { temperature: number } } };
    payload.data.current.temperature = 300;
    await api.db
      .updateTable('weatherCache')
      .set({ payload: JSON.stringify(payload) })
      .where('resource', '=', 'forecast')
      .where('cacheKey', '=', cellOf(place).key)
      .execute();
    // Another instance: the lie is not in its memory, only in the table.
    api.stub.resetCalls();
    const forecast = await api.instance().caller.weather.forecast(place);
    expect(forecast.current.temperature).toBeLessThan(70);
    expect(api.stub.calls('/v1/forecast')).toBe(1);
  });

  it('keeps a list of places whole but the lying one: null for it, the others answered', async () => {
    const good = nextPlace();
    await api.caller.weather.forecast(good);
    api.stub.setFault({ mode: 'out-of-range', value: '150' });
    const [first, second] = await api.caller.weather.summaries({
      places: [good, nextPlace()],
    });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });
});

describe('Retry-After from a 429', () => {
  const blockedUntil = async () =>
    (await api.db.selectFrom('providerBlocks').select('blockedUntil').executeTakeFirstOrThrow())
      .blockedUntil;

  it.each(['999999999', 'Fri, 31 Dec 9999 23:59:59 GMT'])(
    '%s pauses calls for an hour at most, and users are told a sane wait',
    async (retryAfter) => {
      api.stub.setFault({ mode: 'rate-limit', retryAfter });
      const error = await errorOf(api.caller.weather.forecast({ latitude: 1, longitude: 1 }));
      expect(error.code).toBe('TOO_MANY_REQUESTS');
      expect(error.message).toMatch(/try again in (60|59) minutes/);
      expect((await blockedUntil()).getTime()).toBeLessThanOrEqual(Date.now() + HOUR);

      // The next user, on any instance, gets the same sane words.
      api.stub.setFault(null);
      const next = await errorOf(
        api.instance().caller.weather.forecast({ latitude: 2, longitude: 2 }),
      );
      expect(next.message).toMatch(/try again in (60|59) minutes/);
    },
  );

  it('pauses no longer than the longest window of the provider’s budget', async () => {
    const { caller } = api.instance({
      quotas: {
        'open-meteo': [
          { windowSeconds: 60, capacity: 1_000 },
          { windowSeconds: 300, capacity: 1_000 },
        ],
      },
    });
    api.stub.setFault({ mode: 'rate-limit', retryAfter: '999999999' });
    const error = await errorOf(caller.weather.forecast({ latitude: 3, longitude: 3 }));
    expect(error.message).toMatch(/try again in 5 minutes/);
    expect((await blockedUntil()).getTime()).toBeLessThanOrEqual(Date.now() + 300_000);
  });

  it('ignores a pause far in the future left by an older release, and shortens it on the next 429', async () => {
    await api.db
      .insertInto('providerBlocks')
      .values({ provider: 'open-meteo', blockedUntil: new Date('2058-01-01'), reason: 'HTTP 429' })
      .execute();
    api.stub.resetCalls();
    const forecast = await api.caller.weather.forecast({ latitude: 4, longitude: 4 });
    expect(forecast.stale).toBe(false);
    expect(api.stub.calls('/v1/forecast')).toBe(1);

    api.stub.setFault({ mode: 'rate-limit', retryAfter: '120' });
    await errorOf(api.caller.weather.forecast({ latitude: 5, longitude: 5 }));
    expect((await blockedUntil()).getTime()).toBeLessThanOrEqual(Date.now() + HOUR);
  });
});

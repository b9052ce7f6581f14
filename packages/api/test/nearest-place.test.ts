import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createTestApi, type TestApi } from './test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());
afterEach(() => api.stub.setFault(null));

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe('weather.nearestPlace (reverse geocoding through Nominatim)', () => {
  it('names the town at a point in the language asked for, with its region, country and zone', async () => {
    const munich = { latitude: 48.14, longitude: 11.58 };
    expect(await api.caller.weather.nearestPlace({ ...munich, language: 'de' })).toMatchObject({
      name: 'München',
      admin1: 'Bavaria',
      country: 'Germany',
      countryCode: 'DE',
      timezone: 'Europe/Berlin',
    });
    expect(await api.caller.weather.nearestPlace(munich)).toMatchObject({ name: 'Munich' });
  });

  it('answers null where no place is near, such as the open Atlantic', async () => {
    expect(await api.caller.weather.nearestPlace({ latitude: 30, longitude: -40 })).toBeNull();
  });

  it('asks the service once per ~1 km cell and language, and keeps the answer in PostgreSQL', async () => {
    api.stub.resetCalls();
    const near = { latitude: 59.3293, longitude: 18.0687, language: 'fr' as const };
    const first = await api.caller.weather.nearestPlace(near);
    const again = await api.caller.weather.nearestPlace({ ...near, latitude: 59.3301 });
    expect(again).toEqual(first);
    expect(first?.name).toBe('Stockholm');
    expect(api.stub.calls('/reverse')).toBe(1);
    const row = await api.db
      .selectFrom('weatherCache')
      .selectAll()
      .where('provider', '=', 'nominatim')
      .where('resource', '=', 'geocoding')
      .where('cacheKey', '=', 'reverse:fr:59.33,18.07')
      .executeTakeFirstOrThrow();
    expect(row.freshUntil.getTime() - row.fetchedAt.getTime()).toBe(7 * 24 * 3_600_000);
  });

  it('stays within the service’s own call budget, shared by instances', async () => {
    const strict = api.instance({ quotas: { nominatim: [{ windowSeconds: 60, capacity: 1 }] } });
    api.stub.resetCalls();
    await strict.caller.weather.nearestPlace({ latitude: 60.17, longitude: 24.94 });
    const error = await errorOf(
      strict.caller.weather.nearestPlace({ latitude: 64.14, longitude: -21.9 }),
    );
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(api.stub.calls('/reverse')).toBe(1);
  });

  it('turns a failing service into BAD_GATEWAY and stores nothing', async () => {
    api.stub.setFault({ mode: 'error', status: 500, endpoints: ['/reverse'] });
    const error = await errorOf(
      api.caller.weather.nearestPlace({ latitude: 55.68, longitude: 12.57 }),
    );
    expect(error.code).toBe('BAD_GATEWAY');
    const rows = await api.db
      .selectFrom('weatherCache')
      .select('cacheKey')
      .where('cacheKey', '=', 'reverse:en:55.68,12.57')
      .execute();
    expect(rows).toEqual([]);
  });

  it.each([
    ['a latitude off the globe', { latitude: 91, longitude: 0 }],
    ['a longitude off the globe', { latitude: 0, longitude: -181 }],
    ['a language Skycast does not speak', { latitude: 0, longitude: 0, language: 'xx' }],
  ])('rejects %s with BAD_REQUEST', async (_name, input) => {
    const error = await errorOf(api.caller.weather.nearestPlace(input as never));
    expect(error.code).toBe('BAD_REQUEST');
  });
});

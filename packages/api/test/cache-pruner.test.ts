import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@skycast/db/testing';

import { pruneWeatherCache } from '../src/weather/cache-pruner.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(inject('databaseAdminUrl'));
});
afterAll(() => testDb.destroy());

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

function entry(cacheKey: string, fetchedHoursAgo: number, usableForHours: number) {
  return {
    provider: 'open-meteo',
    resource: 'forecast' as const,
    cacheKey,
    payload: '{}',
    fetchedAt: hoursFromNow(-fetchedHoursAgo),
    freshUntil: hoursFromNow(-fetchedHoursAgo),
    staleUntil: hoursFromNow(usableForHours - fetchedHoursAgo),
  };
}

describe('pruneWeatherCache', () => {
  it('deletes entries past their usable life and expired leases', async () => {
    await testDb.db
      .insertInto('weatherCache')
      .values([entry('old', 30, 24), entry('recent', 1, 24)])
      .execute();
    await testDb.db
      .insertInto('refreshLeases')
      .values([
        {
          provider: 'open-meteo',
          resource: 'forecast',
          cacheKey: 'a',
          owner: 'x',
          expiresAt: hoursFromNow(-1),
        },
        {
          provider: 'open-meteo',
          resource: 'forecast',
          cacheKey: 'b',
          owner: 'y',
          expiresAt: hoursFromNow(1),
        },
      ])
      .execute();

    await testDb.db
      .insertInto('rateLimits')
      .values([
        { key: 'sign-in:ip:203.0.113.1', points: 3, expire: Date.now() - 1_000 },
        { key: 'sign-in:ip:203.0.113.2', points: 3, expire: Date.now() + 60_000 },
      ])
      .execute();

    const result = await pruneWeatherCache(testDb.db, { maxEntries: 100 });

    expect(result).toEqual({ expired: 1, leases: 1, overflow: 0, rateLimits: 1 });
    const limits = await testDb.db.selectFrom('rateLimits').select('key').execute();
    expect(limits.map((row) => row.key)).toEqual(['sign-in:ip:203.0.113.2']);
    const keys = await testDb.db.selectFrom('weatherCache').select('cacheKey').execute();
    expect(keys.map((row) => row.cacheKey)).toEqual(['recent']);
    const leases = await testDb.db.selectFrom('refreshLeases').select('cacheKey').execute();
    expect(leases.map((row) => row.cacheKey)).toEqual(['b']);
  });

  it('keeps the table under its cap by dropping the least recently fetched', async () => {
    await testDb.db.deleteFrom('weatherCache').execute();
    await testDb.db
      .insertInto('weatherCache')
      .values(Array.from({ length: 10 }, (_, i) => entry(`cell-${i}`, i + 1, 48)))
      .execute();

    const result = await pruneWeatherCache(testDb.db, { maxEntries: 4 });

    expect(result.overflow).toBe(6);
    const keys = await testDb.db
      .selectFrom('weatherCache')
      .select('cacheKey')
      .orderBy('cacheKey')
      .execute();
    expect(keys.map((row) => row.cacheKey)).toEqual(['cell-0', 'cell-1', 'cell-2', 'cell-3']);
  });
});

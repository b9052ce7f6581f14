import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createOpenMeteo } from '@skycast/weather';

import { silentLogger } from '../src/logger.ts';
import { createForecastCache } from '../src/weather/forecast-cache.ts';
import { createTestApi, type TestApi } from './test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

function cacheAt(clock: { now: Date }) {
  const provider = createOpenMeteo({
    forecastUrl: api.stub.url,
    geocodingUrl: api.stub.url,
    airQualityUrl: api.stub.url,
    timeoutMs: 500,
  });
  return createForecastCache({ db: api.db, provider, logger: silentLogger, now: () => clock.now });
}

describe('forecast cache', () => {
  it('asks the provider again once the stored forecast is 10 minutes old', async () => {
    const clock = { now: new Date() };
    const cache = cacheAt(clock);
    api.stub.resetCalls();
    await cache.get(35.68, 139.69);
    clock.now = new Date(clock.now.getTime() + 9 * 60_000);
    await cache.get(35.68, 139.69);
    expect(api.stub.calls('/v1/forecast')).toBe(1);
    clock.now = new Date(clock.now.getTime() + 2 * 60_000);
    const refreshed = await cache.get(35.68, 139.69);
    expect(api.stub.calls('/v1/forecast')).toBe(2);
    expect(refreshed.fetchedAt).toBe(clock.now.toISOString());
  });

  it('makes one provider call for concurrent requests for one place', async () => {
    const cache = cacheAt({ now: new Date() });
    api.stub.resetCalls();
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.get(19.43, -99.13)));
    expect(api.stub.calls('/v1/forecast')).toBe(1);
    expect(new Set(answers.map((answer) => answer.fetchedAt)).size).toBe(1);
  });

  it('serves the stored forecast marked stale when the provider fails, with "now" from the hourly series', async () => {
    const fetchedAt = new Date();
    const clock = { now: fetchedAt };
    const cache = cacheAt(clock);
    const fresh = await cache.get(-33.92, 18.42);

    clock.now = new Date(fetchedAt.getTime() + 3 * 60 * 60_000);
    api.stub.setFault({ mode: 'error', status: 503 });
    try {
      const stale = await cache.get(-33.92, 18.42);
      expect(stale.stale).toBe(true);
      expect(stale.fetchedAt).toBe(fresh.fetchedAt);
      const hourLater = fresh.hourly.find((entry) => entry.time === stale.current.time);
      expect(hourLater).toBeDefined();
      expect(stale.current.time > fresh.current.time).toBe(true);
      expect(stale.current.temperature).toBe(hourLater!.temperature);
    } finally {
      api.stub.setFault(null);
    }
  });
});

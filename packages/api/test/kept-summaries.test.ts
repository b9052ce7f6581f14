import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApi, type TestApi } from './test-api.ts';

let api: TestApi;
const clock = { now: new Date() };
beforeAll(async () => {
  api = await createTestApi({ now: () => clock.now });
});
afterAll(() => api.close());

type Forecast = Awaited<ReturnType<TestApi['caller']['weather']['forecast']>>;

/** What a list of places shows for a place, read from its whole forecast. */
const summaryOf = (forecast: Forecast) => ({
  temperature: forecast.current.temperature,
  weatherCode: forecast.current.weatherCode,
  isDay: forecast.current.isDay,
  high: forecast.daily[0]!.temperatureMax,
  low: forecast.daily[0]!.temperatureMin,
  units: forecast.units,
  fetchedAt: forecast.fetchedAt,
  stale: forecast.stale,
});

describe('summaries kept between requests', () => {
  const oslo = { latitude: 59.91, longitude: 10.75 };

  it('never answers one units choice with another’s, and follows a newer forecast at once', async () => {
    for (const units of ['metric', 'imperial', 'metric'] as const) {
      const [summary] = await api.caller.weather.summaries({ places: [oslo], units });
      expect(summary).toEqual(summaryOf(await api.caller.weather.forecast({ ...oslo, units })));
    }
    const [before] = await api.caller.weather.summaries({ places: [oslo] });

    // Twenty minutes on: the entry is stale, so it is served marked stale and refreshed.
    clock.now = new Date(clock.now.getTime() + 20 * 60_000);
    await expect
      .poll(async () => {
        const [summary] = await api.caller.weather.summaries({ places: [oslo] });
        return summary?.fetchedAt !== before?.fetchedAt && summary?.stale === false;
      })
      .toBe(true);
    const [after] = await api.caller.weather.summaries({ places: [oslo] });
    expect(after).toEqual(summaryOf(await api.caller.weather.forecast(oslo)));
  });
});

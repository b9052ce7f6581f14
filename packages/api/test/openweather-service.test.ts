import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApi, type TestApi } from './test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ provider: 'openweather' });
});
afterAll(() => api.close());

describe('the API on OpenWeather', () => {
  it('serves forecasts in the same model, in the units asked for, cached like any other', async () => {
    api.stub.resetCalls();
    const place = { latitude: 44.34, longitude: 10.99 };
    const metric = await api.caller.weather.forecast(place);
    const imperial = await api.caller.weather.forecast({
      ...place,
      units: 'imperial',
      windUnit: 'mph',
    });
    expect(metric.source).toBe('openweather');
    expect(metric.units.temperature).toBe('°C');
    expect(imperial.units).toMatchObject({ temperature: '°F', windSpeed: 'mph' });
    expect(imperial.current.temperature).toBeCloseTo((metric.current.temperature * 9) / 5 + 32, 0);
    // One current + one 5-day call, however many unit choices are served.
    expect(api.stub.calls('/data/2.5/weather')).toBe(1);
    expect(api.stub.calls('/data/2.5/forecast')).toBe(1);
    // 3-hourly steps covering at least the next 48 hours.
    const first = Date.parse(`${metric.hourly[0]!.time}:00Z`);
    const last = Date.parse(`${metric.hourly.at(-1)!.time}:00Z`);
    expect(last - first).toBeGreaterThanOrEqual(48 * 3_600_000);
    expect(metric.daily.length).toBeGreaterThanOrEqual(4);
    // OpenWeather's free API has no past: no comparison rather than an invented one.
    expect(metric.yesterday).toBeNull();
  });

  it('finds places through OpenWeather geocoding', async () => {
    const places = await api.caller.weather.searchLocations({ query: 'London' });
    expect(places.map((place) => place.countryCode)).toEqual(expect.arrayContaining(['GB', 'CA']));
  });

  it('reports air quality with a US AQI derived from PM2.5', async () => {
    const report = await api.caller.weather.airQuality({ latitude: 44.34, longitude: 10.99 });
    expect(report.source).toBe('openweather');
    expect(report.current.usAqi).toEqual(expect.any(Number));
    expect(report.current.pm2_5).toEqual(expect.any(Number));
  });
});

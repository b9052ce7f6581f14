import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '../src/index.ts';
import { getJson, numbers, type OpenMeteoBody, type OpenMeteoError, strings } from './get-json.ts';

const NOW = new Date('2026-02-23T12:37:12Z');
const VARIABLES = [
  'european_aqi',
  'us_aqi',
  'pm10',
  'pm2_5',
  'nitrogen_dioxide',
  'ozone',
  'carbon_monoxide',
  'sulphur_dioxide',
];

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
});
afterAll(() => stub.close());

const airQuality = (params: Record<string, string | number>) =>
  getJson<OpenMeteoBody>(stub.url, '/v1/air-quality', params);

describe('GET /v1/air-quality', () => {
  it('answers current and hourly values in the column form, with units', async () => {
    const { status, headers, body } = await airQuality({
      latitude: 48.85,
      longitude: 2.35,
      current: VARIABLES.join(','),
      hourly: VARIABLES.join(','),
      timezone: 'auto',
    });
    expect(status).toBe(200);
    expect(headers.get('x-skycast-simulated')).toBe('1');
    expect(body).toMatchObject({ timezone: 'Europe/Paris', utc_offset_seconds: 3600 });
    expect(Object.keys(body.current!)).toEqual(['time', 'interval', ...VARIABLES]);
    expect(body.current).toMatchObject({ time: '2026-02-23T13:00', interval: 3600 });
    expect(body.hourly_units).toEqual({
      time: 'iso8601',
      european_aqi: 'EAQI',
      us_aqi: 'USAQI',
      pm10: 'μg/m³',
      pm2_5: 'μg/m³',
      nitrogen_dioxide: 'μg/m³',
      ozone: 'μg/m³',
      carbon_monoxide: 'μg/m³',
      sulphur_dioxide: 'μg/m³',
    });
    // Five days by default, from local midnight.
    expect(strings(body.hourly, 'time')).toHaveLength(5 * 24);
    expect(strings(body.hourly, 'time')[0]).toBe('2026-02-23T00:00');
    for (const name of VARIABLES) {
      for (const value of numbers(body.hourly, name)) expect(value).toBeGreaterThanOrEqual(0);
    }
    for (const aqi of numbers(body.hourly, 'european_aqi')) expect(aqi).toBeLessThanOrEqual(150);
    numbers(body.hourly, 'pm10').forEach((pm10, i) => {
      expect(pm10).toBeGreaterThanOrEqual(numbers(body.hourly, 'pm2_5')[i]!);
    });
  });

  it('returns only the variables asked for', async () => {
    const { body } = await airQuality({ latitude: 48.85, longitude: 2.35, hourly: 'pm2_5' });
    expect(Object.keys(body.hourly!)).toEqual(['time', 'pm2_5']);
    expect(body).not.toHaveProperty('current');
  });

  it('allows up to 7 forecast days', async () => {
    const { body } = await airQuality({
      latitude: 48.85,
      longitude: 2.35,
      hourly: 'ozone',
      forecast_days: 7,
    });
    expect(body.hourly!.time).toHaveLength(7 * 24);
    const tooMany = await getJson<OpenMeteoError>(stub.url, '/v1/air-quality', {
      latitude: 48.85,
      longitude: 2.35,
      hourly: 'ozone',
      forecast_days: 8,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({
      error: true,
      reason: 'Forecast days is invalid. Allowed range 0 to 7.',
    });
  });

  it('refuses unknown variables', async () => {
    const { status, body } = await getJson<OpenMeteoError>(stub.url, '/v1/air-quality', {
      latitude: 48.85,
      longitude: 2.35,
      hourly: 'smog',
    });
    expect(status).toBe(400);
    expect(body.reason).toMatch(/invalid String value smog/);
  });
});

describe('GET /v1/air-quality: pollen', () => {
  const POLLEN = ['alder', 'birch', 'grass', 'mugwort', 'olive', 'ragweed'].map(
    (type) => `${type}_pollen`,
  );

  it('gives pollen in season in Europe, 0 out of season, in grains/m³', async () => {
    const { body } = await airQuality({
      latitude: 48.85,
      longitude: 2.35,
      current: POLLEN.join(','),
      hourly: POLLEN.join(','),
      timezone: 'auto',
    });
    expect(body.current_units).toMatchObject({ alder_pollen: 'grains/m³' });
    // Late February in Paris: alder is in season, birch, grass and the weeds not yet, olive never this far north.
    const alder = numbers(body.hourly, 'alder_pollen');
    expect(Math.max(...alder)).toBeGreaterThan(0);
    for (const type of ['birch', 'grass', 'mugwort', 'olive', 'ragweed'])
      expect(numbers(body.hourly, `${type}_pollen`).every((value) => value === 0)).toBe(true);
  });

  it('gives null, not zero, outside Europe', async () => {
    const { body } = await airQuality({
      latitude: -33.87,
      longitude: 151.21,
      current: POLLEN.join(','),
      timezone: 'auto',
    });
    for (const name of POLLEN) expect(body.current![name]).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '../src/index.ts';
import { getJson, numbers, type OpenMeteoBody, type OpenMeteoError, strings } from './get-json.ts';

// A fixed clock makes every answer reproducible: 13:37 in Berlin, winter time.
const NOW = new Date('2026-02-23T12:37:12Z');
const BERLIN = { latitude: 52.52, longitude: 13.41 };
const WMO_CODES = new Set([
  0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82, 85, 86,
  95, 96, 99,
]);

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
});
afterAll(() => stub.close());

function expectWithin(values: number[], min: number, max: number) {
  expect(Math.min(...values)).toBeGreaterThanOrEqual(min);
  expect(Math.max(...values)).toBeLessThanOrEqual(max);
}

const forecast = (params: Record<string, string | number>) =>
  getJson<OpenMeteoBody>(stub.url, '/v1/forecast', params);

describe('GET /v1/forecast', () => {
  it('answers the documented shape, marked as simulated', async () => {
    const { status, headers, body } = await forecast({
      ...BERLIN,
      current: 'temperature_2m,is_day',
      hourly: 'temperature_2m',
      daily: 'temperature_2m_max',
      timezone: 'auto',
    });
    expect(status).toBe(200);
    expect(headers.get('x-skycast-simulated')).toBe('1');
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(body).toMatchObject({
      latitude: 52.52,
      longitude: 13.41,
      utc_offset_seconds: 3600,
      timezone: 'Europe/Berlin',
      timezone_abbreviation: expect.any(String) as string,
      elevation: 74,
      generationtime_ms: expect.any(Number) as number,
      current_units: { time: 'iso8601', interval: 'seconds', temperature_2m: '°C', is_day: '' },
      current: { time: '2026-02-23T13:30', interval: 900 },
      hourly_units: { time: 'iso8601', temperature_2m: '°C' },
      daily_units: { time: 'iso8601', temperature_2m_max: '°C' },
    });
  });

  it('returns only the variables asked for, and only the sections asked for', async () => {
    const { body } = await forecast({
      ...BERLIN,
      current: 'temperature_2m,weather_code',
      hourly: 'precipitation_probability,uv_index,visibility,dew_point_2m',
    });
    expect(Object.keys(body.current!)).toEqual([
      'time',
      'interval',
      'temperature_2m',
      'weather_code',
    ]);
    expect(Object.keys(body.hourly!)).toEqual([
      'time',
      'precipitation_probability',
      'uv_index',
      'visibility',
      'dew_point_2m',
    ]);
    expect(Object.keys(body.hourly_units!)).toEqual(Object.keys(body.hourly!));
    expect(body).not.toHaveProperty('daily');
    expect(body).not.toHaveProperty('daily_units');
    expect(body).not.toHaveProperty('minutely_15');
  });

  it('counts forecast_minutely_15 and past_minutely_15 from the current 15-minute step', async () => {
    const { body } = await forecast({
      ...BERLIN,
      minutely_15: 'precipitation,rain,snowfall',
      forecast_minutely_15: 8,
      past_minutely_15: 1,
      past_days: 1,
      timezone: 'auto',
    });
    // 12:37 UTC is 13:37 in Berlin: the current step is 13:30.
    expect(strings(body.minutely_15, 'time')).toEqual([
      '2026-02-23T13:15',
      '2026-02-23T13:30',
      '2026-02-23T13:45',
      '2026-02-23T14:00',
      '2026-02-23T14:15',
      '2026-02-23T14:30',
      '2026-02-23T14:45',
      '2026-02-23T15:00',
      '2026-02-23T15:15',
    ]);
    expect(Object.keys(body.minutely_15!)).toEqual(['time', 'precipitation', 'rain', 'snowfall']);
  });

  it('starts hourly data at local midnight today and covers forecast_days (default 7)', async () => {
    const { body } = await forecast({
      ...BERLIN,
      hourly: 'temperature_2m',
      daily: 'weather_code',
      timezone: 'auto',
    });
    const times = strings(body.hourly, 'time');
    expect(times).toHaveLength(7 * 24);
    expect(times[0]).toBe('2026-02-23T00:00');
    expect(times[1]).toBe('2026-02-23T01:00');
    expect(strings(body.daily, 'time')).toEqual([
      '2026-02-23',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);

    const long = await forecast({ ...BERLIN, hourly: 'temperature_2m', forecast_days: 16 });
    expect(long.body.hourly!.time).toHaveLength(16 * 24);
    const none = await forecast({
      ...BERLIN,
      current: 'temperature_2m',
      hourly: 'temperature_2m',
      forecast_days: 0,
    });
    expect(none.body.hourly!.time).toEqual([]);
    expect(none.body.current!.temperature_2m).toEqual(expect.any(Number));
  });

  it('defaults to GMT and uses an IANA zone as given', async () => {
    const gmt = await forecast({ ...BERLIN, current: 'temperature_2m', hourly: 'temperature_2m' });
    expect(gmt.body).toMatchObject({
      timezone: 'GMT',
      timezone_abbreviation: 'GMT',
      utc_offset_seconds: 0,
    });
    expect(gmt.body.current!.time).toBe('2026-02-23T12:30');
    expect(gmt.body.hourly!.time![0]).toBe('2026-02-23T00:00');

    const tokyo = await forecast({ ...BERLIN, current: 'temperature_2m', timezone: 'Asia/Tokyo' });
    expect(tokyo.body).toMatchObject({ timezone: 'Asia/Tokyo', utc_offset_seconds: 9 * 3600 });
    expect(tokyo.body.current!.time).toBe('2026-02-23T21:30');
  });

  it('resolves timezone=auto to the nearest known city, or GMT far from any', async () => {
    const kathmandu = await forecast({
      latitude: 27.7,
      longitude: 85.3,
      current: 'temperature_2m',
      timezone: 'auto',
    });
    expect(kathmandu.body).toMatchObject({
      timezone: 'Asia/Kathmandu',
      utc_offset_seconds: 20_700,
    });
    expect(kathmandu.body.current!.time).toBe('2026-02-23T18:15');

    const londonOntario = await forecast({ latitude: 43.0, longitude: -81.2, timezone: 'auto' });
    expect(londonOntario.body.timezone).toBe('America/Toronto');

    const pacific = await forecast({ latitude: -40, longitude: -140, timezone: 'auto' });
    expect(pacific.body.timezone).toBe('GMT');
  });

  it('converts temperature, wind and precipitation units', async () => {
    const variables = 'temperature_2m,wind_speed_10m,precipitation';
    const metric = await forecast({ ...BERLIN, hourly: variables });
    const imperial = await forecast({
      ...BERLIN,
      hourly: variables,
      temperature_unit: 'fahrenheit',
      wind_speed_unit: 'mph',
      precipitation_unit: 'inch',
    });
    expect(imperial.body.hourly_units).toEqual({
      time: 'iso8601',
      temperature_2m: '°F',
      wind_speed_10m: 'mp/h',
      precipitation: 'inch',
    });
    const celsius = numbers(metric.body.hourly, 'temperature_2m');
    numbers(imperial.body.hourly, 'temperature_2m').forEach((fahrenheit, i) => {
      expect(fahrenheit).toBeCloseTo((celsius[i]! * 9) / 5 + 32, 0);
    });
    const kmh = numbers(metric.body.hourly, 'wind_speed_10m');
    numbers(imperial.body.hourly, 'wind_speed_10m').forEach((mph, i) => {
      expect(Math.abs(mph - kmh[i]! / 1.609344)).toBeLessThan(0.11);
    });
  });

  it('aggregates daily values from the hourly series of the same local day', async () => {
    for (const place of [
      BERLIN,
      { latitude: -33.87, longitude: 151.21 },
      { latitude: 40.71, longitude: -74.01 },
    ]) {
      const { body } = await forecast({
        ...place,
        hourly: 'temperature_2m,precipitation,weather_code,precipitation_probability,uv_index',
        daily:
          'temperature_2m_max,temperature_2m_min,precipitation_sum,weather_code,precipitation_probability_max,uv_index_max',
        timezone: 'auto',
        forecast_days: 16,
      });
      const days = strings(body.daily, 'time');
      days.forEach((day, d) => {
        const hours = strings(body.hourly, 'time').flatMap((time, i) =>
          time.startsWith(day) ? [i] : [],
        );
        expect(hours).toHaveLength(24);
        const column = (name: string) => hours.map((i) => numbers(body.hourly, name)[i]!);
        expect(numbers(body.daily, 'temperature_2m_max')[d]).toBe(
          Math.max(...column('temperature_2m')),
        );
        expect(numbers(body.daily, 'temperature_2m_min')[d]).toBe(
          Math.min(...column('temperature_2m')),
        );
        expect(numbers(body.daily, 'weather_code')[d]).toBe(Math.max(...column('weather_code')));
        expect(numbers(body.daily, 'uv_index_max')[d]).toBe(Math.max(...column('uv_index')));
        expect(numbers(body.daily, 'precipitation_probability_max')[d]).toBe(
          Math.max(...column('precipitation_probability')),
        );
        expect(numbers(body.daily, 'precipitation_sum')[d]).toBeCloseTo(
          column('precipitation').reduce((a, b) => a + b, 0),
          5,
        );
      });
    }
  });

  it('simulates plausible weather with WMO codes that match the precipitation', async () => {
    const places = [
      BERLIN,
      { latitude: 64.14, longitude: -21.9 },
      { latitude: 1.29, longitude: 103.85 },
      { latitude: 19.43, longitude: -99.13 },
    ];
    for (const place of places) {
      const { body } = await forecast({
        ...place,
        hourly:
          'temperature_2m,relative_humidity_2m,precipitation,weather_code,cloud_cover,wind_speed_10m,wind_direction_10m,wind_gusts_10m,precipitation_probability,is_day,uv_index,pressure_msl,visibility',
        daily: 'sunrise,sunset',
        timezone: 'auto',
        forecast_days: 16,
      });
      const column = (name: string) => numbers(body.hourly, name);
      expectWithin(column('relative_humidity_2m'), 0, 100);
      expectWithin(column('temperature_2m'), -50, 50);
      expectWithin(column('cloud_cover'), 0, 100);
      expectWithin(column('precipitation_probability'), 0, 100);
      expectWithin(column('wind_direction_10m'), 0, 359);
      expectWithin(column('pressure_msl'), 950, 1060);
      expectWithin(column('visibility'), 0, 24_140);
      const precipitation = column('precipitation');
      column('weather_code').forEach((code, i) => {
        expect(WMO_CODES.has(code)).toBe(true);
        expect(code >= 51).toBe(precipitation[i]! > 0);
        expect(column('wind_gusts_10m')[i]).toBeGreaterThanOrEqual(column('wind_speed_10m')[i]!);
      });
      // Daylight exactly between that day's sunrise and sunset.
      strings(body.hourly, 'time').forEach((time, i) => {
        const day = strings(body.daily, 'time').indexOf(time.slice(0, 10));
        const isDay =
          time >= strings(body.daily, 'sunrise')[day]! &&
          time < strings(body.daily, 'sunset')[day]!;
        expect(column('is_day')[i]).toBe(isDay ? 1 : 0);
        if (!isDay) expect(column('uv_index')[i]).toBe(0);
      });
    }
  });

  it('gives the same data for the same place and time', async () => {
    const query = {
      ...BERLIN,
      current: 'temperature_2m,weather_code,wind_speed_10m',
      hourly: 'temperature_2m,precipitation,weather_code',
      daily: 'temperature_2m_max,sunrise',
      timezone: 'auto',
    };
    const other = await startWeatherStub({ now: () => NOW });
    try {
      const first = await forecast(query);
      const second = await getJson<OpenMeteoBody>(other.url, '/v1/forecast', query);
      expect(second.body).toEqual(first.body);
    } finally {
      await other.close();
    }
    // A day later, the overlapping hours keep their values.
    const later = await startWeatherStub({ now: () => new Date(NOW.getTime() + 86_400_000) });
    try {
      const today = await forecast(query);
      const tomorrow = await getJson<OpenMeteoBody>(later.url, '/v1/forecast', query);
      expect(strings(tomorrow.body.hourly, 'time')[0]).toBe('2026-02-24T00:00');
      expect(numbers(tomorrow.body.hourly, 'temperature_2m').slice(0, 24)).toEqual(
        numbers(today.body.hourly, 'temperature_2m').slice(24, 48),
      );
    } finally {
      await later.close();
    }
  });

  it('answers unix timestamps for timeformat=unixtime', async () => {
    const { body } = await forecast({
      ...BERLIN,
      current: 'temperature_2m',
      hourly: 'temperature_2m',
      daily: 'sunrise',
      timeformat: 'unixtime',
      timezone: 'Europe/Berlin',
    });
    expect(body.current!.time).toBe(Date.parse('2026-02-23T12:30:00Z') / 1000);
    expect(body.hourly!.time![0]).toBe(Date.parse('2026-02-22T23:00:00Z') / 1000);
    expect(body.daily_units).toMatchObject({ time: 'unixtime', sunrise: 'unixtime' });
    expect(body.daily!.sunrise![0]).toEqual(expect.any(Number));
  });

  it.each([
    [{ latitude: 91, longitude: 0 }, 'Latitude must be in range of -90 to 90°. Given: 91.0.'],
    [
      { latitude: 0, longitude: -180.5 },
      'Longitude must be in range of -180 to 180°. Given: -180.5.',
    ],
    [{ latitude: 'north', longitude: 0 }, "Value of type 'Float' required for key 'latitude'."],
    [
      { ...BERLIN, hourly: 'temperature_2m,tempreature_2m' },
      'Cannot initialize ForecastVariable from invalid String value tempreature_2m for key hourly',
    ],
    [
      { ...BERLIN, daily: 'sunrise,sunburn' },
      'Cannot initialize ForecastVariableDaily from invalid String value sunburn for key daily',
    ],
    [{ ...BERLIN, forecast_days: 17 }, 'Forecast days is invalid. Allowed range 0 to 16.'],
    [{ ...BERLIN, timezone: 'Mars/Olympus_Mons' }, 'Invalid timezone'],
    [
      { ...BERLIN, temperature_unit: 'kelvin' },
      'Cannot initialize TemperatureUnit from invalid String value kelvin for key temperature_unit',
    ],
  ])("refuses %o with 400 and Open-Meteo's reason", async (params, reason) => {
    const { status, headers, body } = await getJson<OpenMeteoError>(
      stub.url,
      '/v1/forecast',
      params,
    );
    expect(status).toBe(400);
    expect(headers.get('x-skycast-simulated')).toBe('1');
    expect(body).toEqual({ error: true, reason });
  });
});

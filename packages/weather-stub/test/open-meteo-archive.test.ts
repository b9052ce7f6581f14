import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { archiveSeasonalMean, siteAt, startWeatherStub, type WeatherStub } from '../src/index.ts';
import { getJson, numbers, type OpenMeteoBody, type OpenMeteoError, strings } from './get-json.ts';

const NOW = new Date('2026-02-23T12:37:12Z');
const BERLIN = { latitude: 52.52, longitude: 13.41 };
const SYDNEY = { latitude: -33.87, longitude: 151.21 };
const DAILY = 'temperature_2m_max,temperature_2m_min,temperature_2m_mean,precipitation_sum';

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
});
afterAll(() => stub.close());

const archive = (params: Record<string, string | number>) =>
  getJson<OpenMeteoBody>(stub.url, '/v1/archive', { models: 'era5_land', ...params });

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('GET /v1/archive', () => {
  it('answers daily columns for local days, max above mean above min', async () => {
    const { status, headers, body } = await archive({
      ...BERLIN,
      start_date: '2000-02-27',
      end_date: '2000-03-01',
      daily: DAILY,
      timezone: 'Europe/Berlin',
    });
    expect(status).toBe(200);
    expect(headers.get('x-skycast-simulated')).toBe('1');
    expect(body.timezone).toBe('Europe/Berlin');
    expect(body.daily_units).toMatchObject({ temperature_2m_max: '°C', precipitation_sum: 'mm' });
    expect(strings(body.daily, 'time')).toEqual([
      '2000-02-27',
      '2000-02-28',
      '2000-02-29',
      '2000-03-01',
    ]);
    const max = numbers(body.daily, 'temperature_2m_max');
    const min = numbers(body.daily, 'temperature_2m_min');
    const average = numbers(body.daily, 'temperature_2m_mean');
    for (const [i, high] of max.entries()) {
      expect(high).toBeGreaterThan(average[i]!);
      expect(average[i]).toBeGreaterThan(min[i]!);
    }
    for (const rain of numbers(body.daily, 'precipitation_sum'))
      expect(rain).toBeGreaterThanOrEqual(0);
  });

  it('follows its known seasonal cycle: Berlin warm in July, Sydney warm in January', async () => {
    const years = { start_date: '1991-01-01', end_date: '2020-12-31', daily: DAILY };
    const north = await archive({ ...BERLIN, ...years, timezone: 'Europe/Berlin' });
    const south = await archive({ ...SYDNEY, ...years, timezone: 'Australia/Sydney' });
    const dayMeans = (body: OpenMeteoBody, monthDay: string) => {
      const times = strings(body.daily, 'time');
      const values = numbers(body.daily, 'temperature_2m_mean');
      return mean(values.filter((_, i) => times[i]!.endsWith(monthDay)));
    };
    const berlin = siteAt(BERLIN.latitude, BERLIN.longitude);
    expect(dayMeans(north.body, '-07-20')).toBeCloseTo(archiveSeasonalMean(berlin, 200), -0.5);
    expect(dayMeans(north.body, '-07-20') - dayMeans(north.body, '-01-20')).toBeGreaterThan(10);
    expect(dayMeans(south.body, '-01-20')).toBeGreaterThan(dayMeans(south.body, '-07-20'));
  });

  it('buckets days in the zone asked for: the same date differs between GMT and Pacific/Auckland', async () => {
    const query = { ...BERLIN, start_date: '2010-06-01', end_date: '2010-06-10', daily: DAILY };
    const gmt = await archive({ ...query, timezone: 'GMT' });
    const far = await archive({ ...query, timezone: 'Pacific/Auckland' });
    expect(numbers(gmt.body.daily, 'temperature_2m_min')).not.toEqual(
      numbers(far.body.daily, 'temperature_2m_min'),
    );
  });

  it('keeps thirty years of the four daily variables well under the 2 MiB body cap', async () => {
    const url = new URL('/v1/archive', stub.url);
    for (const [key, value] of Object.entries({
      ...BERLIN,
      models: 'era5_land',
      start_date: '1991-01-01',
      end_date: '2020-12-31',
      daily: DAILY,
      timezone: 'Europe/Berlin',
    })) {
      url.searchParams.set(key, String(value));
    }
    const bytes = (await (await fetch(url)).arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(1024 * 1024);
  });

  it('refuses dates before ERA5-Land, in the future, a missing date and an unknown model', async () => {
    const cases: Record<string, string>[] = [
      { start_date: '1949-12-31', end_date: '1950-01-10' },
      { start_date: '2026-02-20', end_date: '2026-02-22' },
      { end_date: '2000-01-10' },
      { start_date: '2000-01-01', end_date: '2000-01-10', models: 'nope' },
    ];
    for (const dates of cases) {
      const { status, body } = await getJson<OpenMeteoError>(stub.url, '/v1/archive', {
        ...BERLIN,
        models: 'era5_land',
        daily: DAILY,
        ...dates,
      });
      expect(status).toBe(400);
      expect(body.error).toBe(true);
      expect(body.reason.length).toBeGreaterThan(0);
    }
  });

  it('is counted as a call of its own endpoint', async () => {
    stub.resetCalls();
    await archive({ ...BERLIN, start_date: '2000-01-01', end_date: '2000-01-02', daily: DAILY });
    expect(stub.calls('/v1/archive')).toBe(1);
    expect(stub.calls('/v1/forecast')).toBe(0);
  });
});

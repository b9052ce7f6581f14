import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '../src/index.ts';
import { getJson, type OpenMeteoBody, type OpenMeteoError } from './get-json.ts';

const NOW = new Date('2026-02-23T12:37:12Z');
const BERLIN = { latitude: 52.52, longitude: 13.41 };
const SYDNEY = { latitude: -33.87, longitude: 151.21 };

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
});
afterAll(() => stub.close());

type Column = (number | null)[];
const column = (body: OpenMeteoBody, key: string): Column => {
  const values = body.hourly?.[key] as Column | undefined;
  if (!values) throw new Error(`column ${key} is missing`);
  return values;
};
const meanAbs = (a: Column, b: Column, from: number, to: number) => {
  let total = 0;
  for (let i = from; i < to; i++) total += Math.abs(a[i]! - b[i]!);
  return total / (to - from);
};

describe('GET /v1/ensemble', () => {
  it("serves ECMWF's control run and 50 members whose spread grows with lead time", async () => {
    const { status, body } = await getJson<OpenMeteoBody>(stub.url, '/v1/ensemble', {
      ...BERLIN,
      hourly: 'temperature_2m',
      models: 'ecmwf_ifs025',
      forecast_days: 10,
    });
    expect(status).toBe(200);
    const keys = Object.keys(body.hourly ?? {}).filter((key) => key !== 'time');
    expect(keys).toHaveLength(51);
    expect(keys).toContain('temperature_2m_member50');
    const spreadAt = (hour: number) => {
      const values = keys.map((key) => column(body, key)[hour]!);
      return Math.max(...values) - Math.min(...values);
    };
    expect(spreadAt(24 * 9)).toBeGreaterThan(2 * spreadAt(14));
  });

  it('suffixes every key with its model when several are asked for, and nulls past a horizon', async () => {
    const { body } = await getJson<OpenMeteoBody>(stub.url, '/v1/ensemble', {
      ...BERLIN,
      hourly: 'precipitation',
      models: 'icon_seamless,gfs025',
      forecast_days: 10,
    });
    expect(column(body, 'precipitation_member39_icon_seamless')).toHaveLength(240);
    expect(column(body, 'precipitation_member30_gfs025')[230]).not.toBeNull();
    // ICON's ensemble reaches 180 hours; the stub's run is at 12:37 UTC on day one.
    expect(column(body, 'precipitation_icon_seamless')[230]).toBeNull();
    expect(column(body, 'precipitation_icon_seamless')[24]).not.toBeNull();
  });

  it('serves `<model>_ensemble_mean` with `X_spread`', async () => {
    const { body } = await getJson<OpenMeteoBody>(stub.url, '/v1/ensemble', {
      ...BERLIN,
      hourly: 'temperature_2m,wind_speed_10m',
      models: 'ecmwf_ifs025_ensemble_mean',
    });
    expect(Object.keys(body.hourly ?? {}).sort()).toEqual([
      'temperature_2m',
      'temperature_2m_spread',
      'time',
      'wind_speed_10m',
      'wind_speed_10m_spread',
    ]);
    expect(body.hourly_units?.temperature_2m_spread).toBe('°C');
  });

  it('refuses best_match, unknown models and a call without models, as upstream does', async () => {
    for (const models of ['best_match', 'ecmwf_ifs04x', '']) {
      const { status, body } = await getJson<OpenMeteoError>(stub.url, '/v1/ensemble', {
        ...BERLIN,
        hourly: 'temperature_2m',
        models,
      });
      expect(status).toBe(400);
      expect(body.error).toBe(true);
    }
  });
});

describe('GET /v1/forecast with models=', () => {
  it('gives each model its own bias, and null past its horizon or outside its domain', async () => {
    const { status, body } = await getJson<OpenMeteoBody>(stub.url, '/v1/forecast', {
      ...BERLIN,
      hourly: 'temperature_2m',
      models: 'ecmwf_ifs025,gfs_seamless,meteofrance_seamless,icon_d2',
      forecast_days: 7,
    });
    expect(status).toBe(200);
    const gfs = column(body, 'temperature_2m_gfs_seamless');
    const ecmwf = column(body, 'temperature_2m_ecmwf_ifs025');
    expect(meanAbs(gfs, ecmwf, 0, 24)).toBeGreaterThan(0.2);
    // Météo-France reaches 102 hours, ICON-D2 48.
    expect(column(body, 'temperature_2m_meteofrance_seamless')[24 * 6]).toBeNull();
    expect(column(body, 'temperature_2m_meteofrance_seamless')[24 * 2]).not.toBeNull();
    expect(column(body, 'temperature_2m_icon_d2')[24 * 4]).toBeNull();
    expect(column(body, 'temperature_2m_icon_d2')[20]).not.toBeNull();

    const far = await getJson<OpenMeteoBody>(stub.url, '/v1/forecast', {
      ...SYDNEY,
      hourly: 'temperature_2m',
      models: 'icon_d2',
    });
    expect(column(far.body, 'temperature_2m').every((value) => value === null)).toBe(true);
  });

  it('keeps the keys unsuffixed for one model, and daily values null for days a model does not reach', async () => {
    const { body } = await getJson<OpenMeteoBody>(stub.url, '/v1/forecast', {
      ...BERLIN,
      daily: 'temperature_2m_max',
      models: 'meteofrance_seamless',
      forecast_days: 7,
    });
    const highs = body.daily?.temperature_2m_max as Column;
    expect(highs.slice(0, 4).every((value) => typeof value === 'number')).toBe(true);
    expect(highs[6]).toBeNull();
  });

  it('refuses an unknown model', async () => {
    const { status } = await getJson<OpenMeteoError>(stub.url, '/v1/forecast', {
      ...BERLIN,
      hourly: 'temperature_2m',
      models: 'nonesuch',
    });
    expect(status).toBe(400);
  });
});

describe('previous runs', () => {
  it('errs more the older the run', async () => {
    const hourly = ['temperature_2m', 1, 2, 3, 4, 5].map((n) =>
      n === 'temperature_2m' ? n : `temperature_2m_previous_day${n}`,
    );
    const { body } = await getJson<OpenMeteoBody>(stub.url, '/v1/forecast', {
      ...BERLIN,
      hourly: hourly.join(','),
      past_days: 30,
      forecast_days: 1,
    });
    const truth = column(body, 'temperature_2m');
    const errors = [1, 2, 3, 4, 5].map((n) =>
      meanAbs(column(body, `temperature_2m_previous_day${n}`), truth, 0, 30 * 24),
    );
    for (let n = 1; n < errors.length; n++) expect(errors[n]!).toBeGreaterThan(errors[n - 1]!);
    expect(errors[0]!).toBeGreaterThan(0);
  });

  it('gives each model its own previous runs', async () => {
    const { body } = await getJson<OpenMeteoBody>(stub.url, '/v1/forecast', {
      ...BERLIN,
      hourly: 'temperature_2m_previous_day1',
      models: 'ecmwf_ifs025,gfs_seamless',
      past_days: 3,
      forecast_days: 1,
    });
    const a = column(body, 'temperature_2m_previous_day1_ecmwf_ifs025');
    const b = column(body, 'temperature_2m_previous_day1_gfs_seamless');
    expect(meanAbs(a, b, 0, 72)).toBeGreaterThan(0.1);
  });
});

describe('weighted calls', () => {
  it('counts a call by its columns and days, as the free tier does', async () => {
    stub.resetCalls();
    await getJson(stub.url, '/v1/forecast', { ...BERLIN, hourly: 'temperature_2m' });
    expect(stub.weightedCalls()).toBe(1);
    stub.resetCalls();
    await getJson(stub.url, '/v1/ensemble', {
      ...BERLIN,
      hourly: 'temperature_2m,precipitation',
      models: 'ecmwf_ifs025',
    });
    // 2 variables × 51 members = 102 columns.
    expect(stub.weightedCalls()).toBeCloseTo(10.2);
    stub.resetCalls();
    await getJson(stub.url, '/v1/ensemble', {
      ...BERLIN,
      hourly: 'temperature_2m,precipitation,wind_speed_10m',
      models: 'ecmwf_ifs025_ensemble_mean',
      forecast_days: 28,
    });
    // 3 variables × (mean + spread) = 6 columns, over four weeks.
    expect(stub.weightedCalls()).toBeCloseTo(1.2);
  });
});

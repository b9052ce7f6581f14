import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '@skycast/vitest-config/testing';

import { localDateTime } from '@skycast/local-time';
import type { ProviderForecast } from '@skycast/weather';

import { createTestApi, type TestApi } from './test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());
afterEach(() => api.stub.setFault(null));

const errorOf = (promise: Promise<unknown>) => rejectionOf(promise, TRPCError);

describe('weather.searchLocations', () => {
  it('finds places with their region and country', async () => {
    const places = await api.caller.weather.searchLocations({ query: 'Berlin' });
    expect(places[0]).toMatchObject({
      name: 'Berlin',
      countryCode: 'DE',
      timezone: 'Europe/Berlin',
    });
    expect(places[0]?.latitude).toBeCloseTo(52.52, 1);
  });

  it('answers an empty list when nothing matches (Open-Meteo omits `results`)', async () => {
    expect(await api.caller.weather.searchLocations({ query: 'Xqzzyplace' })).toEqual([]);
  });

  it('honours the limit', async () => {
    const places = await api.caller.weather.searchLocations({ query: 'Lo', limit: 1 });
    expect(places.length).toBeLessThanOrEqual(1);
  });

  it.each([
    ['an empty query', { query: '' }],
    ['a blank query', { query: '   ' }],
    ['a huge query', { query: 'x'.repeat(10_000) }],
    ['a limit above 20', { query: 'Berlin', limit: 21 }],
    ['a fractional limit', { query: 'Berlin', limit: 1.5 }],
  ])('rejects %s with BAD_REQUEST', async (_name, input) => {
    const error = await errorOf(api.caller.weather.searchLocations(input));
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('turns an upstream 400 into BAD_GATEWAY without leaking its body', async () => {
    api.stub.setFault({ mode: 'bad-request' });
    const error = await errorOf(api.caller.weather.searchLocations({ query: 'Hamburg' }));
    expect(error.code).toBe('BAD_GATEWAY');
    expect(error.message).toMatch(/weather service/i);
  });
});

describe('weather.summaries', () => {
  const rome = { latitude: 41.9, longitude: 12.5 };
  const lisbon = { latitude: 38.72, longitude: -9.14 };

  it('answers now at each place, in order, agreeing with the forecast', async () => {
    const [first, second] = await api.caller.weather.summaries({
      places: [rome, lisbon],
      units: 'imperial',
    });
    // Each place's summary is its own forecast's now, high and low (two
    // places may share a temperature at some hour: compared as a whole).
    const summaryOf = (forecast: Awaited<ReturnType<typeof api.caller.weather.forecast>>) => ({
      temperature: forecast.current.temperature,
      weatherCode: forecast.current.weatherCode,
      isDay: forecast.current.isDay,
      high: forecast.daily[0]!.temperatureMax,
      low: forecast.daily[0]!.temperatureMin,
      units: forecast.units,
      fetchedAt: forecast.fetchedAt,
      stale: false,
    });
    expect(first).toEqual(
      summaryOf(await api.caller.weather.forecast({ ...rome, units: 'imperial' })),
    );
    expect(second).toEqual(
      summaryOf(await api.caller.weather.forecast({ ...lisbon, units: 'imperial' })),
    );
    expect(first!.units.temperature).toBe('°F');
    expect([first!.high, first!.low]).not.toEqual([second!.high, second!.low]);
  });

  it('gives null for a place whose weather cannot be had, and the others still', async () => {
    await api.caller.weather.forecast(rome);
    api.stub.setFault({ mode: 'error', status: 500, endpoints: ['/v1/forecast'] });
    const nowhere = { latitude: -45.5, longitude: 170.5 };
    const summaries = await api.caller.weather.summaries({ places: [nowhere, rome] });
    expect(summaries[0]).toBeNull();
    expect(summaries[1]).toMatchObject({ units: { temperature: '°C' } });
  });

  it.each([
    ['no places', { places: [] }],
    ['51 places', { places: Array.from({ length: 51 }, () => rome) }],
    ['a latitude beyond the pole', { places: [{ latitude: 91, longitude: 0 }] }],
    ['an unknown unit', { places: [rome], units: 'kelvin' }],
  ])('rejects %s with BAD_REQUEST and asks nobody', async (_name, input) => {
    api.stub.resetCalls();
    const error = await errorOf(api.caller.weather.summaries(input as never));
    expect(error.code).toBe('BAD_REQUEST');
    expect(api.stub.calls('/v1/forecast')).toBe(0);
  });
});

describe('weather.forecast', () => {
  const berlin = { latitude: 52.52, longitude: 13.41 };

  it('answers current conditions, 48 hours and 7 days in stated units', async () => {
    const forecast = await api.caller.weather.forecast(berlin);
    expect(forecast.source).toBe('open-meteo');
    expect(forecast.stale).toBe(false);
    expect(forecast.simulated).toBe(true);
    expect(forecast.location.timezone).toBe('Europe/Berlin');
    expect(forecast.hourly.length).toBeGreaterThanOrEqual(48);
    expect(forecast.daily.length).toBeGreaterThanOrEqual(7);
    expect(forecast.units).toMatchObject({ temperature: '°C', windSpeed: 'km/h' });
    expect(forecast.hourly[0]!.time.slice(0, 13)).toBe(forecast.current.time.slice(0, 13));
    expect(Date.parse(forecast.fetchedAt)).not.toBeNaN();
  });

  it('compares with yesterday from the same provider call, in the units asked for', async () => {
    const oslo = { latitude: 59.91, longitude: 10.75 };
    api.stub.resetCalls();
    const metric = await api.caller.weather.forecast(oslo);
    const imperial = await api.caller.weather.forecast({ ...oslo, units: 'imperial' });
    expect(api.stub.calls('/v1/forecast')).toBe(1);
    const yesterday = metric.yesterday!;
    const today = metric.current.time.slice(0, 10);
    expect(yesterday.date).toBe(
      new Date(Date.parse(`${today}T00:00Z`) - 86_400_000).toISOString().slice(0, 10),
    );
    expect(yesterday.temperature).toEqual(expect.any(Number));
    expect(yesterday.temperature!).toBeGreaterThanOrEqual(yesterday.temperatureMin);
    expect(yesterday.temperature!).toBeLessThanOrEqual(yesterday.temperatureMax);
    // Yesterday is not served among the coming days.
    expect(metric.daily[0]!.date).toBe(today);
    expect(imperial.yesterday!.temperatureMax).toBeCloseTo(
      (yesterday.temperatureMax * 9) / 5 + 32,
      0,
    );
  });

  it('says what falls in the next two hours, in 15-minute steps from now, in one sentence', async () => {
    const forecast = await api.caller.weather.forecast({ latitude: 47.37, longitude: 8.54 });
    const next = forecast.nextTwoHours!;
    expect(next.steps).toHaveLength(8);
    expect(next.steps[0]!.time > forecast.current.time).toBe(true);
    // Zürich lies where Open-Meteo has 15-minute models.
    expect(next.interpolated).toBe(false);
    expect(next.summary).toMatch(
      /^((Light|Moderate|Heavy) (rain|snow|rain and snow) (starting around \d\d:\d\d|stopping around \d\d:\d\d|for the next 2 hours)|No rain or snow for the next 2 hours)\.$/,
    );
    const sydney = await api.caller.weather.forecast({ latitude: -33.9, longitude: 151.1 });
    expect(sydney.nextTwoHours!.interpolated).toBe(true);
    expect(sydney.nextTwoHours!.summary).toMatch(/\(timing estimated from hourly forecasts\)\.$/);
  });

  it('stores the past 48 hours of 15-minute steps but serves none of them, even when served late', async () => {
    const zurich = { latitude: 47.38, longitude: 8.55 };
    const fetched = await api.caller.weather.forecast(zurich);
    const row = await api.db
      .selectFrom('weatherCache')
      .select('payload')
      .where('resource', '=', 'forecast')
      .where('cacheKey', '=', '47.38,8.55')
      .executeTakeFirstOrThrow();
    const stored = (row.payload as { data: ProviderForecast }).data.minutely15!.steps;
    const hoursBefore = (time: string, than: string) =>
      (Date.parse(`${than}Z`) - Date.parse(`${time}Z`)) / 3_600_000;
    expect(hoursBefore(stored[0]!.time, fetched.current.time)).toBeGreaterThanOrEqual(48);
    expect(fetched).not.toHaveProperty('minutely15');

    // The same stored answer, read 40 minutes on by an instance whose clock says so.
    const later = Date.now() + 40 * 60_000;
    const { caller, services } = api.instance({ now: () => new Date(later) });
    const lateAnswer = await caller.weather.forecast(zurich);
    // It refreshes the entry behind the answer: done before the next test counts calls.
    await services.settled();
    const nowThere = localDateTime(lateAnswer.location.timezone, later);
    const steps = lateAnswer.nextTwoHours!.steps;
    expect(steps).toHaveLength(8);
    expect(steps.every((step) => step.time > nowThere)).toBe(true);
    // The first is the step that holds now: it ends within a quarter hour.
    expect(hoursBefore(nowThere, steps[0]!.time)).toBeLessThanOrEqual(0.25);
  });

  it('asks the provider once for repeated requests within 10 minutes', async () => {
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    api.stub.resetCalls();
    const first = await api.caller.weather.forecast(paris);
    const second = await api.caller.weather.forecast(paris);
    // A point a few hundred metres away lies in the same ~1 km cell.
    const nearby = await api.caller.weather.forecast({ latitude: 48.8551, longitude: 2.3518 });
    expect(api.stub.calls('/v1/forecast')).toBe(1);
    expect(second.fetchedAt).toBe(first.fetchedAt);
    expect(nearby.fetchedAt).toBe(first.fetchedAt);
  });

  it('stores the forecast in PostgreSQL with its freshness', async () => {
    await api.caller.weather.forecast({ latitude: 40.4168, longitude: -3.7038 });
    const row = await api.db
      .selectFrom('weatherCache')
      .selectAll()
      .where('resource', '=', 'forecast')
      .where('cacheKey', '=', '40.42,-3.7')
      .executeTakeFirstOrThrow();
    expect(row.freshUntil.getTime() - row.fetchedAt.getTime()).toBe(10 * 60_000);
  });

  it.each([
    ['an upstream 500', 'BAD_GATEWAY', { mode: 'error' as const, status: 500 }],
    ['an upstream 400 error body', 'BAD_GATEWAY', { mode: 'bad-request' as const }],
    ['malformed JSON', 'BAD_GATEWAY', { mode: 'malformed' as const }],
    ['a refused connection', 'BAD_GATEWAY', { mode: 'down' as const }],
    [
      'a provider slower than the timeout',
      'GATEWAY_TIMEOUT',
      { mode: 'slow' as const, delayMs: 3_000 },
    ],
  ])('turns %s into %s and stores nothing', async (_name, code, fault) => {
    api.stub.setFault(fault);
    const coordinates = { latitude: -33.87, longitude: 151.21 };
    // A short timeout here only, so that other tests pass on a loaded machine.
    const { caller } = api.instance({ timeoutMs: 300 });
    const error = await errorOf(caller.weather.forecast(coordinates));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/weather service/i);
    const stored = await api.db
      .selectFrom('weatherCache')
      .select('provider')
      .where('cacheKey', '=', '-33.87,151.21')
      .execute();
    expect(stored).toEqual([]);
  });

  it.each([
    ['latitude above 90', { latitude: 91, longitude: 0 }],
    ['longitude below -180', { latitude: 0, longitude: -180.5 }],
    ['NaN', { latitude: Number.NaN, longitude: 0 }],
    ['Infinity', { latitude: 0, longitude: Number.POSITIVE_INFINITY }],
    ['a string', { latitude: '52.5', longitude: 13.4 }],
    ['a missing field', { latitude: 52.5 }],
  ])('rejects %s with BAD_REQUEST', async (_name, input) => {
    // @ts-expect-error -- deliberately wrong inputs
    const error = await errorOf(api.caller.weather.forecast(input));
    expect(error.code).toBe('BAD_REQUEST');
  });
});

describe('weather.airQuality', () => {
  it('answers AQI and pollutants now and for the coming hours, stored like forecasts', async () => {
    api.stub.resetCalls();
    const report = await api.caller.weather.airQuality({ latitude: 52.52, longitude: 13.41 });
    await api.caller.weather.airQuality({ latitude: 52.52, longitude: 13.41 });
    expect(api.stub.calls('/v1/air-quality')).toBe(1);
    expect(report.source).toBe('open-meteo');
    expect(report.stale).toBe(false);
    expect(report.current.europeanAqi).toEqual(expect.any(Number));
    expect(report.current.usAqi).toEqual(expect.any(Number));
    expect(report.current.pm2_5).toEqual(expect.any(Number));
    expect(report.hourly.length).toBeGreaterThanOrEqual(24);
    expect(report.hourly[0]!.time.slice(0, 13) >= report.current.time.slice(0, 13)).toBe(true);
  });

  it('gives pollen by type in Europe and none at all (null, not zeros) where there is no model', async () => {
    const paris = await api.caller.weather.airQuality({ latitude: 48.86, longitude: 2.35 });
    expect(Object.keys(paris.pollen!)).toEqual([
      'alder',
      'birch',
      'grass',
      'mugwort',
      'olive',
      'ragweed',
    ]);
    for (const count of Object.values(paris.pollen!)) expect(count).toBeGreaterThanOrEqual(0);
    const santiago = await api.caller.weather.airQuality({ latitude: -33.45, longitude: -70.67 });
    expect(santiago.pollen).toBeNull();
  });

  it('rejects coordinates off the globe with BAD_REQUEST', async () => {
    const error = await errorOf(api.caller.weather.airQuality({ latitude: -91, longitude: 0 }));
    expect(error.code).toBe('BAD_REQUEST');
  });
});

describe('weather.sunAndMoon', () => {
  it('answers 16 local days of sun and moon in the point’s own zone, asking no provider', async () => {
    api.stub.resetCalls();
    const answer = await api.caller.weather.sunAndMoon({ latitude: 52.52, longitude: 13.41 });
    expect(api.stub.calls('/v1/forecast')).toBe(0);
    expect(answer.timezone).toBe('Europe/Berlin');
    expect(answer.days).toHaveLength(16);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
      new Date(),
    );
    expect(answer.days[0]!.date).toBe(today);
    for (const day of answer.days) {
      expect(day.sunrise?.startsWith(day.date)).toBe(true);
      expect(day.dayLength).toBeGreaterThan(6 * 3600);
      expect(day.moonIllumination).toBeGreaterThanOrEqual(0);
    }
  });

  it('falls back to nautical time at sea, where no zone is named', async () => {
    const answer = await api.caller.weather.sunAndMoon({ latitude: -40, longitude: -150, days: 1 });
    expect(answer.timezone).toMatch(/^(Etc\/GMT\+10|Pacific\/)/);
    expect(answer.days).toHaveLength(1);
  });

  it.each([
    ['more than 16 days', { latitude: 0, longitude: 0, days: 17 }],
    ['no days', { latitude: 0, longitude: 0, days: 0 }],
    ['a latitude off the globe', { latitude: 95, longitude: 0 }],
  ])('rejects %s with BAD_REQUEST', async (_name, input) => {
    const error = await errorOf(api.caller.weather.sunAndMoon(input));
    expect(error.code).toBe('BAD_REQUEST');
  });
});

describe('weather.day', () => {
  const rome = { latitude: 41.9, longitude: 12.5 };
  const dayAfter = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it('answers a coming day hour by hour from the stored forecast, in the units asked for', async () => {
    const forecast = await api.caller.weather.forecast(rome);
    const today = forecast.daily[0]!.date;
    api.stub.resetCalls();
    const last = dayAfter(today, 15);
    const detail = await api.caller.weather.day({ ...rome, date: last, units: 'imperial' });
    expect(api.stub.calls('/v1/forecast')).toBe(0);
    expect(detail.day.date).toBe(last);
    expect([detail.previousDate, detail.nextDate]).toEqual([dayAfter(today, 14), null]);
    expect(detail.hours).toHaveLength(24);
    expect(detail.hours.every((hour) => hour.time.startsWith(last))).toBe(true);
    expect(detail.units.temperature).toBe('°F');
    for (const hour of detail.hours) {
      expect(hour.windGusts).toEqual(expect.any(Number));
      expect(hour.cloudCover).toEqual(expect.any(Number));
      expect(hour.dewPoint).toEqual(expect.any(Number));
      expect(hour.uvIndex).toEqual(expect.any(Number));
      expect(hour.dewPoint!).toBeLessThanOrEqual(hour.temperature + 0.2);
    }
    expect(Math.max(...detail.hours.map((hour) => hour.temperature))).toBeCloseTo(
      detail.day.temperatureMax,
      0,
    );
  });

  it('answers NOT_FOUND for a day outside the coming 16, yesterday included', async () => {
    const forecast = await api.caller.weather.forecast(rome);
    const today = forecast.daily[0]!.date;
    for (const date of [dayAfter(today, -1), dayAfter(today, 16), '1999-01-01']) {
      const error = await errorOf(api.caller.weather.day({ ...rome, date }));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/coming 16 days/);
    }
  });

  it.each([
    ['a date in another form', '03/12/2026'],
    ['a date that does not exist', '2026-02-30'],
    ['a very long string', 'x'.repeat(10_000)],
  ])('rejects %s with BAD_REQUEST', async (_name, date) => {
    const error = await errorOf(api.caller.weather.day({ ...rome, date }));
    expect(error.code).toBe('BAD_REQUEST');
  });
});

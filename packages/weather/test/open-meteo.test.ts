import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '@skycast/vitest-config/testing';

import {
  airQualitySchema,
  createOpenMeteo,
  hasNativeMinutely15,
  ProviderError,
  type WeatherProvider,
} from '../src/index.ts';
import { fixture, forwardTo, startRelay } from './relay.ts';

// Contract tests: the real client against the local provider over real HTTP.
// The stub's clock is fixed (13:37 in Berlin) so its answers are reproducible.
const NOW = new Date('2026-02-23T12:37:12Z');
const BERLIN = { latitude: 52.52, longitude: 13.41 };

let stub: WeatherStub;
let provider: WeatherProvider;

function openMeteoAt(url: string, timeoutMs?: number): WeatherProvider {
  return createOpenMeteo({
    forecastUrl: url,
    geocodingUrl: url,
    airQualityUrl: url,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
  provider = openMeteoAt(stub.url);
});
afterAll(() => stub.close());
afterEach(() => stub.setFault(null));

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, ProviderError);

describe('createOpenMeteo: forecast', () => {
  it('maps a forecast into the model: current conditions, hours, days and the place', async () => {
    const { data, simulated } = await provider.forecast(BERLIN);
    expect(simulated).toBe(true);
    expect(data.location).toEqual({
      latitude: 52.52,
      longitude: 13.41,
      timezone: 'Europe/Berlin',
      elevation: 74,
    });

    expect(data.current).toMatchObject({
      time: '2026-02-23T13:30',
      temperature: expect.any(Number) as number,
      apparentTemperature: expect.any(Number) as number,
      humidity: expect.any(Number) as number,
      windSpeed: expect.any(Number) as number,
      windDirection: expect.any(Number) as number,
      windGusts: expect.any(Number) as number,
      weatherCode: expect.any(Number) as number,
      isDay: true,
      precipitation: expect.any(Number) as number,
      pressure: expect.any(Number) as number,
      cloudCover: expect.any(Number) as number,
    });
    // UV index and visibility come from the hourly row of the current hour.
    expect(data.current.uvIndex).toEqual(expect.any(Number));
    expect(data.current.visibility).toEqual(expect.any(Number));

    // `past_days=2`: the series start the day before yesterday, for "warmer than
    // yesterday" and a watch's preview over the last 48 hours.
    expect(data.hourly.length).toBeGreaterThanOrEqual(72);
    expect(data.hourly[0]).toMatchObject({ time: '2026-02-21T00:00', isDay: false });
    expect(data.hourly[48 + 13]?.time).toBe('2026-02-23T13:00');
    for (const hour of data.hourly) {
      expect(hour.humidity).toBeGreaterThanOrEqual(0);
      expect(hour.humidity).toBeLessThanOrEqual(100);
      expect(hour.precipitationProbability).toEqual(expect.any(Number));
    }

    expect(data.daily.length).toBe(18);
    expect(data.daily[0]?.date).toBe('2026-02-21');
    expect(data.daily[2]).toMatchObject({
      date: '2026-02-23',
      sunrise: expect.stringMatching(/^2026-02-23T0[67]:\d\d$/) as string,
      sunset: expect.stringMatching(/^2026-02-23T17:\d\d$/) as string,
    });
    for (const day of data.daily)
      expect(day.temperatureMax).toBeGreaterThanOrEqual(day.temperatureMin);
  });
});

describe('createOpenMeteo: 15-minute steps', () => {
  it('keeps the past 48 hours of steps and six hours ahead, from the same call', async () => {
    const { data } = await provider.forecast(BERLIN);
    const times = data.minutely15!.steps.map((step) => step.time);
    // 13:37 in Berlin: the current step is 13:30; 192 steps back, 24 from it on.
    expect(times).toHaveLength(192 + 24);
    expect(times[0]).toBe('2026-02-21T13:30');
    expect(times[192]).toBe('2026-02-23T13:30');
    expect(times.at(-1)).toBe('2026-02-23T19:15');
  });

  it('weighs what the call without past steps weighs: they lie within `past_days`', async () => {
    const relay = await startRelay(forwardTo(stub.url));
    try {
      const before = stub.weightedCalls();
      await openMeteoAt(relay.url).forecast(BERLIN);
      const withPast = stub.weightedCalls() - before;
      const withoutPast = new URL(
        `${relay.requests[0]!.pathname}${relay.requests[0]!.search}`,
        stub.url,
      );
      withoutPast.searchParams.delete('past_minutely_15');
      expect((await fetch(withoutPast)).ok).toBe(true);
      expect(stub.weightedCalls() - before - withPast).toBeCloseTo(withPast);
    } finally {
      await relay.close();
    }
  });
});

describe('createOpenMeteo: forecast request and a recorded answer', () => {
  it('asks for 16 days ahead and 2 days back in the local zone, in canonical units', async () => {
    const relay = await startRelay(forwardTo(stub.url));
    try {
      await openMeteoAt(relay.url).forecast(BERLIN);
      const params = Object.fromEntries(relay.requests[0]!.searchParams);
      expect(params).toMatchObject({
        timezone: 'auto',
        forecast_days: '16',
        past_days: '2',
        minutely_15: 'precipitation,rain,snowfall',
        forecast_minutely_15: '24',
        past_minutely_15: '192',
      });
      // Units are never asked for: Open-Meteo's defaults are the canonical ones.
      expect(params).not.toHaveProperty('temperature_unit');
    } finally {
      await relay.close();
    }
  });

  it('maps a recorded answer with a past day: yesterday stays in the days and hours', async () => {
    // Open-Meteo's documented shape with `past_days=1`, trimmed to two days of two hours each.
    const relay = await startRelay(
      fixture({
        latitude: 52.52,
        longitude: 13.419998,
        generationtime_ms: 0.31,
        utc_offset_seconds: 3600,
        timezone: 'Europe/Berlin',
        timezone_abbreviation: 'GMT+1',
        elevation: 38,
        current_units: { time: 'iso8601', interval: 'seconds', temperature_2m: '°C' },
        current: {
          time: '2026-02-23T13:30',
          interval: 900,
          temperature_2m: 6.1,
          relative_humidity_2m: 71,
          apparent_temperature: 2.9,
          is_day: 1,
          precipitation: 0,
          weather_code: 3,
          cloud_cover: 100,
          pressure_msl: 1012.4,
          wind_speed_10m: 14.8,
          wind_direction_10m: 245,
          wind_gusts_10m: 31.3,
        },
        hourly_units: { time: 'iso8601', temperature_2m: '°C' },
        hourly: {
          time: ['2026-02-22T13:00', '2026-02-22T14:00', '2026-02-23T13:00', '2026-02-23T14:00'],
          temperature_2m: [3.2, 3.4, 5.9, 6.3],
          apparent_temperature: [0.1, 0.4, 2.8, 3.1],
          precipitation_probability: [10, 5, 20, 15],
          precipitation: [0, 0, 0.1, 0],
          weather_code: [2, 2, 3, 3],
          wind_speed_10m: [9.4, 10.1, 14.8, 15.2],
          relative_humidity_2m: [80, 78, 71, 70],
          is_day: [1, 1, 1, 1],
          uv_index: [0.9, 0.7, 1.1, 0.8],
          visibility: [24000, 24100, 18000, 19000],
          wind_gusts_10m: [20.5, 22.3, 31.3, 33.1],
          cloud_cover: [40, 45, 100, 100],
          dew_point_2m: [-0.4, -0.5, 1.2, 1.3],
        },
        minutely_15_units: { time: 'iso8601', precipitation: 'mm', rain: 'mm', snowfall: 'cm' },
        minutely_15: {
          time: ['2026-02-23T13:30', '2026-02-23T13:45', '2026-02-23T14:00'],
          precipitation: [0.0, 0.3, null],
          rain: [0.0, 0.2, null],
          snowfall: [0.0, 0.07, null],
        },
        daily_units: { time: 'iso8601', temperature_2m_max: '°C' },
        daily: {
          time: ['2026-02-22', '2026-02-23'],
          weather_code: [2, 61],
          temperature_2m_max: [4.1, 7.0],
          temperature_2m_min: [-1.2, 1.9],
          precipitation_sum: [0, 1.4],
          precipitation_probability_max: [10, 60],
          sunrise: ['2026-02-22T07:07', '2026-02-23T07:05'],
          sunset: ['2026-02-22T17:40', '2026-02-23T17:42'],
          uv_index_max: [1.3, 1.2],
        },
      }),
    );
    try {
      const { data } = await openMeteoAt(relay.url).forecast(BERLIN);
      expect(data.daily.map((day) => [day.date, day.temperatureMax])).toEqual([
        ['2026-02-22', 4.1],
        ['2026-02-23', 7.0],
      ]);
      expect(data.hourly[0]).toEqual({
        time: '2026-02-22T13:00',
        temperature: 3.2,
        apparentTemperature: 0.1,
        precipitationProbability: 10,
        precipitation: 0,
        weatherCode: 2,
        windSpeed: 9.4,
        humidity: 80,
        isDay: true,
        windGusts: 20.5,
        cloudCover: 40,
        dewPoint: -0.4,
        uvIndex: 0.9,
      });
      // "Now" still comes from the current hour, not the first (yesterday's) one.
      expect(data.current).toMatchObject({ uvIndex: 1.1, visibility: 18000 });
      // A step without a value is dropped, not read as dry; Berlin has 15-minute models.
      expect(data.minutely15).toEqual({
        interpolated: false,
        steps: [
          { time: '2026-02-23T13:30', precipitation: 0, rain: 0, snowfall: 0 },
          { time: '2026-02-23T13:45', precipitation: 0.3, rain: 0.2, snowfall: 0.07 },
        ],
      });
    } finally {
      await relay.close();
    }
  });
});

describe('createOpenMeteo: polar night and midnight sun', () => {
  it('gives no sunrise or sunset at 00:00 where the sun does not rise, and says so', async () => {
    // 85° N on 23 February: the sun stays below the horizon all day.
    const { data } = await provider.forecast({ latitude: 85, longitude: 15 });
    expect(data.daily[0]).toMatchObject({ polar: 'polar-night', sunrise: null, sunset: null });
    for (const day of data.daily) {
      expect(day.sunrise?.endsWith('T00:00') ?? false).toBe(false);
      if (day.polar !== null) expect([day.sunrise, day.sunset]).toEqual([null, null]);
    }
  });

  it('marks midnight sun, with neither sunrise nor sunset', async () => {
    const june = await startWeatherStub({ now: () => new Date('2026-06-21T10:00:00Z') });
    try {
      const { data } = await openMeteoAt(june.url).forecast({ latitude: 69.65, longitude: 18.96 });
      expect(data.daily[0]).toMatchObject({ polar: 'midnight-sun', sunrise: null, sunset: null });
    } finally {
      await june.close();
    }
  });

  it('keeps ordinary days as they are', async () => {
    const { data } = await provider.forecast(BERLIN);
    expect(data.daily.every((day) => day.polar === null && day.sunrise !== null)).toBe(true);
  });
});

describe('createOpenMeteo: searchLocations', () => {
  it('maps places with their region and country code', async () => {
    const { data, simulated } = await provider.searchLocations({ query: 'London', limit: 5 });
    expect(simulated).toBe(true);
    expect(data).toEqual([
      {
        id: 'open-meteo:2643743',
        name: 'London',
        country: 'United Kingdom',
        countryCode: 'GB',
        admin1: 'England',
        latitude: 51.50853,
        longitude: -0.12574,
        timezone: 'Europe/London',
      },
      {
        id: 'open-meteo:6058560',
        name: 'London',
        country: 'Canada',
        countryCode: 'CA',
        admin1: 'Ontario',
        latitude: 42.98339,
        longitude: -81.23304,
        timezone: 'America/Toronto',
      },
    ]);
  });

  it("names the country from its code, in the caller's language, where the answer leaves it out", async () => {
    const place = {
      id: 2761369,
      name: 'Wien',
      latitude: 48.20849,
      longitude: 16.37208,
      country_code: 'AT',
      admin1: 'Wien',
      timezone: 'Europe/Vienna',
    };
    const relay = await startRelay(
      fixture({ results: [place, { ...place, id: 1, country_code: undefined }] }),
    );
    try {
      const search = (language: string) =>
        openMeteoAt(relay.url).searchLocations({ query: 'Wien', limit: 5, language });
      expect((await search('de')).data.map((found) => [found.country, found.countryCode])).toEqual([
        ['Österreich', 'AT'],
        ['', ''],
      ]);
      expect((await search('fr')).data[0]?.country).toBe('Autriche');
      expect((await search('ar')).data[0]?.country).toBe('النمسا');
    } finally {
      await relay.close();
    }
  });

  it('answers [] when Open-Meteo leaves out `results`', async () => {
    expect((await provider.searchLocations({ query: 'Xqzzyplace', limit: 5 })).data).toEqual([]);
    expect((await provider.searchLocations({ query: 'B', limit: 5 })).data).toEqual([]);
  });
});

describe('createOpenMeteo: airQuality', () => {
  const AIR = ['european_aqi', 'us_aqi', 'pm2_5', 'pm10', 'ozone', 'nitrogen_dioxide'];
  const POLLEN = ['alder', 'birch', 'grass', 'mugwort', 'olive', 'ragweed'].map(
    (type) => `${type}_pollen`,
  );

  it('asks for current and hourly AQI, PM2.5, PM10, O3 and NO2 over 5 days in the local zone', async () => {
    const relay = await startRelay(forwardTo(stub.url));
    try {
      await openMeteoAt(relay.url).airQuality(BERLIN);
      const [request] = relay.requests;
      expect(request?.pathname).toBe('/v1/air-quality');
      expect(Object.fromEntries(request!.searchParams)).toEqual({
        latitude: '52.52',
        longitude: '13.41',
        current: [...AIR, ...POLLEN].join(','),
        hourly: AIR.join(','),
        timezone: 'auto',
        forecast_days: '5',
      });
    } finally {
      await relay.close();
    }
  });

  it('maps every variable onto its own field, now and hour by hour', async () => {
    const { data, simulated } = await provider.airQuality(BERLIN);
    expect(simulated).toBe(true);
    expect(airQualitySchema.parse(data)).toEqual(data);
    expect(data.location).toEqual({ latitude: 52.52, longitude: 13.41, timezone: 'Europe/Berlin' });

    // The same request straight to the stub, to check each field against its own column.
    const raw = new URL('/v1/air-quality', stub.url);
    raw.search = new URLSearchParams({
      latitude: '52.52',
      longitude: '13.41',
      current: AIR.join(','),
      hourly: AIR.join(','),
      timezone: 'auto',
      forecast_days: '5',
    }).toString();
    const body = (await (await fetch(raw)).json()) as {
      current: Record<string, number | string>;
      hourly: Record<string, (number | string)[]>;
    };
    expect(data.current).toEqual({
      time: '2026-02-23T13:00',
      europeanAqi: body.current.european_aqi,
      usAqi: body.current.us_aqi,
      pm2_5: body.current.pm2_5,
      pm10: body.current.pm10,
      ozone: body.current.ozone,
      nitrogenDioxide: body.current.nitrogen_dioxide,
    });
    expect(data.hourly).toHaveLength(5 * 24);
    expect(data.hourly[0]!.time).toBe('2026-02-23T00:00');
    expect(data.hourly.at(-1)!.time).toBe('2026-02-27T23:00');
    data.hourly.forEach((hour, i) => {
      expect(hour).toEqual({
        time: body.hourly.time![i],
        europeanAqi: body.hourly.european_aqi![i],
        usAqi: body.hourly.us_aqi![i],
        pm2_5: body.hourly.pm2_5![i],
        pm10: body.hourly.pm10![i],
        ozone: body.hourly.ozone![i],
        nitrogenDioxide: body.hourly.nitrogen_dioxide![i],
      });
    });
  });

  it('keeps nulls where Open-Meteo has no value', async () => {
    // Open-Meteo's US AQI needs a day of history, so the first hours can be null.
    const relay = await startRelay(
      fixture({
        latitude: 52.52,
        longitude: 13.419998,
        generationtime_ms: 0.2,
        utc_offset_seconds: 3600,
        timezone: 'Europe/Berlin',
        timezone_abbreviation: 'GMT+1',
        elevation: 38,
        current_units: {
          time: 'iso8601',
          interval: 'seconds',
          european_aqi: 'EAQI',
          us_aqi: 'USAQI',
        },
        current: {
          time: '2026-02-23T13:00',
          interval: 3600,
          european_aqi: 32,
          us_aqi: null,
          pm2_5: null,
          pm10: null,
          ozone: null,
          nitrogen_dioxide: null,
        },
        hourly_units: { time: 'iso8601', pm2_5: 'μg/m³', us_aqi: 'USAQI' },
        hourly: {
          time: ['2026-02-23T00:00', '2026-02-23T01:00'],
          european_aqi: [null, null],
          us_aqi: [null, 41],
          pm2_5: [7.1, null],
          pm10: [null, null],
          ozone: [null, null],
          nitrogen_dioxide: [null, null],
        },
      }),
    );
    try {
      const { data } = await openMeteoAt(relay.url).airQuality(BERLIN);
      expect(data.current).toEqual({
        time: '2026-02-23T13:00',
        europeanAqi: 32,
        usAqi: null,
        pm2_5: null,
        pm10: null,
        ozone: null,
        nitrogenDioxide: null,
      });
      expect(data.hourly).toEqual([
        {
          time: '2026-02-23T00:00',
          europeanAqi: null,
          usAqi: null,
          pm2_5: 7.1,
          pm10: null,
          ozone: null,
          nitrogenDioxide: null,
        },
        {
          time: '2026-02-23T01:00',
          europeanAqi: null,
          usAqi: 41,
          pm2_5: null,
          pm10: null,
          ozone: null,
          nitrogenDioxide: null,
        },
      ]);
    } finally {
      await relay.close();
    }
  });

  it('maps a recorded answer with pollen, and none at all to null rather than zeros', async () => {
    // Open-Meteo's documented shape, `current` with the six *_pollen variables (grains/m³).
    const answer = (pollen: (number | null)[]) => ({
      latitude: 48.86,
      longitude: 2.3399997,
      generationtime_ms: 0.4,
      utc_offset_seconds: 7200,
      timezone: 'Europe/Paris',
      timezone_abbreviation: 'GMT+2',
      elevation: 43,
      current_units: { time: 'iso8601', interval: 'seconds', birch_pollen: 'grains/m³' },
      current: {
        time: '2026-04-20T14:00',
        interval: 3600,
        european_aqi: 38,
        us_aqi: 51,
        pm2_5: 9.3,
        pm10: 15.1,
        ozone: 88,
        nitrogen_dioxide: 17.2,
        ...Object.fromEntries(POLLEN.map((name, i) => [name, pollen[i]])),
      },
      hourly_units: { time: 'iso8601' },
      hourly: {
        time: [],
        european_aqi: [],
        us_aqi: [],
        pm2_5: [],
        pm10: [],
        ozone: [],
        nitrogen_dioxide: [],
      },
    });
    const inSeason = await startRelay(fixture(answer([12.4, 310.0, 8.1, 0.0, 0.3, 0.0])));
    const elsewhere = await startRelay(fixture(answer([null, null, null, null, null, null])));
    try {
      const europe = await openMeteoAt(inSeason.url).airQuality(BERLIN);
      expect(europe.data.pollen).toEqual({
        alder: 12.4,
        birch: 310,
        grass: 8.1,
        mugwort: 0,
        olive: 0.3,
        ragweed: 0,
      });
      const away = await openMeteoAt(elsewhere.url).airQuality(BERLIN);
      expect(away.data.pollen).toBeNull();
    } finally {
      await inSeason.close();
      await elsewhere.close();
    }
  });

  it("turns an answer that leaves out a variable asked for into kind 'malformed'", async () => {
    const relay = await startRelay(
      forwardTo(stub.url, (url) => url.searchParams.set('current', 'european_aqi,us_aqi')),
    );
    try {
      const error = await failureOf(openMeteoAt(relay.url).airQuality(BERLIN));
      expect(error.kind).toBe('malformed');
      expect(error.message).toMatch(/current\.pm2_5/);
    } finally {
      await relay.close();
    }
  });

  it("turns Open-Meteo's 400 into kind 'http' with its reason", async () => {
    const error = await failureOf(provider.airQuality({ latitude: 91, longitude: 0 }));
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      reason: 'Latitude must be in range of -90 to 90°. Given: 91.0.',
    });
  });

  it("turns a 429 on /v1/air-quality into kind 'rate-limited' and a cut body into 'malformed'", async () => {
    stub.setFault({ mode: 'rate-limit', retryAfter: '30', endpoints: ['/v1/air-quality'] });
    expect((await failureOf(provider.airQuality(BERLIN))).kind).toBe('rate-limited');
    // The fault is limited to air quality: the forecast still answers.
    await expect(provider.forecast(BERLIN)).resolves.toBeDefined();

    stub.setFault({ mode: 'malformed', endpoints: ['/v1/air-quality'] });
    expect((await failureOf(provider.airQuality(BERLIN))).kind).toBe('malformed');
  });

  it("turns a forecast body where air quality was expected into kind 'malformed'", async () => {
    const relay = await startRelay(
      forwardTo(stub.url, (url) => {
        url.pathname = '/v1/forecast';
        url.searchParams.set('current', 'temperature_2m');
        url.searchParams.set('hourly', 'temperature_2m');
      }),
    );
    try {
      const error = await failureOf(openMeteoAt(relay.url).airQuality(BERLIN));
      expect(error.kind).toBe('malformed');
    } finally {
      await relay.close();
    }
  });
});

describe('createOpenMeteo: failures', () => {
  it("turns a 400 into kind 'http' with the provider's reason", async () => {
    const error = await failureOf(provider.forecast({ latitude: 91, longitude: 0 }));
    expect(error).toMatchObject({
      kind: 'http',
      provider: 'open-meteo',
      status: 400,
      reason: 'Latitude must be in range of -90 to 90°. Given: 91.0.',
    });

    stub.setFault({ mode: 'bad-request', endpoints: ['/v1/search'] });
    const search = await failureOf(provider.searchLocations({ query: 'Berlin', limit: 5 }));
    expect(search).toMatchObject({
      kind: 'http',
      status: 400,
      reason: expect.stringMatching(/bad request/i) as string,
    });
  });

  it("turns a 500 into kind 'http' with status 500", async () => {
    stub.setFault({ mode: 'error', status: 500 });
    const error = await failureOf(provider.forecast(BERLIN));
    expect(error).toMatchObject({ kind: 'http', status: 500, reason: 'Internal Server Error' });
  });

  it("turns a provider slower than timeoutMs into kind 'timeout'", async () => {
    stub.setFault({ mode: 'slow' }); // 10 s, far beyond the 300 ms allowed
    const error = await failureOf(openMeteoAt(stub.url, 300).forecast(BERLIN));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/300 ms/);
  });

  it("turns a body that is not JSON into kind 'malformed'", async () => {
    stub.setFault({ mode: 'malformed' });
    const error = await failureOf(provider.forecast(BERLIN));
    expect(error).toMatchObject({ kind: 'malformed', status: 200 });
  });

  it("turns JSON in the wrong shape into kind 'malformed'", async () => {
    // A 200 carrying an error body: valid JSON, but no forecast in it.
    stub.setFault({ mode: 'error', status: 200 });
    const error = await failureOf(provider.forecast(BERLIN));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/unexpected shape/);
  });

  it("turns a 429 into kind 'rate-limited' with retryAt from Retry-After in seconds", async () => {
    stub.setFault({ mode: 'rate-limit', retryAfter: '120' });
    const before = Date.now();
    const error = await failureOf(provider.forecast(BERLIN));
    const after = Date.now();
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(error.reason).toMatch(/request limit exceeded/);
    expect(error.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    expect(error.retryAt!.getTime()).toBeLessThanOrEqual(after + 120_000);
  });

  it("turns a 429 into kind 'rate-limited' with retryAt from Retry-After as an HTTP date", async () => {
    // Whole seconds, as HTTP dates have them, and well in the future.
    const retryAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 300_000);
    stub.setFault({ mode: 'rate-limit', retryAfter: retryAt.toUTCString() });
    const error = await failureOf(provider.searchLocations({ query: 'Berlin', limit: 5 }));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt).toEqual(retryAt);
  });

  it("turns a dropped connection into kind 'network'", async () => {
    stub.setFault({ mode: 'down' });
    const error = await failureOf(provider.forecast(BERLIN));
    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
  });
});

describe('hasNativeMinutely15', () => {
  it.each([
    ['Berlin', 52.52, 13.41, true],
    ['Paris', 48.86, 2.35, true],
    ['Denver', 39.74, -104.99, true],
    ['Sydney', -33.87, 151.21, false],
    ['Lisbon', 38.72, -9.14, false],
    ['Tokyo', 35.68, 139.69, false],
  ])('says whether %s has 15-minute models (%s)', (_name, latitude, longitude, native) => {
    expect(hasNativeMinutely15(latitude, longitude)).toBe(native);
  });
});

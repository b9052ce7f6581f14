import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '@skycast/vitest-config/testing';

import {
  airQualitySchema,
  createOpenWeather,
  placeSchema,
  providerForecastSchema,
  ProviderError,
  usAqiFromPm25,
  wmoCodeForOpenWeather,
  type WeatherProvider,
} from '../src/index.ts';
import { fixture, forwardTo, type RelayAnswer, startRelay } from './relay.ts';

// Contract tests: the real client against the local provider over real HTTP.
// The stub's clock is fixed (13:37 in Berlin) so its answers are reproducible.
const NOW = new Date('2026-02-23T12:37:12Z');
const BERLIN = { latitude: 52.52, longitude: 13.41 };
/** Snowing at NOW, with snow in many of the coming steps. */
const OSLO = { latitude: 59.91, longitude: 10.75 };
const KEY = 'test-key-4f1c9e';

let stub: WeatherStub;
let provider: WeatherProvider;

function openWeatherAt(baseUrl: string, init: { apiKey?: string; timeoutMs?: number } = {}) {
  return createOpenWeather({ baseUrl, apiKey: init.apiKey ?? KEY, ...init });
}

beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
  provider = openWeatherAt(stub.url);
});
afterAll(() => stub.close());
afterEach(() => stub.setFault(null));

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, ProviderError);

/** The stub's own answer, in metric units, to compare the mapping with. */
async function raw<T>(path: string, place: { latitude: number; longitude: number }): Promise<T> {
  const url = new URL(path, stub.url);
  url.search = new URLSearchParams({
    lat: String(place.latitude),
    lon: String(place.longitude),
    units: 'metric',
    appid: KEY,
  }).toString();
  return (await (await fetch(url)).json()) as T;
}

interface RawCurrent {
  main: { temp: number; feels_like: number; humidity: number; pressure: number };
  wind: { speed: number; deg: number; gust: number };
  weather: { id: number; icon: string }[];
  snow?: { '1h': number };
  rain?: { '1h': number };
  clouds: { all: number };
  visibility: number;
  timezone: number;
}

interface RawStep {
  dt: number;
  main: { temp: number; temp_min: number; temp_max: number; feels_like: number; humidity: number };
  weather: { id: number }[];
  wind: { speed: number; gust: number };
  clouds: { all: number };
  pop: number;
  rain?: { '3h': number };
  snow?: { '3h': number };
  sys: { pod: 'd' | 'n' };
}

/** Local wall-clock time at a fixed offset, as the model writes it. */
const atOffset = (seconds: number, offset: number) =>
  new Date((seconds + offset) * 1000).toISOString().slice(0, 16);

async function withRelay<T>(
  answer: (url: URL) => Promise<RelayAnswer>,
  use: (provider: WeatherProvider, requests: URL[]) => Promise<T>,
): Promise<T> {
  const relay = await startRelay(answer);
  try {
    return await use(openWeatherAt(relay.url), relay.requests);
  } finally {
    await relay.close();
  }
}

describe('createOpenWeather: forecast', () => {
  it('maps current conditions into the model in °C and km/h', async () => {
    const { data, simulated } = await provider.forecast(OSLO);
    expect(simulated).toBe(true);
    expect(providerForecastSchema.parse(data)).toEqual(data);
    expect(data.location).toEqual({ latitude: 59.91, longitude: 10.75, timezone: 'Europe/Oslo' });

    const current = await raw<RawCurrent>('/data/2.5/weather', OSLO);
    expect(current.snow).toBeDefined();
    expect(data.current).toEqual({
      time: '2026-02-23T13:30',
      temperature: current.main.temp,
      apparentTemperature: current.main.feels_like,
      humidity: current.main.humidity,
      windSpeed: expect.closeTo(current.wind.speed * 3.6, 2) as number,
      windDirection: current.wind.deg,
      windGusts: expect.closeTo(current.wind.gust * 3.6, 2) as number,
      weatherCode: wmoCodeForOpenWeather(current.weather[0]!.id),
      isDay: current.weather[0]!.icon.endsWith('d'),
      precipitation: current.snow!['1h'],
      pressure: current.main.pressure,
      cloudCover: current.clouds.all,
      uvIndex: null,
      visibility: current.visibility,
    });
    // Snow showers in OpenWeather's words, snow in WMO's.
    expect(data.current.weatherCode).toBeGreaterThanOrEqual(71);
  });

  it('asks both endpoints for units=metric with the key, both calls in flight at once', async () => {
    let inFlightWhenFirstAnswered = 0;
    const forward = forwardTo(stub.url);
    const relay = await startRelay(async (url) => {
      // Hold each request until the other arrives (or 2 s pass): sequential calls would not overlap.
      const deadline = Date.now() + 2_000;
      while (relay.requests.length < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      inFlightWhenFirstAnswered ||= relay.requests.length;
      return forward(url);
    });
    try {
      await openWeatherAt(relay.url).forecast(BERLIN);
    } finally {
      await relay.close();
    }
    expect(inFlightWhenFirstAnswered).toBe(2);
    expect(relay.requests.map((url) => url.pathname).sort()).toEqual([
      '/data/2.5/forecast',
      '/data/2.5/weather',
    ]);
    for (const url of relay.requests) {
      expect(Object.fromEntries(url.searchParams)).toEqual({
        lat: '52.52',
        lon: '13.41',
        units: 'metric',
        appid: KEY,
      });
    }
  });

  it("rejects a Kelvin answer (OpenWeather's default) instead of showing 280 °C", async () => {
    const error = await withRelay(
      forwardTo(stub.url, (url) => url.searchParams.delete('units')),
      (kelvin) => failureOf(kelvin.forecast(BERLIN)),
    );
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/main\.temp/);
  });

  it('keeps the 3-hourly steps as the hourly series: local times, pop in %, mm per hour', async () => {
    const { data } = await provider.forecast(OSLO);
    const { list, city } = await raw<{ list: RawStep[]; city: { timezone: number } }>(
      '/data/2.5/forecast',
      OSLO,
    );
    expect(data.hourly).toHaveLength(list.length);
    list.forEach((step, i) => {
      const amount = (step.rain?.['3h'] ?? 0) + (step.snow?.['3h'] ?? 0);
      expect(data.hourly[i]).toEqual({
        time: atOffset(step.dt, city.timezone),
        temperature: step.main.temp,
        apparentTemperature: step.main.feels_like,
        precipitationProbability: Math.round(step.pop * 100),
        precipitation: expect.closeTo(amount / 3, 2) as number,
        weatherCode: wmoCodeForOpenWeather(step.weather[0]!.id),
        windSpeed: expect.closeTo(step.wind.speed * 3.6, 2) as number,
        humidity: step.main.humidity,
        isDay: step.sys.pod === 'd',
        windGusts: expect.closeTo(step.wind.gust * 3.6, 2) as number,
        cloudCover: step.clouds.all,
        // Not in the free 5-day forecast: null, not guessed.
        dewPoint: null,
        uvIndex: null,
      });
    });
    expect(data.hourly[0]!.time).toBe('2026-02-23T16:00');
    // 40 steps of 3 hours: far more than the 48 hours the app shows.
    const span = Date.parse(data.hourly.at(-1)!.time) - Date.parse(data.hourly[0]!.time);
    expect(span).toBeGreaterThanOrEqual(48 * 3_600_000);
    expect(data.hourly.some((hour) => (hour.precipitation ?? 0) > 0)).toBe(true);
  });

  it('aggregates the steps per local day, today to the last fully covered day', async () => {
    const { data } = await provider.forecast(OSLO);
    const { list, city } = await raw<{ list: RawStep[]; city: { timezone: number } }>(
      '/data/2.5/forecast',
      OSLO,
    );
    // From 13:30 on Monday to Saturday 13:00, whose afternoon the steps do not reach.
    expect(data.daily.map((day) => day.date)).toEqual([
      '2026-02-23',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
    ]);
    for (const day of data.daily.slice(1)) {
      const steps = list.filter((step) => atOffset(step.dt, city.timezone).startsWith(day.date));
      expect(steps).toHaveLength(8);
      expect(day).toMatchObject({
        temperatureMax: Math.max(...steps.map((step) => step.main.temp_max)),
        temperatureMin: Math.min(...steps.map((step) => step.main.temp_min)),
        precipitationSum: expect.closeTo(
          steps.reduce((sum, step) => sum + (step.rain?.['3h'] ?? 0) + (step.snow?.['3h'] ?? 0), 0),
          2,
        ) as number,
        precipitationProbabilityMax: Math.round(Math.max(...steps.map((step) => step.pop)) * 100),
        sunrise: null,
        sunset: null,
        polar: null,
        uvIndexMax: null,
      });
    }
    // Sunrise and sunset come from the current call, for today only.
    expect(data.daily[0]).toMatchObject({
      sunrise: expect.stringMatching(/^2026-02-23T0[78]:\d\d$/) as string,
      sunset: expect.stringMatching(/^2026-02-23T17:\d\d$/) as string,
    });
    for (const day of data.daily)
      expect(day.temperatureMax).toBeGreaterThanOrEqual(day.temperatureMin);
  });

  it('follows a daylight-saving change inside the 5 days with the IANA zone', async () => {
    // New York springs forward on Sunday 8 March 2026 at 02:00.
    const march = await startWeatherStub({ now: () => new Date('2026-03-06T12:00:00Z') });
    try {
      const { data } = await openWeatherAt(march.url).forecast({
        latitude: 40.71,
        longitude: -74.01,
      });
      expect(data.location.timezone).toBe('America/New_York');
      const times = data.hourly.map((hour) => hour.time);
      expect(times).toContain('2026-03-07T10:00'); // 15:00 UTC, EST (UTC-5)
      expect(times).toContain('2026-03-09T11:00'); // 15:00 UTC, EDT (UTC-4)
      expect(times).not.toContain('2026-03-09T10:00');
    } finally {
      await march.close();
    }
  });

  it('states local times in a zone of 5 h 45 min where the place has one', async () => {
    const { data } = await provider.forecast({ latitude: 27.7, longitude: 85.32 });
    expect(data.location.timezone).toBe('Asia/Kathmandu');
    expect(data.current.time).toBe('2026-02-23T18:15'); // 12:30 UTC + 5:45
    for (const hour of data.hourly) expect(hour.time).toMatch(/:45$/);
  });

  it("trusts OpenWeather's offset over the looked-up zone when they disagree", async () => {
    // Far from any city the stub knows, it reports the solar offset (UTC+5) where
    // the map says Asia/Urumqi (UTC+6): the answer keeps to the provider's offset.
    const { data } = await provider.forecast({ latitude: 40, longitude: 80 });
    expect(data.location.timezone).toBe('Etc/GMT-5');
    expect(data.current.time).toBe('2026-02-23T17:30');
  });
});

/** One current answer and a forecast of two days, made to the documented shapes. */
function documentedBodies(options: { currentCod: number | string; forecastCod: number | string }) {
  // Berlin in winter (UTC+1). Now: Monday 23 Feb, 21:10 local.
  const now = Date.parse('2026-02-23T20:10:00Z') / 1000;
  const hour = 3600;
  const firstStep = Date.parse('2026-02-23T21:00:00Z') / 1000; // 22:00 local
  const step = (
    index: number,
    id: number,
    temp: number,
    extra: { pop?: number; rain?: number; snow?: number } = {},
  ) => ({
    dt: firstStep + index * 3 * hour,
    main: { temp, feels_like: temp - 2, temp_min: temp - 0.5, temp_max: temp + 0.5, humidity: 80 },
    weather: [{ id, main: 'x', description: 'x', icon: '01n' }],
    clouds: { all: 50 },
    wind: { speed: 5, deg: 200 },
    visibility: 10000,
    pop: extra.pop ?? 0,
    ...(extra.rain ? { rain: { '3h': extra.rain } } : {}),
    ...(extra.snow ? { snow: { '3h': extra.snow } } : {}),
    sys: { pod: 'n' },
    dt_txt: new Date((firstStep + index * 3 * hour) * 1000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19),
  });
  const current = {
    coord: { lon: 13.41, lat: 52.52 },
    weather: [{ id: 803, main: 'Clouds', description: 'broken clouds', icon: '04n' }],
    base: 'stations',
    main: {
      temp: 4.2,
      feels_like: 1.1,
      temp_min: 3.9,
      temp_max: 4.6,
      pressure: 1015,
      humidity: 75,
    },
    visibility: 10000,
    wind: { speed: 2.5, deg: 240 },
    clouds: { all: 75 },
    dt: now,
    sys: {
      country: 'DE',
      sunrise: Date.parse('2026-02-23T06:07:00Z') / 1000,
      sunset: Date.parse('2026-02-23T16:33:00Z') / 1000,
    },
    timezone: 3600,
    id: 2950159,
    name: 'Berlin',
    cod: options.currentCod,
  };
  const forecast = {
    cod: options.forecastCod,
    message: 0,
    cnt: 11,
    list: [
      step(0, 804, 3), // Mon 22:00
      // Tuesday 01:00 … 22:00: mostly cloudy, rain for two steps, one thunderstorm.
      step(1, 804, 2),
      step(2, 803, 1),
      step(3, 802, 2),
      step(4, 500, 5, { pop: 0.4, rain: 0.6 }),
      step(5, 501, 7, { pop: 0.9, rain: 2.4 }),
      step(6, 501, 6, { pop: 0.75, rain: 1.5, snow: 0.3 }),
      step(7, 211, 4, { pop: 0.5, rain: 0.9 }),
      step(8, 804, 3),
      // Wednesday 01:00 and 04:00 only: too little of the day to summarise.
      step(9, 800, 1),
      step(10, 800, 0),
    ],
    city: {
      id: 2950159,
      name: 'Berlin',
      coord: { lat: 52.52, lon: 13.41 },
      country: 'DE',
      population: 1000000,
      timezone: 3600,
      sunrise: 0,
      sunset: 0,
    },
  };
  return { current, forecast };
}

function documentedRelay(bodies: ReturnType<typeof documentedBodies>) {
  return (url: URL): Promise<RelayAnswer> =>
    fixture(url.pathname === '/data/2.5/weather' ? bodies.current : bodies.forecast)();
}

describe('createOpenWeather: documented bodies', () => {
  it.each([
    { currentCod: 200, forecastCod: '200' },
    { currentCod: '200', forecastCod: 200 },
  ])('accepts cod as a number or a string: %o', async (cods) => {
    const { data } = await withRelay(documentedRelay(documentedBodies(cods)), (documented) =>
      documented.forecast(BERLIN),
    );
    expect(data.current.time).toBe('2026-02-23T21:10');
  });

  it('sums up a day: extremes, rain, highest chance, and rain over a cloudier majority', async () => {
    const { data } = await withRelay(
      documentedRelay(documentedBodies({ currentCod: 200, forecastCod: '200' })),
      (documented) => documented.forecast(BERLIN),
    );
    expect(data.daily).toEqual([
      {
        date: '2026-02-23',
        // The present observation (4.2 °C) and the 22:00 step (3 ± 0.5 °C).
        temperatureMax: 4.2,
        temperatureMin: 2.5,
        weatherCode: 3,
        precipitationSum: 0,
        precipitationProbabilityMax: 0,
        sunrise: '2026-02-23T07:07',
        sunset: '2026-02-23T17:33',
        polar: null,
        uvIndexMax: null,
      },
      {
        date: '2026-02-24',
        temperatureMax: 7.5,
        temperatureMin: 0.5,
        // Four dry steps, three of rain (63 twice) and one storm: moderate rain.
        weatherCode: 63,
        precipitationSum: 5.7,
        precipitationProbabilityMax: 90,
        sunrise: null,
        sunset: null,
        polar: null,
        uvIndexMax: null,
      },
    ]);
    expect(data.hourly).toHaveLength(11);
    expect(data.hourly[5]).toMatchObject({
      time: '2026-02-24T13:00',
      precipitation: 0.8,
      precipitationProbability: 90,
    });
    expect(data.current).toMatchObject({
      isDay: false,
      windGusts: null,
      windSpeed: 9,
      precipitation: 0,
    });
  });

  it("rejects a condition id OpenWeather does not document as kind 'malformed'", async () => {
    const bodies = documentedBodies({ currentCod: 200, forecastCod: '200' });
    bodies.forecast.list[3]!.weather[0]!.id = 950;
    const error = await withRelay(documentedRelay(bodies), (documented) =>
      failureOf(documented.forecast(BERLIN)),
    );
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/list\.3\.weather\.0\.id: unknown OpenWeather condition id/);
  });
});

describe('createOpenWeather: searchLocations', () => {
  it('maps places with country names, regions and a zone from their coordinates', async () => {
    const { data, simulated } = await provider.searchLocations({ query: 'London', limit: 5 });
    expect(simulated).toBe(true);
    expect(data).toEqual([
      {
        id: 'openweather:51.50853,-0.12574',
        name: 'London',
        country: 'United Kingdom',
        countryCode: 'GB',
        admin1: 'England',
        latitude: 51.50853,
        longitude: -0.12574,
        timezone: 'Europe/London',
      },
      {
        id: 'openweather:42.98339,-81.23304',
        name: 'London',
        country: 'Canada',
        countryCode: 'CA',
        admin1: 'Ontario',
        latitude: 42.98339,
        longitude: -81.23304,
        timezone: 'America/Toronto',
      },
    ]);
    for (const place of data) expect(placeSchema.parse(place)).toEqual(place);
  });

  it('asks for at most 5 places, passes "city,state,country" through and answers [] for no match', async () => {
    await withRelay(forwardTo(stub.url), async (relayed, requests) => {
      const texas = await relayed.searchLocations({ query: 'Paris,TX,US', limit: 10 });
      expect(texas.data.map((place) => `${place.name}, ${place.admin1}, ${place.country}`)).toEqual(
        ['Paris, Texas, United States'],
      );
      expect(texas.data[0]!.timezone).toBe('America/Chicago');
      expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({
        q: 'Paris,TX,US',
        limit: '5',
        appid: KEY,
      });
    });
    expect((await provider.searchLocations({ query: 'Atlantis', limit: 5 })).data).toEqual([]);
  });

  it('leaves admin1 out for a place without a state', async () => {
    const { data } = await provider.searchLocations({ query: 'Singapore', limit: 1 });
    expect(data).toHaveLength(1);
    expect(data[0]).not.toHaveProperty('admin1');
    expect(data[0]).toMatchObject({
      country: 'Singapore',
      countryCode: 'SG',
      timezone: 'Asia/Singapore',
    });
  });
});

describe('createOpenWeather: airQuality', () => {
  it('maps the components and derives the US AQI from PM2.5; no European index', async () => {
    const { data, simulated } = await provider.airQuality(BERLIN);
    expect(simulated).toBe(true);
    expect(airQualitySchema.parse(data)).toEqual(data);
    const { list } = await raw<{ list: { components: Record<string, number> }[] }>(
      '/data/2.5/air_pollution',
      BERLIN,
    );
    const components = list[0]!.components;
    expect(data).toEqual({
      location: { latitude: 52.52, longitude: 13.41, timezone: 'Europe/Berlin' },
      current: {
        time: '2026-02-23T13:00',
        europeanAqi: null,
        usAqi: usAqiFromPm25(components.pm2_5!),
        pm2_5: components.pm2_5,
        pm10: components.pm10,
        ozone: components.o3,
        nitrogenDioxide: components.no2,
      },
      hourly: [],
      pollen: null,
    });
  });

  it("rejects an index outside OpenWeather's 1–5 as kind 'malformed'", async () => {
    const error = await withRelay(
      fixture({
        coord: { lon: 13.41, lat: 52.52 },
        list: [
          {
            dt: 1771848000,
            main: { aqi: 7 },
            components: { co: 200, no2: 10, o3: 60, pm2_5: 5, pm10: 8 },
          },
        ],
      }),
      (documented) => failureOf(documented.airQuality(BERLIN)),
    );
    expect(error.kind).toBe('malformed');
  });
});

describe('createOpenWeather: failures', () => {
  it("reads a 401 for a bad key into kind 'http' with OpenWeather's message", async () => {
    const error = await failureOf(openWeatherAt(stub.url, { apiKey: '' }).forecast(BERLIN));
    expect(error).toMatchObject({
      kind: 'http',
      provider: 'openweather',
      status: 401,
      reason: 'Invalid API key. Please see https://openweathermap.org/faq#error401 for more info.',
    });
  });

  it('never puts the API key into an error', async () => {
    for (const fault of [
      { mode: 'error', status: 401 },
      { mode: 'down' },
      { mode: 'malformed' },
    ] as const) {
      stub.setFault(fault);
      const error = await failureOf(provider.forecast(BERLIN));
      const told = [error.message, error.reason, String(error.cause), JSON.stringify(error)].join(
        ' ',
      );
      expect(told).not.toContain(KEY);
    }
  });

  it("reads error bodies whose cod is a number (404) or a string (400) into 'reason'", async () => {
    stub.setFault({ mode: 'error', status: 404, endpoints: ['/data/2.5/weather'] });
    expect(await failureOf(provider.forecast(BERLIN))).toMatchObject({
      kind: 'http',
      status: 404,
      reason: 'Simulated HTTP 404 from the Skycast weather stub.',
    });
    stub.setFault(null);

    // The stub answers {"cod":"400","message":"wrong latitude"} here.
    expect(await failureOf(provider.forecast({ latitude: 91, longitude: 0 }))).toMatchObject({
      kind: 'http',
      status: 400,
      reason: 'wrong latitude',
    });
  });

  it("turns a 429 into kind 'rate-limited' with retryAt from Retry-After", async () => {
    stub.setFault({ mode: 'rate-limit', retryAfter: '90', endpoints: ['/data/2.5/forecast'] });
    const before = Date.now();
    const error = await failureOf(provider.forecast(BERLIN));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(error.reason).toMatch(/exceeding of requests limitation/);
    expect(error.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 90_000);
    expect(error.retryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 90_000);
  });

  it("turns a body cut in half into kind 'malformed'", async () => {
    stub.setFault({ mode: 'malformed', endpoints: ['/data/2.5/weather'] });
    expect((await failureOf(provider.forecast(BERLIN))).kind).toBe('malformed');
    stub.setFault({ mode: 'malformed', endpoints: ['/geo/1.0/direct'] });
    expect((await failureOf(provider.searchLocations({ query: 'Berlin', limit: 5 }))).kind).toBe(
      'malformed',
    );
    stub.setFault({ mode: 'malformed', endpoints: ['/data/2.5/air_pollution'] });
    expect((await failureOf(provider.airQuality(BERLIN))).kind).toBe('malformed');
  });

  it("turns a provider slower than timeoutMs into kind 'timeout'", async () => {
    stub.setFault({ mode: 'slow', endpoints: ['/data/2.5/forecast'] });
    const error = await failureOf(openWeatherAt(stub.url, { timeoutMs: 300 }).forecast(BERLIN));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/300 ms/);
  });
});

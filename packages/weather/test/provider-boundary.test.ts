import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  checkedProvider,
  createMeteoAlarm,
  createOpenMeteo,
  createOpenWeather,
  MAX_PROVIDER_BODY_BYTES,
  parseRetryAfter,
  ProviderError,
  type WeatherProvider,
} from '../src/index.ts';

// What a provider says is checked before anything keeps it: the real clients
// against the local provider over real HTTP, its faults doing the lying.
const BERLIN = { latitude: 52.52, longitude: 13.41 };

let stub: WeatherStub;
let openMeteo: WeatherProvider;
let openWeather: WeatherProvider;

beforeAll(async () => {
  stub = await startWeatherStub();
  const now = () => new Date();
  openMeteo = checkedProvider(
    // Generous, so that a loaded machine's slowness is not taken for the lie under test.
    createOpenMeteo({
      forecastUrl: stub.url,
      geocodingUrl: stub.url,
      airQualityUrl: stub.url,
      timeoutMs: 30_000,
    }),
    now,
  );
  openWeather = checkedProvider(createOpenWeather({ baseUrl: stub.url, apiKey: 'test-key' }), now);
});
afterAll(() => stub.close());
afterEach(() => stub.setFault(null));

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('values outside the model’s ranges', () => {
  it.each([
    ['a weather code of 150', 'weather_code', '150', /weatherCode/],
    ['a temperature of 1e400 (Infinity)', 'temperature_2m', '1e400', /temperature/],
    ['a temperature of 1000 °C', 'temperature_2m', '1000', /temperature/],
    ['a humidity of 250 %', 'relative_humidity_2m', '250', /humidity/],
    ['a negative wind speed', 'wind_speed_10m', '-40', /windSpeed/],
  ])(
    'refuse an Open-Meteo forecast with %s as malformed',
    async (_name, variable, value, field) => {
      stub.setFault({ mode: 'out-of-range', variable, value, endpoints: ['/v1/forecast'] });
      const error = await failureOf(openMeteo.forecast(BERLIN));
      expect(error.kind).toBe('malformed');
      expect(error.message).toMatch(field);
    },
  );

  it('refuse absurd air quality, and an OpenWeather forecast with an absurd humidity', async () => {
    stub.setFault({ mode: 'out-of-range', variable: 'pm10', value: '1e9' });
    expect((await failureOf(openMeteo.airQuality(BERLIN))).kind).toBe('malformed');
    stub.setFault({ mode: 'out-of-range', variable: 'humidity', value: '250' });
    const error = await failureOf(openWeather.forecast(BERLIN));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/humidity/);
  });

  it('let the same answers through once the provider is right again', async () => {
    stub.setFault({ mode: 'out-of-range' });
    await failureOf(openMeteo.forecast(BERLIN));
    stub.setFault(null);
    const { data } = await openMeteo.forecast(BERLIN);
    expect(data.current.weatherCode).toBeLessThanOrEqual(99);
  });
});

describe('times far from the clock', () => {
  it('refuse a forecast whose times are all a week old', async () => {
    stub.setFault({ mode: 'time-shift' });
    const error = await failureOf(openMeteo.forecast(BERLIN));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/far from our clock/);
  });

  it('refuse air quality and OpenWeather answers a day ahead', async () => {
    stub.setFault({ mode: 'time-shift', shiftMs: 24 * 3_600_000 });
    expect((await failureOf(openMeteo.airQuality(BERLIN))).kind).toBe('malformed');
    expect((await failureOf(openWeather.forecast(BERLIN))).kind).toBe('malformed');
  });

  it('take an answer an hour off (an observation’s age, a clock a little wrong)', async () => {
    stub.setFault({ mode: 'time-shift', shiftMs: -3_600_000 });
    const { data } = await openMeteo.forecast(BERLIN);
    expect(data.hourly.length).toBeGreaterThan(0);
  });
});

describe('bodies past the cap', () => {
  it('abandon a 50 MB forecast as it streams in, saying so', async () => {
    stub.setFault({ mode: 'oversized' });
    const error = await failureOf(openMeteo.forecast(BERLIN));
    expect(error.kind).toBe('malformed');
    // Read whole, the body would have been refused for its shape instead.
    expect(error.message).toContain(`over ${MAX_PROVIDER_BODY_BYTES} bytes`);
  });

  it('abandon an oversized MeteoAlarm feed read as text', async () => {
    stub.setFault({ mode: 'oversized', bytes: MAX_PROVIDER_BODY_BYTES + 1 });
    const meteoAlarm = createMeteoAlarm({ baseUrl: stub.url, timeoutMs: 30_000 });
    const error = await failureOf(meteoAlarm.alerts(BERLIN));
    expect(error.kind).toBe('malformed');
  });

  it('read a body of exactly the cap', async () => {
    stub.setFault({ mode: 'oversized', bytes: MAX_PROVIDER_BODY_BYTES });
    // The body is JSON of the wrong shape: refused for its shape, after being read whole.
    const error = await failureOf(openMeteo.forecast(BERLIN));
    expect(error.message).toMatch(/unexpected shape/);
  });
});

describe('Retry-After past any sane pause', () => {
  const NOW = new Date('2026-12-07T12:00:00Z');

  it.each(['999999999', 'Fri, 31 Dec 9999 23:59:59 GMT'])('is clamped to an hour: %s', (header) => {
    expect(parseRetryAfter(header, NOW)).toEqual(new Date(NOW.getTime() + 3_600_000));
  });

  it('is clamped to the maximum a caller gives', () => {
    expect(parseRetryAfter('600', NOW, 60_000)).toEqual(new Date(NOW.getTime() + 60_000));
  });

  it('reaches the client clamped from a real 429', async () => {
    stub.setFault({ mode: 'rate-limit', retryAfter: '999999999' });
    const before = Date.now();
    const error = await failureOf(openMeteo.forecast(BERLIN));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt!.getTime() - before).toBeLessThanOrEqual(3_600_000 + 5_000);
  });
});

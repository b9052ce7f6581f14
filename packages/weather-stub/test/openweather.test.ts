import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '../src/index.ts';
import { getJson, type OpenMeteoBody } from './get-json.ts';

// On both providers' grids (10 and 15 minutes), so they describe the same instant.
const NOW = new Date('2026-02-23T12:30:00Z');
const BERLIN = { lat: 52.52, lon: 13.41 };
const KEY = { appid: 'test-key' };

interface Condition {
  id: number;
  main: string;
  description: string;
  icon: string;
}

interface CurrentWeather {
  coord: { lon: number; lat: number };
  weather: Condition[];
  main: {
    temp: number;
    feels_like: number;
    temp_min: number;
    temp_max: number;
    pressure: number;
    humidity: number;
  };
  wind: { speed: number; deg: number; gust: number };
  rain?: { '1h': number };
  snow?: { '1h': number };
  clouds: { all: number };
  dt: number;
  sys: { country?: string; sunrise: number; sunset: number };
  timezone: number;
  id: number;
  name: string;
  cod: number;
}

interface ForecastEntry {
  dt: number;
  main: { temp: number; temp_min: number; temp_max: number; humidity: number };
  weather: Condition[];
  pop: number;
  rain?: { '3h': number };
  snow?: { '3h': number };
  sys: { pod: 'd' | 'n' };
  dt_txt: string;
}

interface Forecast {
  cod: string;
  cnt: number;
  list: ForecastEntry[];
  city: { name: string; country: string; timezone: number; sunrise: number; sunset: number };
}

interface GeoPlace {
  name: string;
  local_names: Record<string, string>;
  lat: number;
  lon: number;
  country: string;
  state?: string;
}

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
});
afterAll(() => stub.close());

const get = <T>(path: string, params: Record<string, string | number>) =>
  getJson<T>(stub.url, path, params);

/** The OpenWeather group a WMO code belongs to. */
function expectedGroup(wmo: number): (id: number) => boolean {
  if (wmo === 0) return (id) => id === 800;
  if (wmo === 1) return (id) => id === 801;
  if (wmo === 2) return (id) => id === 802;
  if (wmo === 3) return (id) => id === 803 || id === 804;
  if (wmo === 45 || wmo === 48) return (id) => id === 741;
  if ([56, 57, 66, 67].includes(wmo)) return (id) => id === 511;
  if (wmo >= 51 && wmo <= 55) return (id) => id >= 300 && id < 400;
  if (wmo >= 61 && wmo <= 65) return (id) => id >= 500 && id < 505;
  if (wmo >= 71 && wmo <= 77) return (id) => id >= 600 && id < 610;
  if (wmo >= 80 && wmo <= 82) return (id) => id >= 520 && id < 530;
  if (wmo === 85 || wmo === 86) return (id) => id >= 620 && id < 630;
  return (id) => id >= 200 && id < 300;
}

describe('OpenWeather API key', () => {
  it.each([
    '/data/2.5/weather',
    '/data/2.5/forecast',
    '/geo/1.0/direct',
    '/data/2.5/air_pollution',
  ])('%s answers 401 without appid', async (path) => {
    for (const params of [
      { ...BERLIN, q: 'Berlin' },
      { ...BERLIN, q: 'Berlin', appid: '' },
    ]) {
      const { status, headers, body } = await get(path, params);
      expect(status).toBe(401);
      expect(headers.get('x-skycast-simulated')).toBe('1');
      expect(body).toEqual({
        cod: 401,
        message:
          'Invalid API key. Please see https://openweathermap.org/faq#error401 for more info.',
      });
    }
  });
});

describe('GET /data/2.5/weather', () => {
  it('answers the documented shape in Kelvin and m/s by default', async () => {
    const { status, headers, body } = await get<CurrentWeather>('/data/2.5/weather', {
      ...BERLIN,
      ...KEY,
    });
    expect(status).toBe(200);
    expect(headers.get('x-skycast-simulated')).toBe('1');
    expect(body).toMatchObject({
      coord: { lon: 13.41, lat: 52.52 },
      base: 'stations',
      dt: NOW.getTime() / 1000,
      timezone: 3600,
      id: 2950159,
      name: 'Berlin',
      cod: 200,
      sys: { country: 'DE' },
    });
    expect(body.weather).toHaveLength(1);
    expect(body.weather[0]!.icon).toMatch(/^\d\d[dn]$/);
    // Kelvin: a Berlin winter afternoon is somewhere around 260–300 K.
    expect(body.main.temp).toBeGreaterThan(250);
    expect(body.main.temp).toBeLessThan(310);
    expect(body.main.temp_min).toBeLessThanOrEqual(body.main.temp);
    expect(body.main.temp_max).toBeGreaterThanOrEqual(body.main.temp);
    expect(body.sys.sunrise).toBeLessThan(body.sys.sunset);

    const openMeteo = await getJson<OpenMeteoBody>(stub.url, '/v1/forecast', {
      latitude: 52.52,
      longitude: 13.41,
      current: 'temperature_2m,wind_speed_10m,weather_code',
      wind_speed_unit: 'ms',
    });
    expect(body.main.temp).toBeCloseTo(Number(openMeteo.body.current!.temperature_2m) + 273.15, 0);
    expect(body.wind.speed).toBeCloseTo(Number(openMeteo.body.current!.wind_speed_10m), 0);
  });

  it('answers °C for metric and °F with mph for imperial', async () => {
    const standard = await get<CurrentWeather>('/data/2.5/weather', { ...BERLIN, ...KEY });
    const metric = await get<CurrentWeather>('/data/2.5/weather', {
      ...BERLIN,
      ...KEY,
      units: 'metric',
    });
    const imperial = await get<CurrentWeather>('/data/2.5/weather', {
      ...BERLIN,
      ...KEY,
      units: 'imperial',
    });
    expect(metric.body.main.temp).toBeCloseTo(standard.body.main.temp - 273.15, 1);
    expect(imperial.body.main.temp).toBeCloseTo((metric.body.main.temp * 9) / 5 + 32, 1);
    expect(metric.body.wind.speed).toBe(standard.body.wind.speed);
    expect(imperial.body.wind.speed).toBeCloseTo(metric.body.wind.speed * 2.23694, 1);
  });

  it('describes the same weather as Open-Meteo for the same place and time', async () => {
    let wetPlaces = 0;
    for (let i = 0; i < 24; i++) {
      const place = { lat: -60 + i * 5.3, lon: -170 + i * 14.1 };
      const openWeather = await get<CurrentWeather>('/data/2.5/weather', { ...place, ...KEY });
      const openMeteo = await getJson<OpenMeteoBody>(stub.url, '/v1/forecast', {
        latitude: place.lat,
        longitude: place.lon,
        current: 'weather_code,precipitation,is_day',
      });
      const wmo = Number(openMeteo.body.current!.weather_code);
      if (wmo >= 51) wetPlaces++;
      expect(expectedGroup(wmo)(openWeather.body.weather[0]!.id)).toBe(true);
      expect(openWeather.body.rain !== undefined || openWeather.body.snow !== undefined).toBe(
        Number(openMeteo.body.current!.precipitation) > 0,
      );
      expect(
        openWeather.body.weather[0]!.icon.endsWith(
          openMeteo.body.current!.is_day === 1 ? 'd' : 'n',
        ),
      ).toBe(true);
    }
    // The sample must include rain, or the comparison above proves little.
    expect(wetPlaces).toBeGreaterThan(0);
  });

  it('finds a place by name, and says so when it cannot', async () => {
    const ontario = await get<CurrentWeather>('/data/2.5/weather', { q: 'London,CA', ...KEY });
    expect(ontario.body).toMatchObject({
      name: 'London',
      sys: { country: 'CA' },
      timezone: -5 * 3600,
    });
    const unknown = await get('/data/2.5/weather', { q: 'Atlantis', ...KEY });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ cod: '404', message: 'city not found' });
  });

  it.each([
    [{ lat: 91, lon: 0 }, 'wrong latitude'],
    [{ lat: 0, lon: 181 }, 'wrong longitude'],
    [{}, 'Nothing to geocode'],
  ])('refuses %o with 400', async (params, message) => {
    const { status, body } = await get('/data/2.5/weather', { ...params, ...KEY });
    expect(status).toBe(400);
    expect(body).toEqual({ cod: '400', message });
  });
});

describe('GET /data/2.5/forecast', () => {
  it('answers 40 three-hourly steps with cod "200" and the city', async () => {
    const { status, body } = await get<Forecast>('/data/2.5/forecast', {
      ...BERLIN,
      ...KEY,
      units: 'metric',
    });
    expect(status).toBe(200);
    expect(body.cod).toBe('200');
    expect(body.cnt).toBe(40);
    expect(body.list).toHaveLength(40);
    expect(body.city).toMatchObject({ name: 'Berlin', country: 'DE', timezone: 3600 });
    expect(body.list[0]!.dt).toBe(Date.parse('2026-02-23T15:00:00Z') / 1000);
    body.list.forEach((entry, i) => {
      if (i > 0) expect(entry.dt - body.list[i - 1]!.dt).toBe(3 * 3600);
      expect(entry.dt_txt).toBe(
        new Date(entry.dt * 1000).toISOString().slice(0, 19).replace('T', ' '),
      );
      expect(entry.pop).toBeGreaterThanOrEqual(0);
      expect(entry.pop).toBeLessThanOrEqual(1);
      expect(entry.main.temp_min).toBeLessThanOrEqual(entry.main.temp);
      expect(entry.main.temp_max).toBeGreaterThanOrEqual(entry.main.temp);
      expect(['d', 'n']).toContain(entry.sys.pod);
      // Precipitation volumes come exactly with precipitating conditions.
      const wet = entry.weather[0]!.id < 700;
      expect(entry.rain !== undefined || entry.snow !== undefined).toBe(wet);
      if (wet) expect(entry.pop).toBeGreaterThan(0);
    });
  });

  it('honours cnt', async () => {
    const { body } = await get<Forecast>('/data/2.5/forecast', { ...BERLIN, ...KEY, cnt: 8 });
    expect(body.list).toHaveLength(8);
    expect(body.cnt).toBe(8);
  });
});

describe('GET /geo/1.0/direct', () => {
  it('answers an array of at most `limit` places with state and local names', async () => {
    const { status, body } = await get<GeoPlace[]>('/geo/1.0/direct', {
      q: 'London',
      limit: 5,
      ...KEY,
    });
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        name: 'London',
        local_names: expect.objectContaining({ en: 'London' }) as object,
        lat: 51.50853,
        lon: -0.12574,
        country: 'GB',
        state: 'England',
      },
      {
        name: 'London',
        local_names: { en: 'London' },
        lat: 42.98339,
        lon: -81.23304,
        country: 'CA',
        state: 'Ontario',
      },
    ]);
    expect(
      (await get<GeoPlace[]>('/geo/1.0/direct', { q: 'London', limit: 1, ...KEY })).body,
    ).toHaveLength(1);
  });

  it('narrows by country and US state code', async () => {
    const canada = await get<GeoPlace[]>('/geo/1.0/direct', { q: 'London,CA', ...KEY });
    expect(canada.body.map((place) => place.state)).toEqual(['Ontario']);
    const texas = await get<GeoPlace[]>('/geo/1.0/direct', { q: 'Paris,TX,US', ...KEY });
    expect(texas.body.map((place) => `${place.name}, ${place.state}`)).toEqual(['Paris, Texas']);
    const none = await get<GeoPlace[]>('/geo/1.0/direct', { q: 'Atlantis', ...KEY });
    expect(none.body).toEqual([]);
  });
});

describe('GET /data/2.5/air_pollution', () => {
  it('answers the current hour with an index from 1 to 5 and the components', async () => {
    const { status, body } = await get<{
      coord: { lat: number; lon: number };
      list: { dt: number; main: { aqi: number }; components: Record<string, number> }[];
    }>('/data/2.5/air_pollution', { ...BERLIN, ...KEY });
    expect(status).toBe(200);
    expect(body.coord).toEqual({ lon: 13.41, lat: 52.52 });
    expect(body.list).toHaveLength(1);
    const [entry] = body.list;
    expect(entry!.dt).toBe(Date.parse('2026-02-23T12:00:00Z') / 1000);
    expect([1, 2, 3, 4, 5]).toContain(entry!.main.aqi);
    expect(Object.keys(entry!.components).sort()).toEqual([
      'co',
      'nh3',
      'no',
      'no2',
      'o3',
      'pm10',
      'pm2_5',
      'so2',
    ]);
  });
});

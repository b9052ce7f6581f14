import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '../src/index.ts';
import { getJson, type OpenMeteoError } from './get-json.ts';

interface SearchBody {
  results?: {
    id: number;
    name: string;
    latitude: number;
    longitude: number;
    elevation: number;
    feature_code: string;
    country_code: string;
    country: string;
    admin1?: string;
    timezone: string;
    population: number;
  }[];
  generationtime_ms: number;
}

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub();
});
afterAll(() => stub.close());

const search = (params: Record<string, string | number>) =>
  getJson<SearchBody>(stub.url, '/v1/search', params);
const names = (body: SearchBody) =>
  body.results?.map((result) => `${result.name} ${result.country_code}`);

describe('GET /v1/search', () => {
  it('finds places by a whole postal code in `name`, as Open-Meteo does', async () => {
    expect(names((await search({ name: '10001' })).body)).toEqual(['New York US']);
    expect(names((await search({ name: 'sw1a' })).body)).toEqual(['London GB']);
    // Part of a postal code is no code.
    expect((await search({ name: '1000' })).body.results).toBeUndefined();
  });

  it('answers the documented shape, marked as simulated', async () => {
    const { status, headers, body } = await search({
      name: 'Berlin',
      count: 1,
      language: 'en',
      format: 'json',
    });
    expect(status).toBe(200);
    expect(headers.get('x-skycast-simulated')).toBe('1');
    expect(body).toEqual({
      results: [
        {
          id: 2950159,
          name: 'Berlin',
          latitude: 52.52437,
          longitude: 13.41053,
          elevation: 74,
          feature_code: 'PPLC',
          country_code: 'DE',
          timezone: 'Europe/Berlin',
          population: 3426354,
          country: 'Germany',
          admin1: 'Berlin',
          postcodes: ['10115', '10117', '10178', '10967'],
        },
      ],
      generationtime_ms: expect.any(Number) as number,
    });
  });

  it('finds both Londons, the larger first, each with its region', async () => {
    const { body } = await search({ name: 'London' });
    expect(
      body.results?.map(({ country_code, admin1, timezone }) => ({
        country_code,
        admin1,
        timezone,
      })),
    ).toEqual([
      { country_code: 'GB', admin1: 'England', timezone: 'Europe/London' },
      { country_code: 'CA', admin1: 'Ontario', timezone: 'America/Toronto' },
    ]);
    expect(names((await search({ name: 'paris' })).body)).toEqual(['Paris FR', 'Paris US']);
  });

  it.each([
    ['zurich', 'Zürich'],
    ['ZÜRICH', 'Zürich'],
    ['sao', 'São Paulo'],
    ['krakow', 'Kraków'],
    ['malmo', 'Malmö'],
    ['reykjavik', 'Reykjavík'],
    ['tromso', 'Tromsø'],
    ['bogota', 'Bogotá'],
  ])('ignores case and diacritics: "%s" finds %s', async (query, name) => {
    const { body } = await search({ name: query });
    expect(body.results?.[0]?.name).toBe(name);
  });

  it('matches 3 or more characters by prefix, sorted by population', async () => {
    expect(names((await search({ name: 'new' })).body)).toEqual(['New York US', 'New Delhi IN']);
    expect(names((await search({ name: 'lon' })).body)).toEqual(['London GB', 'London CA']);
  });

  it('needs an exact name for 2 characters and finds nothing for fewer', async () => {
    expect((await search({ name: 'Lo' })).body.results).toBeUndefined();
    expect((await search({ name: 'B' })).body.results).toBeUndefined();
    expect((await search({ name: '' })).body.results).toBeUndefined();
  });

  it('leaves out the results key entirely when nothing matches', async () => {
    const { status, body } = await search({ name: 'Xqzzyplace' });
    expect(status).toBe(200);
    expect(body).not.toHaveProperty('results');
    expect(Object.keys(body)).toEqual(['generationtime_ms']);
  });

  it('honours count, countryCode and language', async () => {
    expect(names((await search({ name: 'London', count: 1 })).body)).toEqual(['London GB']);
    expect(names((await search({ name: 'London', countryCode: 'CA' })).body)).toEqual([
      'London CA',
    ]);
    expect((await search({ name: 'Munich', language: 'de' })).body.results?.[0]?.name).toBe(
      'München',
    );
    expect((await search({ name: 'münchen' })).body.results?.[0]?.name).toBe('Munich');
  });

  it.each([
    [{ name: 'Berlin', count: 0 }, 'Parameter count must be between 1 and 100.'],
    [{ name: 'Berlin', count: 101 }, 'Parameter count must be between 1 and 100.'],
    [{ count: 5 }, "Value of type 'String' required for key 'name'."],
  ])('refuses %o with 400', async (params, reason) => {
    const { status, body } = await getJson<OpenMeteoError>(stub.url, '/v1/search', params);
    expect(status).toBe(400);
    expect(body).toEqual({ error: true, reason });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '../src/index.ts';
import { getJson } from './get-json.ts';

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub();
});
afterAll(() => stub.close());

const reverse = (params: Record<string, string | number>) =>
  getJson<Record<string, unknown>>(stub.url, '/reverse', { format: 'jsonv2', zoom: 10, ...params });

describe('GET /reverse (Nominatim)', () => {
  it('names the nearest known city in the documented jsonv2 shape, in accept-language', async () => {
    const { status, headers, body } = await reverse({
      lat: 48.1405,
      lon: 11.5801,
      'accept-language': 'de',
    });
    expect(status).toBe(200);
    expect(headers.get('x-skycast-simulated')).toBe('1');
    expect(body).toMatchObject({
      lat: '48.13743',
      lon: '11.57549',
      name: 'München',
      address: { city: 'München', state: 'Bavaria', country: 'Germany', country_code: 'de' },
    });
  });

  it('answers "Unable to geocode" with 200 where no city is near, as Nominatim does at sea', async () => {
    const { status, body } = await reverse({ lat: 30, lon: -40 });
    expect(status).toBe(200);
    expect(body).toEqual({ error: 'Unable to geocode' });
  });

  it('refuses coordinates that are missing or off the globe with 400 and Nominatim’s error body', async () => {
    const missing = await reverse({ lat: 10 });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 400 } });
    expect((await reverse({ lat: 91, lon: 0 })).status).toBe(400);
  });
});

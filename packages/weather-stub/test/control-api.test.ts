import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '../src/index.ts';

const FORECAST = '/v1/forecast?latitude=52.52&longitude=13.41&current=temperature_2m';

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub();
});
afterAll(() => stub.close());
beforeEach(async () => {
  expect((await fetch(`${stub.url}/__stub/reset`, { method: 'POST' })).status).toBe(204);
});

const get = (path: string) => fetch(`${stub.url}${path}`);
const putFault = (body: string) =>
  fetch(`${stub.url}/__stub/fault`, {
    method: 'PUT',
    body,
    headers: { 'content-type': 'application/json' },
  });

describe('call counter', () => {
  it('counts provider calls per endpoint, not control calls or unknown paths', async () => {
    await get(FORECAST);
    await get(FORECAST);
    await get('/v1/search?name=Berlin');
    await get('/data/2.5/weather?lat=1&lon=1'); // refused for want of a key, but still a call
    await get('/__stub/calls');
    await get('/v2/unknown');
    expect(stub.calls()).toBe(4);
    expect(stub.calls('/v1/forecast')).toBe(2);
    expect(stub.calls('/v1/search')).toBe(1);
    expect(stub.calls('/data/2.5/weather')).toBe(1);
    expect(stub.calls('/v1/air-quality')).toBe(0);
    stub.resetCalls();
    expect(stub.calls()).toBe(0);
  });
});

describe('control API', () => {
  it('GET /__stub/calls answers the total and every endpoint', async () => {
    await get(FORECAST);
    await get('/geo/1.0/direct?q=Berlin&appid=k');
    await get('/feeds/meteoalarm-legacy-atom-germany');
    const response = await get('/__stub/calls');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      total: 3,
      weighted: 3,
      byEndpoint: {
        '/v1/forecast': 1,
        '/v1/ensemble': 0,
        '/v1/search': 0,
        '/v1/air-quality': 0,
        '/v1/archive': 0,
        '/data/2.5/weather': 0,
        '/data/2.5/forecast': 0,
        '/geo/1.0/direct': 1,
        '/data/2.5/air_pollution': 0,
        '/data/3.0/onecall': 0,
        '/alerts/active': 0,
        // Counted by endpoint, whichever country's feed was asked for.
        '/feeds/meteoalarm-legacy-atom': 1,
        '/api/v1/warnings': 0,
        '/reverse': 0,
      },
    });
  });

  it('PUT /__stub/fault sets a fault and null clears it', async () => {
    expect(
      (await putFault(JSON.stringify({ mode: 'error', status: 502, endpoints: ['/v1/forecast'] })))
        .status,
    ).toBe(204);
    expect((await get(FORECAST)).status).toBe(502);
    expect((await get('/v1/search?name=Berlin')).status).toBe(200);
    expect(await (await get('/__stub/fault')).json()).toEqual({
      fault: { mode: 'error', status: 502, endpoints: ['/v1/forecast'] },
    });

    expect((await putFault('null')).status).toBe(204);
    expect((await get(FORECAST)).status).toBe(200);
  });

  it('PUT /__stub/fault refuses what is not a fault, saying why', async () => {
    const notJson = await putFault('{mode:');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'The body must be JSON: a fault or null.' });
    const badMode = await putFault(JSON.stringify({ mode: 'flood' }));
    expect(badMode.status).toBe(400);
    expect(((await badMode.json()) as { error: string }).error).toMatch(
      /mode must be one of down, slow/,
    );
    expect((await get(FORECAST)).status).toBe(200);
  });

  it('POST /__stub/reset clears the counts and the fault', async () => {
    stub.setFault({ mode: 'down' });
    await get(FORECAST).catch(() => undefined);
    expect(stub.calls()).toBe(1);
    expect((await fetch(`${stub.url}/__stub/reset`, { method: 'POST' })).status).toBe(204);
    expect(stub.calls()).toBe(0);
    expect((await get(FORECAST)).status).toBe(200);
  });

  it('answers 404 for unknown control routes', async () => {
    const response = await get('/__stub/nothing');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/GET \/__stub\/calls/);
  });
});

describe('rain scenarios', () => {
  const putScenario = (body: unknown) =>
    fetch(`${stub.url}/__stub/scenario`, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('rains at the point from startsAt until endsAt, dry before and after', async () => {
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const shower = { latitude: 52.52, longitude: 13.41, mmPerHour: 4 };
    const startsAt = new Date(hour - 10 * 3_600_000).toISOString();
    const endsAt = new Date(hour - 8 * 3_600_000).toISOString();
    expect((await putScenario({ rain: [{ ...shower, startsAt, endsAt }] })).status).toBe(204);
    try {
      const answer = await get(
        '/v1/forecast?latitude=52.52&longitude=13.41&minutely_15=precipitation&past_minutely_15=96&forecast_minutely_15=4&timeformat=unixtime',
      );
      const body = (await answer.json()) as {
        minutely_15: { time: number[]; precipitation: number[] };
      };
      // The stub reads a step's conditions at its instant: wet from startsAt, dry again at endsAt.
      const wet = body.minutely_15.time.filter((_, i) => body.minutely_15.precipitation[i]! > 0);
      expect(wet.map((time) => time * 1000)).toEqual(
        Array.from({ length: 8 }, (_, i) => hour - 10 * 3_600_000 + i * 15 * 60_000),
      );
    } finally {
      expect((await putScenario(null)).status).toBe(204);
    }
  });

  it('refuses an endsAt that is not a time, saying why', async () => {
    const response = await putScenario({
      rain: [{ latitude: 52.52, longitude: 13.41, mmPerHour: 4, startsAt: 0, endsAt: 'soon' }],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/endsAt/);
  });
});

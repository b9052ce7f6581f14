import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '../src/index.ts';

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub();
});
afterAll(() => stub.close());

const feed = (country: string) => fetch(`${stub.url}/feeds/meteoalarm-legacy-atom-${country}`);

describe("MeteoAlarm's feeds", () => {
  it('answers a member with no warnings with an empty Atom feed, as the service does', async () => {
    const response = await feed('belgium');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('xml');
    const body = await response.text();
    expect(body).toContain('<title>MeteoAlarm Belgium</title>');
    expect(body).not.toContain('<entry>');
  });

  it('lists the warnings it issues in their country’s feed', async () => {
    const body = await (await feed('germany')).text();
    expect(body).toContain('<entry>');
    expect(body).toContain('<cap:identifier>');
  });

  it('answers 404 for a feed that does not exist', async () => {
    expect((await feed('atlantis')).status).toBe(404);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createMeteoAlarm,
  createNws,
  createOneCallAlerts,
  createOpenMeteo,
  createOpenWeather,
  type AlertsProvider,
  type WeatherProvider,
} from '@skycast/weather';

import { startTestServer, type TestServer } from './test-server.ts';

// Every answer the real services sent that the repository keeps
// (packages/weather/test/recordings, sources and licences in the READMEs
// there), served from a local server standing in for the services, through
// the public procedures over HTTP: none may make Skycast answer 5xx but a
// clear 502/503 naming the weather service, and a usable one must read right.
const RECORDINGS = new URL('../../../packages/weather/test/recordings/', import.meta.url);
const served = new Set<string>();
const recording = (path: string) => {
  const body = readFileSync(new URL(path, RECORDINGS), 'utf8');
  served.add(path);
  return body;
};

/** The CAP documents recorded beside each MeteoAlarm feed: country → first 8 digits → file. */
const recordedDocuments = new Map<string, Map<string, string>>();
for (const file of readdirSync(new URL('meteoalarm/', RECORDINGS))) {
  const match = /^(.+)-([0-9a-f]{8})\.xml$/.exec(file);
  if (!match) continue;
  const [, country = '', prefix = ''] = match;
  const documents = recordedDocuments.get(country) ?? new Map<string, string>();
  documents.set(prefix, `meteoalarm/${file}`);
  recordedDocuments.set(country, documents);
}

/** Which recorded geocoding answer a search gets, by the name searched for (Skycast asks in lower case). */
const GEOCODING: Record<string, string> = {
  enschede: 'open-meteo/geocoding-enschede.json',
  nowhereville: 'open-meteo/geocoding-empty.json',
  antarctica: 'open-meteo/geocoding-missing-fields.json',
  hollywood: 'open-meteo/geocoding-hollywood.json',
};

/** Which recorded NWS answer a point gets: Phoenix's south of 40° N, Portland's north of it. */
const nwsAnswerAt = (point: string) =>
  Number.parseFloat(point) < 40
    ? 'nws/alerts-active-phoenix.json'
    : 'nws/alerts-active-portland.json';

/** Which recorded forecast a point gets: the southern ones by where they were recorded, else the empty one. */
function forecastAt(url: URL) {
  const latitude = Number.parseFloat(url.searchParams.get('latitude') ?? '');
  const longitude = Number.parseFloat(url.searchParams.get('longitude') ?? '');
  if (latitude < -14) return 'open-meteo/forecast-brasilia-hourly.json';
  if (latitude < 0 && longitude > 0) return 'open-meteo/forecast-darwin-current-weather.json';
  if (latitude < 0) return 'open-meteo/forecast-pacific-daily-nulls.json';
  return 'open-meteo/forecast-no-sections.json';
}

interface Answer {
  status: number;
  body: string;
  type: string;
}

const json = (path: string): Answer => ({
  status: 200,
  body: recording(path),
  type: 'application/json',
});
const notRecorded: Answer = {
  status: 404,
  body: '{"message":"not recorded"}',
  type: 'application/json',
};

/**
 * The services as recorded. A MeteoAlarm feed is served whole where
 * `wholeFeeds`, else with the entries of its recorded documents only;
 * a document nobody recorded is answered `unrecordedDocument`: a 404 (a
 * withdrawn warning), or a 500 (one that cannot be read just now).
 */
function recordedServices(wholeFeeds: boolean, unrecordedDocument: Answer = notRecorded) {
  return (url: URL): Answer => {
    if (url.pathname === '/v1/search') {
      const file = GEOCODING[(url.searchParams.get('name') ?? '').toLowerCase()];
      return file ? json(file) : json('open-meteo/geocoding-empty.json');
    }
    if (url.pathname === '/v1/air-quality') return json('open-meteo/air-quality-enschede.json');
    if (url.pathname === '/v1/forecast') return json(forecastAt(url));
    if (url.pathname === '/alerts/active')
      return json(nwsAnswerAt(url.searchParams.get('point') ?? ''));
    if (url.pathname === '/data/2.5/weather')
      return json(
        Number.parseFloat(url.searchParams.get('lat') ?? '') > 55
          ? 'openweather/weather-moscow-metric.json'
          : 'openweather/weather-london-standard.json',
      );
    if (url.pathname === '/data/2.5/forecast')
      return json('openweather/forecast-london-standard.json');
    if (url.pathname === '/data/3.0/onecall')
      return json('openweather/onecall-3-alerts-docs-example.json');
    const feed = /^\/feeds\/meteoalarm-legacy-atom-(.+)$/.exec(url.pathname);
    if (feed) {
      const country = feed[1] ?? '';
      let body: string;
      try {
        body = recording(`meteoalarm/${country}-feed.xml`);
      } catch {
        return notRecorded;
      }
      const documents = [...(recordedDocuments.get(country)?.keys() ?? [])];
      if (!wholeFeeds)
        body = body.replace(/<entry>[\s\S]*?<\/entry>/g, (entry) =>
          documents.some((prefix) => entry.includes(`feeds-${country}/${prefix}`)) ? entry : '',
        );
      return { status: 200, body, type: 'application/atom+xml' };
    }
    const document = /^\/api\/v1\/warnings\/feeds-(.+)\/([0-9a-f]{8})[0-9a-f-]*$/.exec(
      url.pathname,
    );
    if (document) {
      const file = recordedDocuments.get(document[1] ?? '')?.get(document[2] ?? '');
      return file
        ? { status: 200, body: recording(file), type: 'application/xml' }
        : unrecordedDocument;
    }
    return notRecorded;
  };
}

async function serve(answer: (url: URL) => Answer) {
  const server = http.createServer((req, res) => {
    const { status, body, type } = answer(new URL(req.url ?? '/', 'http://recorded'));
    res.writeHead(status, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let world: TestServer;
let recorded: Awaited<ReturnType<typeof serve>>;
let wholeFeeds: Awaited<ReturnType<typeof serve>>;
let failingDocuments: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  world = await startTestServer();
  recorded = await serve(recordedServices(false));
  wholeFeeds = await serve(recordedServices(true));
  failingDocuments = await serve(
    recordedServices(true, { status: 500, body: 'Internal Server Error', type: 'text/plain' }),
  );
});

afterAll(async () => {
  await world.close();
  await recorded.close();
  await wholeFeeds.close();
  await failingDocuments.close();
});

/** An instance whose services are the recordings, its clock at `now`. */
function instance(
  now: string,
  options: {
    forecastFrom?: string;
    provider?: (base: string) => WeatherProvider;
    alerts?: (base: string, now: () => number) => AlertsProvider[];
    base?: string;
  } = {},
) {
  const base = options.base ?? recorded.url;
  const clock = () => Date.parse(now);
  return world.startWith({
    provider: options.provider
      ? options.provider(base)
      : createOpenMeteo({
          forecastUrl: options.forecastFrom ?? world.stub.url,
          geocodingUrl: base,
          airQualityUrl: base,
        }),
    alertsProviders: options.alerts
      ? options.alerts(base, clock)
      : [
          createNws({ baseUrl: base, userAgent: 'skycast tests' }),
          createMeteoAlarm({ baseUrl: base, now: clock }),
        ],
    now: () => new Date(clock()),
  });
}

async function call(url: string, procedure: string, input: object) {
  const response = await fetch(
    `${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  const body = (await response.json()) as {
    result?: { data: unknown };
    error?: { message: string };
  };
  return { status: response.status, data: body.result?.data, error: body.error?.message };
}

describe('every recorded real answer, through the public procedures over HTTP', () => {
  it('searches: a full answer, one without `results`, one with places lacking a country, and one across zones and countries', async () => {
    const skycast = await instance(new Date().toISOString());
    try {
      const full = await call(skycast.url, 'weather.searchLocations', { query: 'Enschede' });
      expect(full.status).toBe(200);
      expect(full.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'Enschede',
            countryCode: 'NL',
            timezone: 'Europe/Amsterdam',
          }),
        ]),
      );
      const none = await call(skycast.url, 'weather.searchLocations', { query: 'Nowhereville' });
      expect(none).toMatchObject({ status: 200, data: [] });
      const partial = await call(skycast.url, 'weather.searchLocations', {
        query: 'Antarctica',
        language: 'fr',
      });
      expect(partial.status).toBe(200);
      expect(partial.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Île MacMurdo', country: 'Terres australes françaises' }),
        ]),
      );
      const many = await call(skycast.url, 'weather.searchLocations', { query: 'Hollywood' });
      expect(many.status).toBe(200);
      expect(many.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ admin1: 'California', timezone: 'America/Los_Angeles' }),
          expect.objectContaining({ admin1: 'Munster', country: 'Ireland' }),
        ]),
      );
    } finally {
      await skycast.close();
    }
  });

  it('gives the air quality recorded near Enschede, pollen counted as zero out of season', async () => {
    // The recording keeps three of its hours (00:00–02:00) beside "now" at 12:00, Amsterdam
    // time: our clock at 07:00 there has both within the six hours a provider may be off.
    const skycast = await instance('2026-10-03T05:00:00Z');
    try {
      const answer = await call(skycast.url, 'weather.airQuality', {
        latitude: 52.3,
        longitude: 6.9,
      });
      expect(answer.status).toBe(200);
      expect(answer.data).toMatchObject({
        current: { europeanAqi: 44, usAqi: 65 },
        pollen: { birch: 0, grass: 0 },
      });
    } finally {
      await skycast.close();
    }
  });

  it('answers a forecast Open-Meteo sent without any section as a 502 naming the weather service', async () => {
    const skycast = await instance(new Date().toISOString(), { forecastFrom: recorded.url });
    try {
      for (const [procedure, input] of [
        ['weather.forecast', { latitude: 52.28, longitude: 6.87 }],
        [
          'weather.day',
          { latitude: 52.28, longitude: 6.87, date: new Date().toISOString().slice(0, 10) },
        ],
        ['weather.summaries', { places: [{ latitude: 52.28, longitude: 6.87 }] }],
      ] as const) {
        const answer = await call(skycast.url, procedure, input);
        if (procedure === 'weather.summaries') {
          // A list of places answers `null` for the one whose weather cannot be had.
          expect(answer).toMatchObject({ status: 200, data: [null] });
        } else {
          expect(answer.status, procedure).toBe(502);
          expect(answer.error).toMatch(/weather service/i);
        }
      }
    } finally {
      await skycast.close();
    }
  });

  it.each([
    ['Darwin (+09:30, the legacy `current_weather`)', -12.46, 130.84],
    ['the tropical Pacific (a daily high null every day)', -12.46, -130.84],
    ['Brasília (hourly temperatures only)', -15.79, -47.88],
  ])(
    'answers a forecast Open-Meteo sent for %s, without the `current` Skycast asks for, as a 502 naming the weather service',
    async (_place, latitude, longitude) => {
      const skycast = await instance(new Date().toISOString(), { forecastFrom: recorded.url });
      try {
        const answer = await call(skycast.url, 'weather.forecast', { latitude, longitude });
        expect(answer.status).toBe(502);
        expect(answer.error).toMatch(/weather service/i);
      } finally {
        await skycast.close();
      }
    },
  );

  it.each([
    ['London', 51.51, -0.13],
    ['Moscow', 55.75, 37.62],
  ])(
    "answers OpenWeather's recorded 5-day forecast in kelvin, at %s, as a 502 naming the weather service",
    async (_place, latitude, longitude) => {
      const skycast = await instance(new Date().toISOString(), {
        provider: (base) => createOpenWeather({ baseUrl: base, apiKey: 'test-key' }),
      });
      try {
        const answer = await call(skycast.url, 'weather.forecast', { latitude, longitude });
        expect(answer.status).toBe(502);
        expect(answer.error).toMatch(/weather service/i);
      } finally {
        await skycast.close();
      }
    },
  );

  it("shows the NWS's recorded Flood Watch in Portland while it ran", async () => {
    const skycast = await instance('2019-12-21T12:00:00Z');
    try {
      const answer = await call(skycast.url, 'weather.alerts', {
        latitude: 45.52,
        longitude: -122.68,
      });
      expect(answer.status).toBe(200);
      expect(answer.data).toMatchObject({
        alerts: [expect.objectContaining({ event: 'Flood Watch', sender: 'NWS Portland OR' })],
      });
    } finally {
      await skycast.close();
    }
  });

  it("shows the NWS's recorded heat warning in Phoenix before its air quality alert of unknown severity", async () => {
    const skycast = await instance('2024-07-19T20:00:00Z');
    try {
      const answer = await call(skycast.url, 'weather.alerts', {
        latitude: 33.25,
        longitude: -112.3,
      });
      expect(answer.status).toBe(200);
      expect(answer.data).toMatchObject({
        alerts: [
          expect.objectContaining({ event: 'Excessive Heat Warning', severity: 'severe' }),
          expect.objectContaining({ event: 'Air Quality Alert', severity: 'unknown' }),
        ],
      });
    } finally {
      await skycast.close();
    }
  });

  it.each([
    ['Belfast', 'united-kingdom', '2022-12-07T12:00:00Z', 54.6, -5.93, 'Yellow ice warning'],
    ['Chamonix', 'france', '2022-12-07T05:00:00Z', 45.92, 6.87, 'Moderate avalanches warning'],
    ['Dublin', 'ireland', '2022-12-07T12:00:00Z', 53.35, -6.26, 'Yellow Low Temperature/Ice'],
  ])(
    'shows the MeteoAlarm warning recorded for %s (%s)',
    async (_place, _country, now, latitude, longitude, event) => {
      const skycast = await instance(now);
      try {
        const answer = await call(skycast.url, 'weather.alerts', { latitude, longitude });
        expect(answer.status).toBe(200);
        expect(answer.data).toMatchObject({ alerts: [expect.objectContaining({ event })] });
      } finally {
        await skycast.close();
      }
    },
  );

  // Before the 404s below: a failed answer is not stored, while theirs is, for the same cells.
  it.each([
    ['Rosenheim', '2023-04-28T13:00:00Z', 47.86, 12.12],
    ['the Hel peninsula', '2023-04-27T15:00:00Z', 54.6, 18.8],
  ])(
    'answers a 502 naming the weather service at %s when no document the recorded feed names there can be read',
    async (_place, now, latitude, longitude) => {
      const skycast = await instance(now, { base: failingDocuments.url });
      try {
        const answer = await call(skycast.url, 'weather.alerts', { latitude, longitude });
        expect(answer.status).toBe(502);
        expect(answer.error).toMatch(/weather service/i);
      } finally {
        await skycast.close();
      }
    },
  );

  it.each([
    ['Rosenheim', '2023-04-28T13:00:00Z', 47.86, 12.12],
    ['the Hel peninsula', '2023-04-27T15:00:00Z', 54.6, 18.8],
  ])(
    'answers no warnings at %s when every document the recorded feed names there is gone (404: withdrawn)',
    async (_place, now, latitude, longitude) => {
      const skycast = await instance(now, { base: wholeFeeds.url });
      try {
        const answer = await call(skycast.url, 'weather.alerts', { latitude, longitude });
        expect(answer).toMatchObject({ status: 200, data: { alerts: [], unreadable: 0 } });
      } finally {
        await skycast.close();
      }
    },
  );

  it("shows Glasgow's recorded ice warning and says one more could not be read when the snow warning's document fails (500)", async () => {
    const skycast = await instance('2022-12-07T12:00:00Z', { base: failingDocuments.url });
    try {
      const answer = await call(skycast.url, 'weather.alerts', {
        latitude: 55.86,
        longitude: -4.25,
      });
      expect(answer).toMatchObject({
        status: 200,
        data: {
          alerts: [expect.objectContaining({ event: 'Yellow ice warning' })],
          unreadable: 1,
        },
      });
    } finally {
      await skycast.close();
    }
  });

  it("shows the Met Office's warning in Belfast from the whole recorded UK feed (4 documents, 25 entries)", async () => {
    const skycast = await instance('2022-12-07T12:00:00Z', { base: wholeFeeds.url });
    try {
      const answer = await call(skycast.url, 'weather.alerts', {
        latitude: 54.6,
        longitude: -5.93,
      });
      // Its other document there (bca9d20a, not recorded) is gone: withdrawn, not unreadable.
      expect(answer).toMatchObject({
        status: 200,
        data: { alerts: [expect.objectContaining({ event: 'Yellow ice warning' })], unreadable: 0 },
      });
    } finally {
      await skycast.close();
    }
  });

  it('reads no document and shows no warning in Munich from the recorded German feed after its frost warning expired', async () => {
    const skycast = await instance('2023-04-28T13:00:00Z', { base: wholeFeeds.url });
    try {
      const answer = await call(skycast.url, 'weather.alerts', {
        latitude: 48.14,
        longitude: 11.58,
      });
      expect(answer).toMatchObject({ status: 200, data: { alerts: [] } });
    } finally {
      await skycast.close();
    }
  });

  it("shows One Call's documented Small Craft Advisory", async () => {
    const skycast = await instance('2022-03-03T23:00:00Z', {
      alerts: (base) => [createOneCallAlerts({ baseUrl: base, apiKey: 'test-key' })],
    });
    try {
      const answer = await call(skycast.url, 'weather.alerts', {
        latitude: 39.31,
        longitude: -74.5,
      });
      expect(answer.status).toBe(200);
      expect(answer.data).toMatchObject({
        alerts: [expect.objectContaining({ event: 'Small Craft Advisory' })],
      });
    } finally {
      await skycast.close();
    }
  });

  it('has served every recording the repository keeps', () => {
    const kept = readdirSync(RECORDINGS, { recursive: true, encoding: 'utf8' })
      .map((path) => path.replaceAll('\\', '/'))
      .filter((path) => /\.(json|xml)$/.test(path));
    expect(kept.length).toBeGreaterThan(10);
    expect([...served].sort()).toEqual(expect.arrayContaining(kept));
  });
});

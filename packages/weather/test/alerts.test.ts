import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '@skycast/vitest-config/testing';

import {
  byUrgencyOfReading,
  createMeteoAlarm,
  createNws,
  createOneCallAlerts,
  ProviderError,
  weatherAlertSchema,
  type AlertsProvider,
} from '../src/index.ts';
import { forwardTo, startRelay } from './relay.ts';

// Contract tests: each warning client against the local provider over real HTTP,
// which serves recorded-style samples in the services' own formats (NWS GeoJSON,
// MeteoAlarm Atom + CAP 1.2, One Call 3.0). The stub's clock is fixed.
const NOW = new Date('2026-12-01T06:20:00Z');
const HOUR = 3_600_000;
const ON_THE_HOUR = Date.parse('2026-12-01T06:00:00Z');
const CHICAGO = { latitude: 41.85, longitude: -87.65 };
const NEW_YORK = { latitude: 40.71, longitude: -74.01 };
const BERLIN = { latitude: 52.52, longitude: 13.41 };
const MUNICH = { latitude: 48.14, longitude: 11.58 };
const NORDFRIESLAND = { latitude: 54.6, longitude: 8.9 };
const LONDON = { latitude: 51.51, longitude: -0.13 };
const EDINBURGH = { latitude: 55.95, longitude: -3.2 };
const BELFAST = { latitude: 54.6, longitude: -5.93 };
const VIENNA = { latitude: 48.21, longitude: 16.37 };
const PARIS = { latitude: 48.85, longitude: 2.35 };
const USER_AGENT = '(skycast tests, ops@skycast.example)';

let stub: WeatherStub;

beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
});
afterAll(() => stub.close());
afterEach(() => {
  stub.setFault(null);
  stub.resetCalls();
});

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, ProviderError);

const meteoAlarmAt = (baseUrl: string) => createMeteoAlarm({ baseUrl, now: () => NOW.getTime() });

/**
 * A German feed as busy as a storm day: 130 live warnings for Berlin, each
 * with an entry per area (Berlin and two others), 20 cancelled, 20 expired,
 * and 50 for elsewhere only. Document `n` was sent `n` minutes after `start`.
 */
function busyFeed(start: number) {
  const capTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');
  const kinds = [
    ...Array.from({ length: 130 }, () => 'berlin'),
    ...Array.from({ length: 20 }, () => 'cancelled'),
    ...Array.from({ length: 20 }, () => 'expired'),
    ...Array.from({ length: 50 }, () => 'elsewhere'),
  ];
  const areas = (kind: string) =>
    kind === 'elsewhere' ? ['DE056', 'DE095', 'DE001'] : ['DE202', 'DE056', 'DE095'];
  const documentPath = (n: number) => `/api/v1/warnings/feeds-germany/busy-${n}`;
  const entry = (kind: string, n: number, area: string) => `<entry>
    <cap:areaDesc>${area}</cap:areaDesc><cap:event>wind</cap:event>
    <cap:sent>${capTime(start + n * 60_000)}</cap:sent>
    <cap:expires>${capTime(start + (kind === 'expired' ? -HOUR : 24 * HOUR))}</cap:expires>
    <cap:message_type>${kind === 'cancelled' ? 'Cancel' : 'Alert'}</cap:message_type>
    <cap:status>Actual</cap:status>
    <cap:geocode><valueName>EMMA_ID</valueName><value>${area}</value></cap:geocode>
    <cap:identifier>busy-${n}</cap:identifier>
    <link href="https://feeds.meteoalarm.org${documentPath(n)}" type="application/cap+xml"/>
  </entry>`;
  const document = (n: number) => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>busy-${n}</identifier><sender>opendata@dwd.de</sender><status>Actual</status>
  <info><language>en-GB</language><event>wind ${n}</event><severity>Minor</severity>
    <expires>${capTime(start + 24 * HOUR)}</expires><senderName>Deutscher Wetterdienst</senderName>
    ${areas(kinds[n]!)
      .map(
        (area) =>
          `<area><areaDesc>${area}</areaDesc><geocode><valueName>EMMA_ID</valueName><value>${area}</value></geocode></area>`,
      )
      .join('')}
  </info>
</alert>`;
  const entries = kinds.flatMap((kind, n) => areas(kind).map((area) => entry(kind, n, area)));
  // Shuffled as a real feed is ordered by area, not by time.
  entries.sort((a, b) => ((a.length * 31 + b.length) % 7) - 3);
  const feed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
${entries.join('\n')}
</feed>`;
  return {
    entries: entries.length,
    answer: (url: URL) => {
      const type = { 'content-type': 'application/xml' };
      if (url.pathname === '/feeds/meteoalarm-legacy-atom-germany')
        return { status: 200, body: feed, headers: type };
      const n = Number(url.pathname.split('-').at(-1));
      return url.pathname === documentPath(n) && kinds[n]
        ? { status: 200, body: document(n), headers: type }
        : { status: 404, body: '{}' };
    },
  };
}

function valid(provider: AlertsProvider, at: { latitude: number; longitude: number }) {
  return provider.alerts(at).then(({ data, simulated }) => {
    for (const alert of data) weatherAlertSchema.parse(alert);
    return { data, simulated };
  });
}

describe('NWS (api.weather.gov /alerts/active)', () => {
  const nws = () => createNws({ baseUrl: stub.url, userAgent: USER_AGENT });

  it('maps the GeoJSON CAP alerts at a point onto the model', async () => {
    const { data, simulated } = await valid(nws(), CHICAGO);
    expect(simulated).toBe(true);
    expect(data.map((alert) => alert.event)).toEqual([
      'Winter Storm Warning',
      'Cold Weather Advisory',
    ]);
    const storm = data[0]!;
    expect(storm).toMatchObject({
      // The GeoJSON names no language, and carries one.
      language: null,
      otherLanguages: [],
      severity: 'severe',
      urgency: 'expected',
      certainty: 'likely',
      sender: 'NWS Chicago IL',
      headline: 'Winter Storm Warning issued by NWS Chicago IL',
      area: 'Cook; DuPage; Lake, IL',
    });
    expect(storm.id).toMatch(/^urn:oid:2\.49\.0\.1\.840\.0\./);
    expect(storm.description).toMatch(/^\* WHAT\.\.\.Heavy snow expected/);
    expect(storm.instruction).toMatch(/^If you must travel/);
    // Offsets such as -06:00 become UTC instants; the hazard's end (`ends`) is what "until" shows.
    expect(storm.onset).toBe(new Date(ON_THE_HOUR + 3 * HOUR).toISOString());
    expect(storm.expires).toBe(new Date(ON_THE_HOUR + 27 * HOUR).toISOString());
  });

  it('answers no warnings for a US place with none', async () => {
    expect((await valid(nws(), NEW_YORK)).data).toEqual([]);
  });

  it('sends the User-Agent the NWS requires and a point of at most four decimals', async () => {
    const relay = await startRelay(forwardTo(stub.url));
    try {
      await createNws({ baseUrl: relay.url, userAgent: USER_AGENT }).alerts({
        latitude: 41.850_123_9,
        longitude: -87.65,
      });
      expect(relay.requests[0]?.pathname).toBe('/alerts/active');
      expect(relay.requests[0]?.searchParams.get('point')).toBe('41.8501,-87.6500');
      expect(relay.headers[0]?.['user-agent']).toBe(USER_AGENT);
      expect(relay.headers[0]?.accept).toBe('application/geo+json');
    } finally {
      await relay.close();
    }
  });

  it('leaves out test messages and cancellations', async () => {
    const relay = await startRelay(async (url) => {
      const upstream = await fetch(new URL(`${url.pathname}${url.search}`, stub.url));
      const body = (await upstream.json()) as {
        features: { properties: { status: string; messageType: string } }[];
      };
      body.features[0]!.properties.status = 'Test';
      body.features[1]!.properties.messageType = 'Cancel';
      return { status: 200, body: JSON.stringify(body) };
    });
    try {
      const { data } = await createNws({ baseUrl: relay.url, userAgent: USER_AGENT }).alerts(
        CHICAGO,
      );
      expect(data).toEqual([]);
    } finally {
      await relay.close();
    }
  });

  it('covers the United States only', () => {
    expect(nws().covers(CHICAGO)).toBe(true);
    expect(nws().covers({ latitude: 21.31, longitude: -157.86 })).toBe(true);
    expect(nws().covers(BERLIN)).toBe(false);
    // London, Ontario: inside the box around the contiguous states, but Canada.
    expect(nws().covers({ latitude: 42.98, longitude: -81.23 })).toBe(false);
  });

  it('turns the problem document of an error into the reason', async () => {
    stub.setFault({ mode: 'error', status: 503, endpoints: ['/alerts/active'] });
    const error = await failureOf(nws().alerts(CHICAGO));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.reason).toMatch(/temporarily overloaded/);
  });

  it('reports a 429 with when to ask again, and a cut-off body as malformed', async () => {
    stub.setFault({ mode: 'rate-limit', retryAfter: '30', endpoints: ['/alerts/active'] });
    const limited = await failureOf(nws().alerts(CHICAGO));
    expect(limited.kind).toBe('rate-limited');
    expect(limited.retryAt?.getTime()).toBeGreaterThan(Date.now() + 20_000);
    stub.setFault({ mode: 'malformed', endpoints: ['/alerts/active'] });
    expect((await failureOf(nws().alerts(CHICAGO))).kind).toBe('malformed');
  });
});

describe('MeteoAlarm (Atom feed per country, CAP 1.2 documents)', () => {
  it('finds the warnings whose polygon holds the point, in English, with the issuer named', async () => {
    const { data: newestFirst, simulated } = await valid(meteoAlarmAt(stub.url), BERLIN);
    expect(simulated).toBe(true);
    expect(newestFirst.map((alert) => alert.event)).toEqual(['frost', 'storm gusts']);
    const data = newestFirst.toSorted(byUrgencyOfReading);
    expect(data.map((alert) => [alert.event, alert.severity])).toEqual([
      ['storm gusts', 'severe'],
      ['frost', 'minor'],
    ]);
    expect(data[0]).toMatchObject({
      urgency: 'immediate',
      certainty: 'likely',
      sender: 'Deutscher Wetterdienst',
      headline: 'Official SEVERE WEATHER WARNING of STORM GUSTS',
      area: 'Berlin',
      onset: new Date(ON_THE_HOUR - HOUR).toISOString(),
      expires: new Date(ON_THE_HOUR + 13 * HOUR).toISOString(),
    });
    expect(data[0]?.description).toMatch(/level 3 of 4/);
    expect(data[0]?.instruction).toMatch(/^ACTION RECOMMENDED/);
    expect(data[1]?.instruction).toBeNull();
  });

  it('keeps every language the issuer sent, English first in the fields, the rest beside them', async () => {
    const { data } = await valid(meteoAlarmAt(stub.url), VIENNA);
    expect(data[0]).toMatchObject({
      language: 'en-GB',
      event: 'black ice',
      otherLanguages: [
        {
          language: 'de-AT',
          event: 'Glatteis',
          headline: 'Glatteiswarnung Stufe Gelb',
          description: expect.stringMatching(/^Es wird gefrierender Regen erwartet/) as string,
          instruction: null,
        },
      ],
    });
    // The Met Office sends English alone.
    const belfast = await valid(meteoAlarmAt(stub.url), BELFAST);
    expect(belfast.data[0]).toMatchObject({ language: 'en-GB', otherLanguages: [] });
  });

  it("does not show another region's warning from the same country's feed", async () => {
    const meteoAlarm = meteoAlarmAt(stub.url);
    expect((await meteoAlarm.alerts(MUNICH)).data.map((alert) => alert.event)).toEqual([
      'snowfall',
    ]);
    expect((await meteoAlarm.alerts(LONDON)).data).toEqual([]);
    expect((await meteoAlarm.alerts(EDINBURGH)).data.map((alert) => alert.sender)).toEqual([
      'Met Office',
    ]);
  });

  it('places a warning named only by region code (EMMA_ID or NUTS3) by its boundary', async () => {
    const meteoAlarm = meteoAlarmAt(stub.url);
    const events = async (at: { latitude: number; longitude: number }) =>
      (await valid(meteoAlarm, at)).data.map((alert) => [alert.event, alert.sender]);
    expect(await events(NORDFRIESLAND)).toEqual([['storm surge', 'Deutscher Wetterdienst']]);
    expect(await events(BELFAST)).toEqual([['Yellow wind warning', 'Met Office']]);
    expect(await events(MUNICH)).toEqual([['snowfall', 'Deutscher Wetterdienst']]);
    expect(await events(VIENNA)).toEqual([['black ice', 'GeoSphere Austria']]);
    // Météo-France names Paris by its NUTS3 code, an alias of an EMMA_ID region.
    expect(await events(PARIS)).toEqual([['Moderate snow-ice warning', 'Météo-France']]);
    // Neighbours outside those regions: Lower Austria around Vienna, Dublin across the sea.
    expect(await events({ latitude: 48.3, longitude: 16.0 })).toEqual([]);
    expect(await events({ latitude: 53.35, longitude: -6.26 })).toEqual([]);
  });

  it('reads only the documents whose area holds the point, per the feed', async () => {
    await meteoAlarmAt(stub.url).alerts(NORDFRIESLAND);
    // Berlin's two and Munich's one are other regions' codes: not fetched.
    expect(stub.calls('/api/v1/warnings')).toBe(1);
  });

  it('reads each relevant document of a busy feed once, newest first, at most 100', async () => {
    const feed = busyFeed(Date.parse('2026-12-01T06:00:00Z'));
    const relay = await startRelay((url) => Promise.resolve(feed.answer(url)));
    try {
      const meteoAlarm = meteoAlarmAt(relay.url);
      // Two places at once in the same region: the documents are still read once each.
      const [first, second] = await Promise.all([
        meteoAlarm.alerts(BERLIN),
        meteoAlarm.alerts({ latitude: 52.5, longitude: 13.4 }),
      ]);
      const documents = relay.requests.filter((url) => url.pathname.startsWith('/api/v1/'));
      expect(feed.entries).toBeGreaterThan(500);
      expect(documents).toHaveLength(100);
      expect(new Set(documents.map((url) => url.pathname)).size).toBe(100);
      // The 100 newest of the 130 live documents for Berlin; none cancelled, expired or elsewhere.
      expect(
        documents.map((url) => Number(url.pathname.split('-').at(-1))).sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 100 }, (_, i) => i + 30));
      expect(first.data).toHaveLength(100);
      expect(second.data).toHaveLength(100);
    } finally {
      await relay.close();
    }
  });

  it('reads a country feed once a minute and each document once, whatever the places', async () => {
    const meteoAlarm = meteoAlarmAt(stub.url);
    await meteoAlarm.alerts(BERLIN);
    await meteoAlarm.alerts({ latitude: 52.4, longitude: 13.2 });
    await meteoAlarm.alerts(MUNICH);
    expect(stub.calls('/feeds/meteoalarm-legacy-atom')).toBe(1);
    // Berlin's two documents and Munich's one, each read once.
    expect(stub.calls('/api/v1/warnings')).toBe(3);
  });

  it('covers member countries by their zones', () => {
    const meteoAlarm = meteoAlarmAt(stub.url);
    expect(meteoAlarm.covers({ latitude: 48.85, longitude: 2.35 })).toBe(true);
    expect(meteoAlarm.covers(CHICAGO)).toBe(false);
    expect(meteoAlarm.covers({ latitude: 35.68, longitude: 139.69 })).toBe(false);
  });

  it('turns a cut-off feed, an error status and a dropped connection into ProviderErrors', async () => {
    stub.setFault({ mode: 'malformed', endpoints: ['/feeds/meteoalarm-legacy-atom'] });
    expect((await failureOf(meteoAlarmAt(stub.url).alerts(BERLIN))).kind).toBe('malformed');
    stub.setFault({ mode: 'error', status: 502, endpoints: ['/api/v1/warnings'] });
    const broken = await failureOf(meteoAlarmAt(stub.url).alerts(BERLIN));
    expect([broken.kind, broken.status]).toEqual(['http', 502]);
    stub.setFault({ mode: 'down' });
    expect((await failureOf(meteoAlarmAt(stub.url).alerts(BERLIN))).kind).toBe('network');
  });

  it('asks again after a failed feed instead of keeping the failure', async () => {
    const meteoAlarm = meteoAlarmAt(stub.url);
    stub.setFault({ mode: 'error', status: 500, endpoints: ['/feeds/meteoalarm-legacy-atom'] });
    await failureOf(meteoAlarm.alerts(BERLIN));
    stub.setFault(null);
    expect((await meteoAlarm.alerts(BERLIN)).data).toHaveLength(2);
  });
});

describe('OpenWeather One Call 3.0 alerts', () => {
  const oneCall = (apiKey = 'test-key') => createOneCallAlerts({ baseUrl: stub.url, apiKey });

  it("maps One Call's alerts, which carry no CAP severity, urgency or certainty", async () => {
    const { data } = await valid(oneCall(), BERLIN);
    expect(data.map((alert) => alert.event)).toEqual(['storm gusts', 'frost']);
    expect(data[0]).toMatchObject({
      sender: 'Deutscher Wetterdienst',
      severity: 'unknown',
      urgency: 'unknown',
      certainty: 'unknown',
      headline: null,
      instruction: null,
      onset: new Date(ON_THE_HOUR - HOUR).toISOString(),
      expires: new Date(ON_THE_HOUR + 13 * HOUR).toISOString(),
    });
  });

  it('answers none where One Call sends no `alerts` key', async () => {
    expect((await valid(oneCall(), LONDON)).data).toEqual([]);
  });

  it('asks for alerts only, and reports a refused key with its message', async () => {
    const relay = await startRelay(forwardTo(stub.url));
    try {
      await createOneCallAlerts({ baseUrl: relay.url, apiKey: 'k' }).alerts(CHICAGO);
      expect(relay.requests[0]?.pathname).toBe('/data/3.0/onecall');
      expect(relay.requests[0]?.searchParams.get('exclude')).toBe('current,minutely,hourly,daily');
    } finally {
      await relay.close();
    }
    const error = await failureOf(oneCall(' ').alerts(CHICAGO));
    expect([error.kind, error.status]).toEqual(['http', 401]);
    expect(error.reason).toMatch(/Invalid API key/);
    expect(error.message).not.toContain('appid');
  });
});

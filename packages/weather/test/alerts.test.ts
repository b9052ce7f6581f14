import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '@skycast/vitest-config/testing';

import {
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
    const { data, simulated } = await valid(createMeteoAlarm({ baseUrl: stub.url }), BERLIN);
    expect(simulated).toBe(true);
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

  it("does not show another region's warning from the same country's feed", async () => {
    const meteoAlarm = createMeteoAlarm({ baseUrl: stub.url });
    expect((await meteoAlarm.alerts(MUNICH)).data.map((alert) => alert.event)).toEqual([
      'snowfall',
    ]);
    expect((await meteoAlarm.alerts(LONDON)).data).toEqual([]);
    expect((await meteoAlarm.alerts(EDINBURGH)).data.map((alert) => alert.sender)).toEqual([
      'Met Office',
    ]);
  });

  it('leaves out a warning named only by region code: it cannot be placed', async () => {
    const { data } = await createMeteoAlarm({ baseUrl: stub.url }).alerts(NORDFRIESLAND);
    expect(data).toEqual([]);
  });

  it('reads a country feed once a minute and each document once, whatever the places', async () => {
    const meteoAlarm = createMeteoAlarm({ baseUrl: stub.url });
    await meteoAlarm.alerts(BERLIN);
    await meteoAlarm.alerts({ latitude: 52.4, longitude: 13.2 });
    await meteoAlarm.alerts(MUNICH);
    expect(stub.calls('/feeds/meteoalarm-legacy-atom')).toBe(1);
    // Four German documents, each read once.
    expect(stub.calls('/api/v1/warnings')).toBe(4);
  });

  it('covers member countries by their zones', () => {
    const meteoAlarm = createMeteoAlarm({ baseUrl: stub.url });
    expect(meteoAlarm.covers({ latitude: 48.85, longitude: 2.35 })).toBe(true);
    expect(meteoAlarm.covers(CHICAGO)).toBe(false);
    expect(meteoAlarm.covers({ latitude: 35.68, longitude: 139.69 })).toBe(false);
  });

  it('turns a cut-off feed, an error status and a dropped connection into ProviderErrors', async () => {
    stub.setFault({ mode: 'malformed', endpoints: ['/feeds/meteoalarm-legacy-atom'] });
    expect((await failureOf(createMeteoAlarm({ baseUrl: stub.url }).alerts(BERLIN))).kind).toBe(
      'malformed',
    );
    stub.setFault({ mode: 'error', status: 502, endpoints: ['/api/v1/warnings'] });
    const broken = await failureOf(createMeteoAlarm({ baseUrl: stub.url }).alerts(BERLIN));
    expect([broken.kind, broken.status]).toEqual(['http', 502]);
    stub.setFault({ mode: 'down' });
    expect((await failureOf(createMeteoAlarm({ baseUrl: stub.url }).alerts(BERLIN))).kind).toBe(
      'network',
    );
  });

  it('asks again after a failed feed instead of keeping the failure', async () => {
    const meteoAlarm = createMeteoAlarm({ baseUrl: stub.url });
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

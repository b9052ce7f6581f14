import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  createMeteoAlarm,
  MAX_PROVIDER_BODY_BYTES,
  ProviderError,
  weatherAlertSchema,
} from '../src/index.ts';
import { startRelay } from './relay.ts';

// Contract tests on what MeteoAlarm really sent (recordings and their source in
// test/recordings/meteoalarm/README.md), with the recordings' own times: the
// client's clock is set inside each warning's validity.
const recording = (name: string) =>
  readFileSync(new URL(`recordings/meteoalarm/${name}`, import.meta.url), 'utf8');

interface Case {
  country: string;
  /** The one document recorded with the feed; the feed is served with that document's entries. */
  document: string;
  now: string;
  inside: { latitude: number; longitude: number };
  outside: { latitude: number; longitude: number };
}

/** Serves a recorded feed (its entries for the recorded document) and that document, counting calls. */
async function replay({ country, document }: Case) {
  const feed = recording(`${country}-feed.xml`).replace(/<entry>[\s\S]*?<\/entry>/g, (entry) =>
    entry.includes(document) ? entry : '',
  );
  const cap = recording(`${country}-${document.slice(0, 8)}.xml`);
  const relay = await startRelay((url) =>
    Promise.resolve(
      url.pathname === `/feeds/meteoalarm-legacy-atom-${country}`
        ? { status: 200, body: feed, headers: { 'content-type': 'application/atom+xml' } }
        : url.pathname === `/api/v1/warnings/feeds-${country}/${document}`
          ? { status: 200, body: cap, headers: { 'content-type': 'application/xml' } }
          : { status: 404, body: '{"message":"not recorded"}' },
    ),
  );
  return relay;
}

const UNITED_KINGDOM: Case = {
  country: 'united-kingdom',
  document: 'a4647d38-40ea-4c01-b874-4e2b3df383b9',
  now: '2022-12-07T12:00:00Z',
  inside: { latitude: 54.6, longitude: -5.93 },
  outside: { latitude: 51.51, longitude: -0.13 },
};
const FRANCE: Case = {
  country: 'france',
  document: '2f32f9f9-06df-48aa-b0a0-10493ea07c51',
  // The recorded update was in force until 05:01 UTC.
  now: '2022-12-07T05:00:00Z',
  inside: { latitude: 45.92, longitude: 6.87 },
  outside: { latitude: 48.85, longitude: 2.35 },
};
const IRELAND: Case = {
  country: 'ireland',
  document: '558830a2-74a1-402a-915c-ab365ec68d25',
  now: '2022-12-07T12:00:00Z',
  inside: { latitude: 53.35, longitude: -6.26 },
  // The warning covers every county: Galway too.
  outside: { latitude: 53.27, longitude: -9.05 },
};

async function alertsAt(testCase: Case, at: { latitude: number; longitude: number }) {
  const relay = await replay(testCase);
  try {
    const meteoAlarm = createMeteoAlarm({
      baseUrl: relay.url,
      now: () => Date.parse(testCase.now),
    });
    const { data } = await meteoAlarm.alerts(at);
    for (const alert of data) weatherAlertSchema.parse(alert);
    const documents = relay.requests.filter((url) => url.pathname.startsWith('/api/v1/'));
    return { data, documents: documents.length };
  } finally {
    await relay.close();
  }
}

describe('MeteoAlarm, on recorded feeds and documents', () => {
  it("places the Met Office's warning, named by EMMA_ID only, in Belfast and not in London", async () => {
    const belfast = await alertsAt(UNITED_KINGDOM, UNITED_KINGDOM.inside);
    expect(belfast.data).toHaveLength(1);
    expect(belfast.data[0]).toMatchObject({
      id: '2.49.0.0.826.0.GB_221207102835_a705d176.v1.0.SI',
      event: 'Yellow ice warning',
      severity: 'moderate',
      urgency: 'future',
      certainty: 'likely',
      sender: 'UK Met Office',
      headline: 'Some disruption is likely due to icy surfaces.',
      onset: '2022-12-08T16:00:00.000Z',
      expires: '2022-12-09T12:00:00.000Z',
      language: 'en-GB',
      otherLanguages: [],
    });
    expect(belfast.data[0]?.area).toContain('Northern Ireland');
    const london = await alertsAt(UNITED_KINGDOM, UNITED_KINGDOM.outside);
    expect(london).toEqual({ data: [], documents: 0 });
  });

  it("places Météo-France's warning, named by NUTS3 only, in Chamonix, with its French beside the English", async () => {
    const chamonix = await alertsAt(FRANCE, FRANCE.inside);
    expect(chamonix.data).toHaveLength(1);
    expect(chamonix.data[0]).toMatchObject({
      id: '2.49.0.0.250.0.FR.20221207060126.964028',
      event: 'Moderate avalanches warning',
      severity: 'moderate',
      sender: 'METEO-FRANCE',
      language: 'en-GB',
      otherLanguages: [
        expect.objectContaining({ language: 'fr-FR', event: 'Vigilance jaune avalanches' }),
      ],
    });
    expect(await alertsAt(FRANCE, FRANCE.outside)).toEqual({ data: [], documents: 0 });
  });

  it("leaves out Météo-France's warning once its recorded expiry has passed, without reading it", async () => {
    const later = await alertsAt({ ...FRANCE, now: '2022-12-07T05:02:00Z' }, FRANCE.inside);
    expect(later).toEqual({ data: [], documents: 0 });
  });

  it("places Met Éireann's nationwide warning by its polygons (and FIPS codes), in Dublin and Galway", async () => {
    const dublin = await alertsAt(IRELAND, IRELAND.inside);
    expect(dublin.data).toHaveLength(1);
    expect(dublin.data[0]).toMatchObject({
      id: '2.49.0.1.372.0.221206232741.M_LowTemp003',
      event: 'Yellow Low Temperature/Ice',
      severity: 'moderate',
      sender: 'Met Éireann',
      headline: 'Ice warning for Ireland',
      onset: '2022-12-08T00:00:00.000Z',
      expires: '2022-12-08T11:59:59.000Z',
    });
    const galway = await alertsAt(IRELAND, IRELAND.outside);
    expect(galway.data.map((alert) => alert.id)).toEqual([dublin.data[0]?.id]);
    expect(galway.documents).toBe(1);
  });
});

/**
 * A recorded feed whose documents nobody recorded (test/recordings/meteoalarm/README.md):
 * served whole, every document asked for answered `status` (404: withdrawn), so the
 * test sees which documents the client reads for a point, and what it makes of them.
 */
async function feedOnly(
  country: string,
  now: string,
  at: { latitude: number; longitude: number },
  { documentStatus = 404 }: { documentStatus?: number } = {},
) {
  const feed = recording(`${country}-feed.xml`);
  const relay = await startRelay((url) =>
    Promise.resolve(
      url.pathname === `/feeds/meteoalarm-legacy-atom-${country}`
        ? { status: 200, body: feed, headers: { 'content-type': 'application/atom+xml' } }
        : { status: documentStatus, body: '{"message":"not recorded"}' },
    ),
  );
  try {
    const meteoAlarm = createMeteoAlarm({ baseUrl: relay.url, now: () => Date.parse(now) });
    const outcome = await meteoAlarm.alerts(at).then(
      ({ data, unreadable }) => ({ data, unreadable }),
      (error: unknown) => ({ error }),
    );
    const documents = relay.requests
      .filter((url) => url.pathname.startsWith('/api/v1/'))
      .map((url) => url.pathname.replace(`/api/v1/warnings/feeds-${country}/`, ''))
      .sort();
    return { outcome, documents };
  } finally {
    await relay.close();
  }
}

const MUNICH = { latitude: 48.14, longitude: 11.58 };
const ROSENHEIM = { latitude: 47.86, longitude: 12.12 };

describe('MeteoAlarm, on recorded feeds of geocode-only countries (documents not recorded)', () => {
  it("reads, of the Deutscher Wetterdienst's 381 entries (21 documents, EMMA_ID only), just the two naming Rosenheim", async () => {
    const { outcome, documents } = await feedOnly('germany', '2023-04-28T13:00:00Z', ROSENHEIM);
    // Gale-force gusts and persistent rain: both name "Kreis und Stadt Rosenheim" (DE029) by EMMA_ID.
    expect(documents).toEqual([
      '83ea0754-c070-48a2-a091-9f8ad9b67e84',
      'c1eb3488-6cb5-464b-bf5d-24fd19984873',
    ]);
    // Both gone (404): warnings withdrawn since the feed was made, so none to show.
    expect(outcome).toEqual({ data: [], unreadable: 0 });
  });

  it('answers a provider error, never an empty "no warnings", when not one of the documents at Rosenheim can be read', async () => {
    const { outcome, documents } = await feedOnly('germany', '2023-04-28T13:00:00Z', ROSENHEIM, {
      documentStatus: 500,
    });
    expect(documents).toHaveLength(2);
    expect('error' in outcome && outcome.error).toBeInstanceOf(ProviderError);
    expect(outcome).toMatchObject({ error: { provider: 'meteoalarm', kind: 'http', status: 500 } });
  });

  it('reads a document named by fifteen entries once, for Munich while its frost warning ran', async () => {
    const { documents } = await feedOnly('germany', '2023-04-27T03:00:00Z', MUNICH);
    expect(documents).toEqual(['75a69f41-d711-4926-8c52-b32ee91c1be2']);
  });

  it('reads nothing and answers no warnings for Munich once that frost warning has expired', async () => {
    expect(await feedOnly('germany', '2023-04-28T13:00:00Z', MUNICH)).toEqual({
      outcome: { data: [], unreadable: 0 },
      documents: [],
    });
  });

  it("places IMGW's coastal wind warning (EMMA_ID only) at the tip of the Hel peninsula, and not in Warsaw", async () => {
    const coast = await feedOnly('poland', '2023-04-27T15:00:00Z', {
      latitude: 54.6,
      longitude: 18.8,
    });
    expect(coast.documents).toEqual(['3adfb5e8-78f3-4240-bc8e-4b6a4da41c3b']);
    const warsaw = await feedOnly('poland', '2023-04-27T15:00:00Z', {
      latitude: 52.23,
      longitude: 21.01,
    });
    expect(warsaw).toEqual({ outcome: { data: [], unreadable: 0 }, documents: [] });
  });
});

/** A way a single CAP document can fail, as the relay answers it. */
type DocumentFault = 'gone' | 'server-error' | 'cut-off' | 'oversized' | 'slow';

/**
 * The whole recorded UK feed (4 documents, 25 entries) with its one recorded
 * document served as recorded and each of the other three answered as `faults`
 * says: 8dc8fa43 (snow, Glasgow's UK105), bca9d20a (ice, Belfast's UK108) and
 * 3a6219b9 (ice, Edinburgh's UK107). Every place also has the recorded ice warning.
 */
async function wholeUnitedKingdom(
  at: { latitude: number; longitude: number },
  faults: Record<string, DocumentFault>,
) {
  const feed = recording('united-kingdom-feed.xml');
  const cap = recording(`united-kingdom-${UNITED_KINGDOM.document.slice(0, 8)}.xml`);
  const xml = { 'content-type': 'application/xml' };
  const relay = await startRelay(async (url) => {
    if (url.pathname === '/feeds/meteoalarm-legacy-atom-united-kingdom')
      return { status: 200, body: feed, headers: { 'content-type': 'application/atom+xml' } };
    const id = url.pathname.split('/').at(-1) ?? '';
    if (id === UNITED_KINGDOM.document) return { status: 200, body: cap, headers: xml };
    switch (faults[id.slice(0, 8)]) {
      case 'server-error':
        return { status: 500, body: '<html>Internal Server Error</html>', headers: xml };
      case 'cut-off':
        return { status: 200, body: cap.slice(0, cap.length / 2), headers: xml };
      case 'oversized':
        return {
          status: 200,
          body: cap.repeat(Math.ceil(MAX_PROVIDER_BODY_BYTES / cap.length) + 1),
          headers: xml,
        };
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        return { status: 200, body: cap, headers: xml };
      default:
        return { status: 404, body: '{"message":"not found"}' };
    }
  });
  try {
    const meteoAlarm = createMeteoAlarm({
      baseUrl: relay.url,
      // Room for the good documents on a busy machine; the slow one waits well past it.
      timeoutMs: 2_000,
      now: () => Date.parse(UNITED_KINGDOM.now),
    });
    const outcome = await meteoAlarm.alerts(at).then(
      ({ data, unreadable }) => ({ events: data.map((alert) => alert.event), unreadable }),
      (error: unknown) => ({ error }),
    );
    const documents = relay.requests
      .filter((url) => url.pathname.startsWith('/api/v1/'))
      .map((url) => url.pathname.split('/').at(-1)?.slice(0, 8))
      .sort();
    return { outcome, documents };
  } finally {
    await relay.close();
  }
}

const GLASGOW = { latitude: 55.86, longitude: -4.25 };
const EDINBURGH = { latitude: 55.95, longitude: -3.19 };
const ABERDEEN = { latitude: 57.15, longitude: -2.09 };

describe('MeteoAlarm, when single documents of a recorded feed cannot be read', () => {
  it("leaves out a document that is gone (404) as a withdrawn warning, and shows Belfast's recorded one", async () => {
    const belfast = await wholeUnitedKingdom(UNITED_KINGDOM.inside, { bca9d20a: 'gone' });
    expect(belfast).toEqual({
      outcome: { events: ['Yellow ice warning'], unreadable: 0 },
      documents: ['a4647d38', 'bca9d20a'],
    });
  });

  it.each<DocumentFault>(['server-error', 'cut-off', 'oversized', 'slow'])(
    "shows Glasgow's recorded ice warning and counts the snow warning's document as unreadable when it is %s",
    async (fault) => {
      const glasgow = await wholeUnitedKingdom(GLASGOW, { '8dc8fa43': fault });
      expect(glasgow).toEqual({
        outcome: { events: ['Yellow ice warning'], unreadable: 1 },
        documents: ['8dc8fa43', 'a4647d38'],
      });
    },
  );

  it('with one document gone and one failing, shows what could be read and counts only the failure', async () => {
    const faults = { '8dc8fa43': 'server-error', '3a6219b9': 'gone', bca9d20a: 'gone' } as const;
    const glasgow = await wholeUnitedKingdom(GLASGOW, faults);
    const edinburgh = await wholeUnitedKingdom(EDINBURGH, faults);
    expect(glasgow.outcome).toEqual({ events: ['Yellow ice warning'], unreadable: 1 });
    expect(edinburgh.outcome).toEqual({ events: ['Yellow ice warning'], unreadable: 0 });
  });

  it('answers a provider error where the only document at the point fails (Aberdeen: the snow warning alone)', async () => {
    const aberdeen = await wholeUnitedKingdom(ABERDEEN, { '8dc8fa43': 'server-error' });
    expect(aberdeen.documents).toEqual(['8dc8fa43']);
    expect('error' in aberdeen.outcome && aberdeen.outcome.error).toBeInstanceOf(ProviderError);
    expect(aberdeen.outcome).toMatchObject({
      error: { provider: 'meteoalarm', kind: 'http', status: 500 },
    });
  });

  it('answers no warnings, without an error, where the only document at the point is gone', async () => {
    const aberdeen = await wholeUnitedKingdom(ABERDEEN, { '8dc8fa43': 'gone' });
    expect(aberdeen.outcome).toEqual({ events: [], unreadable: 0 });
  });
});

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LRUCache } from 'lru-cache';

import { fetchText, httpError, isSimulated } from '../http.ts';
import { ProviderError } from '../provider-error.ts';
import {
  alertCertaintySchema,
  alertSeveritySchema,
  alertUrgencySchema,
  bounded,
  capValue,
  isoInstant,
  type AlertsProvider,
  type WeatherAlert,
} from './alert-model.ts';
import { meteoAlarmFeedAt } from './coverage.ts';
import { parseCapPolygon, ringContains, type Ring } from './polygon.ts';

export interface MeteoAlarmOptions {
  /** `https://feeds.meteoalarm.org`, or the local stub. */
  baseUrl: string;
  timeoutMs?: number;
}

const PROVIDER = 'meteoalarm';
/** A country's feed serves every place in it: asked again after this long at most. */
const FEED_KEPT_MS = 60_000;
/** CAP documents read per feed at most, so one large feed cannot make hundreds of calls. */
const MAX_DOCUMENTS = 100;
const PARALLEL_DOCUMENTS = 8;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Identifiers such as "001" and codes stay text.
  parseTagValue: false,
  isArray: (name) => ['entry', 'link', 'info', 'area', 'polygon', 'parameter'].includes(name),
});

type Node = Record<string, unknown>;
const asNode = (value: unknown): Node =>
  typeof value === 'object' && value !== null ? (value as Node) : {};
const asList = (value: unknown): Node[] => (Array.isArray(value) ? value.map(asNode) : []);
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;

/** One entry of a country's Atom feed: CAP's summary fields and the link to the full document. */
interface FeedEntry {
  identifier: string;
  capUrl: string | undefined;
  polygons: Ring[];
  status: string | undefined;
  messageType: string | undefined;
}

/** What a CAP document says, in the language chosen, with where it applies. */
interface CapDocument {
  alert: WeatherAlert;
  polygons: Ring[];
}

/**
 * MeteoAlarm's warnings for Europe, from each member country's public Atom
 * feed (`/feeds/meteoalarm-legacy-atom-<country>`) and the CAP 1.2 document
 * each entry links to. A warning is shown where one of its polygons holds the
 * point: a warning whose area is only named by region code (EMMA_ID, NUTS),
 * with no polygon in the feed or document, cannot be placed and is left out.
 * The feed is kept a minute (one call serves a whole country) and documents
 * for as long as memory allows: an update is a new document.
 *
 * @example
 * const meteoAlarm = createMeteoAlarm({ baseUrl: 'https://feeds.meteoalarm.org' });
 * const { data } = await meteoAlarm.alerts({ latitude: 52.52, longitude: 13.41 });
 */
export function createMeteoAlarm(options: MeteoAlarmOptions): AlertsProvider {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const feeds = new LRUCache<string, Promise<{ entries: FeedEntry[]; simulated: boolean }>>({
    max: 64,
    ttl: FEED_KEPT_MS,
  });
  const documents = new LRUCache<string, CapDocument>({ max: 5_000 });

  async function readXml(url: URL): Promise<{ root: Node; simulated: boolean }> {
    const { response, text } = await fetchText({
      provider: PROVIDER,
      url,
      timeoutMs,
      accept: 'application/atom+xml, application/xml',
    });
    if (!response.ok) throw httpError({ provider: PROVIDER }, response, undefined);
    if (XMLValidator.validate(text) !== true) {
      throw new ProviderError({
        kind: 'malformed',
        provider: PROVIDER,
        status: response.status,
        message: `${PROVIDER} answered with a body that is not XML (${url.origin}${url.pathname})`,
      });
    }
    return { root: asNode(parser.parse(text)), simulated: isSimulated(response) };
  }

  function feed(country: string) {
    let pending = feeds.get(country);
    if (!pending) {
      pending = readFeed(country);
      feeds.set(country, pending);
      // A failed read is not kept: the next caller asks again.
      pending.catch(() => feeds.delete(country));
    }
    return pending;
  }

  async function readFeed(country: string) {
    const url = new URL(`/feeds/meteoalarm-legacy-atom-${country}`, options.baseUrl);
    const { root, simulated } = await readXml(url);
    const atom = asNode(root.feed);
    if (!('feed' in root)) throw malformed(url, 'no Atom <feed>');
    const entries = asList(atom.entry).map((entry): FeedEntry => {
      const cap = asList(entry.link).find((link) => link['@_type'] === 'application/cap+xml');
      return {
        identifier: textOf(entry.identifier) ?? textOf(entry.id) ?? '',
        capUrl: textOf(cap?.['@_href']),
        polygons: polygonsOf(entry.polygon),
        status: textOf(entry.status),
        messageType: textOf(entry.message_type),
      };
    });
    return { entries, simulated };
  }

  async function document(entry: FeedEntry): Promise<CapDocument | undefined> {
    if (!entry.capUrl) return undefined;
    const kept = documents.get(entry.capUrl);
    if (kept) return kept;
    // Links are absolute upstream; resolving against the base keeps a stub or mirror in the loop.
    const link = new URL(entry.capUrl, options.baseUrl);
    const url = new URL(`${link.pathname}${link.search}`, options.baseUrl);
    const { root } = await readXml(url);
    const parsed = capDocument(asNode(root.alert), entry.identifier);
    if (!parsed) throw malformed(url, 'no CAP <alert> with an <info>');
    documents.set(entry.capUrl, parsed);
    return parsed;
  }

  return {
    id: PROVIDER,
    covers: ({ latitude, longitude }) => meteoAlarmFeedAt(latitude, longitude) !== undefined,
    async alerts({ latitude, longitude }) {
      const country = meteoAlarmFeedAt(latitude, longitude);
      if (!country) return { data: [], simulated: false };
      const { entries, simulated } = await feed(country);
      const current = entries
        .filter((entry) => entry.status === undefined || entry.status === 'Actual')
        .filter((entry) => entry.messageType !== 'Cancel')
        // A polygon in the feed already says whether the document concerns this point.
        .filter(
          (entry) =>
            entry.polygons.length === 0 ||
            entry.polygons.some((ring) => ringContains(ring, latitude, longitude)),
        )
        .slice(0, MAX_DOCUMENTS);
      const found: WeatherAlert[] = [];
      for (let start = 0; start < current.length; start += PARALLEL_DOCUMENTS) {
        const batch = await Promise.all(
          current.slice(start, start + PARALLEL_DOCUMENTS).map((entry) => document(entry)),
        );
        for (const cap of batch) {
          if (cap?.polygons.some((ring) => ringContains(ring, latitude, longitude)))
            found.push(cap.alert);
        }
      }
      return { data: found, simulated };
    },
  };
}

function malformed(url: URL, what: string): ProviderError {
  return new ProviderError({
    kind: 'malformed',
    provider: PROVIDER,
    message: `${PROVIDER} answered in an unexpected shape (${url.origin}${url.pathname}): ${what}`,
  });
}

function polygonsOf(value: unknown): Ring[] {
  const texts = Array.isArray(value) ? value : [value];
  return texts.flatMap((text) => {
    const ring = typeof text === 'string' ? parseCapPolygon(text) : undefined;
    return ring ? [ring] : [];
  });
}

/** The `info` block in English when there is one (MeteoAlarm members add it), else the first. */
function capDocument(alert: Node, fallbackId: string): CapDocument | undefined {
  const infos = asList(alert.info);
  const info =
    infos.find((candidate) => textOf(candidate.language)?.toLowerCase().startsWith('en')) ??
    infos[0];
  if (!info) return undefined;
  // Every language block has the same areas; the chosen one's are read.
  const areas = asList(info.area);
  return {
    polygons: areas.flatMap((area) => polygonsOf(area.polygon)),
    alert: bounded({
      id: textOf(alert.identifier) ?? fallbackId,
      event: textOf(info.event) ?? 'Weather warning',
      severity: capValue(alertSeveritySchema.options, info.severity),
      urgency: capValue(alertUrgencySchema.options, info.urgency),
      certainty: capValue(alertCertaintySchema.options, info.certainty),
      onset: isoInstant(info.onset) ?? isoInstant(info.effective),
      expires: isoInstant(info.expires),
      sender: textOf(info.senderName) ?? textOf(alert.sender) ?? 'MeteoAlarm',
      headline: textOf(info.headline) ?? null,
      description: textOf(info.description) ?? '',
      instruction: textOf(info.instruction) || null,
      area: areas
        .map((area) => textOf(area.areaDesc))
        .filter((name) => name)
        .join(', '),
    }),
  };
}

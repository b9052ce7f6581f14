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
import { meteoAlarmAreas } from './meteoalarm-areas.ts';
import { parseCapPolygon, ringContains, type Ring } from './polygon.ts';

export interface MeteoAlarmOptions {
  /** `https://feeds.meteoalarm.org`, or the local stub. */
  baseUrl: string;
  timeoutMs?: number;
  /** The present, for leaving out warnings already expired; the stub's clock in tests. */
  now?: () => number;
}

const PROVIDER = 'meteoalarm';
/** A country's feed serves every place in it: asked again after this long at most. */
const FEED_KEPT_MS = 60_000;
/**
 * Distinct CAP documents read per place at most, newest first, so one large
 * feed cannot make hundreds of calls. A document is counted once however many
 * feed entries (one per area) link to it.
 */
const MAX_DOCUMENTS = 100;
const PARALLEL_DOCUMENTS = 8;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Identifiers such as "001" and codes stay text.
  parseTagValue: false,
  isArray: (name) =>
    ['entry', 'link', 'info', 'area', 'polygon', 'geocode', 'parameter'].includes(name),
});

type Node = Record<string, unknown>;
const asNode = (value: unknown): Node =>
  typeof value === 'object' && value !== null ? (value as Node) : {};
const asList = (value: unknown): Node[] => (Array.isArray(value) ? value.map(asNode) : []);
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;

/** One CAP `<area>`: its polygons, and its region codes each as `KIND:CODE` (`EMMA_ID:UK012`). */
interface Area {
  polygons: Ring[];
  geocodes: string[];
}

/** One entry of a country's Atom feed (one per area): CAP's summary fields and the document's link. */
interface FeedEntry {
  identifier: string;
  capUrl: string | undefined;
  area: Area;
  status: string | undefined;
  messageType: string | undefined;
  /** When the document was sent, ms (0 when the feed does not say): newest are read first. */
  sent: number;
  /** Ms; undefined when the feed does not say. */
  expires: number | undefined;
}

/** What a CAP document says, in the language chosen, with where it applies. */
interface CapDocument {
  alert: WeatherAlert;
  areas: Area[];
}

/**
 * MeteoAlarm's warnings for Europe, from each member country's public Atom
 * feed (`/feeds/meteoalarm-legacy-atom-<country>`) and the CAP 1.2 document
 * each entry links to. A warning is shown where one of its polygons holds the
 * point, or where its area is named by a region code (EMMA_ID, NUTS2/NUTS3,
 * FIPS, coastal WARNCELLID) whose boundary, from MeteoAlarm's own geocode
 * data shipped with the code, holds it. The feed is kept a minute (one call
 * serves a whole country) and documents for as long as memory allows (an
 * update is a new document); concurrent reads of one document share a call.
 * A document gone (404, 410) is a withdrawn warning and left out; one that
 * fails otherwise is counted in `unreadable` while the rest are shown. Only
 * when no document at all could be read is the answer an error.
 *
 * @example
 * const meteoAlarm = createMeteoAlarm({ baseUrl: 'https://feeds.meteoalarm.org' });
 * const { data } = await meteoAlarm.alerts({ latitude: 52.52, longitude: 13.41 });
 */
export function createMeteoAlarm(options: MeteoAlarmOptions): AlertsProvider {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const now = options.now ?? Date.now;
  const feeds = new LRUCache<string, Promise<{ entries: FeedEntry[]; simulated: boolean }>>({
    max: 64,
    ttl: FEED_KEPT_MS,
  });
  const documents = new LRUCache<string, CapDocument>({ max: 5_000 });
  /** Documents being read now, so concurrent places share one call per document. */
  const reading = new Map<string, Promise<CapDocument>>();

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
        area: { polygons: polygonsOf(entry.polygon), geocodes: geocodesOf(entry.geocode) },
        status: textOf(entry.status),
        messageType: textOf(entry.message_type),
        sent: Date.parse(textOf(entry.sent) ?? textOf(entry.updated) ?? '') || 0,
        expires: Date.parse(textOf(entry.expires) ?? '') || undefined,
      };
    });
    return { entries, simulated };
  }

  function document(capUrl: string, identifier: string): Promise<CapDocument> {
    const kept = documents.get(capUrl);
    if (kept) return Promise.resolve(kept);
    let pending = reading.get(capUrl);
    if (!pending) {
      pending = readDocument(capUrl, identifier).finally(() => reading.delete(capUrl));
      reading.set(capUrl, pending);
    }
    return pending;
  }

  async function readDocument(capUrl: string, identifier: string): Promise<CapDocument> {
    // Links are absolute upstream; resolving against the base keeps a stub or mirror in the loop.
    const link = new URL(capUrl, options.baseUrl);
    const url = new URL(`${link.pathname}${link.search}`, options.baseUrl);
    const { root } = await readXml(url);
    const parsed = capDocument(asNode(root.alert), identifier);
    if (!parsed) throw malformed(url, 'no CAP <alert> with an <info>');
    documents.set(capUrl, parsed);
    return parsed;
  }

  return {
    id: PROVIDER,
    covers: ({ latitude, longitude }) => meteoAlarmFeedAt(latitude, longitude) !== undefined,
    async alerts({ latitude, longitude }) {
      const country = meteoAlarmFeedAt(latitude, longitude);
      if (!country) return { data: [], simulated: false };
      const { entries, simulated } = await feed(country);
      const instant = now();
      const live = entries.filter(
        (entry) =>
          entry.capUrl !== undefined &&
          (entry.status === undefined || entry.status === 'Actual') &&
          entry.messageType !== 'Cancel' &&
          (entry.expires === undefined || entry.expires > instant),
      );
      // The region codes at the point, read only when some warning is placed by code alone.
      let codes: Set<string> | undefined;
      const codesHere = async () =>
        (codes ??= (await meteoAlarmAreas()).codesAt(latitude, longitude));
      /** Whether the area holds the point: by its polygon, else by its codes; undefined when it has neither. */
      const holds = async (area: Area): Promise<boolean | undefined> => {
        if (area.polygons.length > 0)
          return area.polygons.some((ring) => ringContains(ring, latitude, longitude));
        if (area.geocodes.length === 0) return undefined;
        const here = await codesHere();
        return area.geocodes.some((code) => here.has(code));
      };
      const anyHolds = async (areas: Area[]) => {
        for (const area of areas) if (await holds(area)) return true;
        return false;
      };
      // One document per warning, whatever the number of entries (one per area) linking to it;
      // the entry's own polygon or codes already say whether it concerns the point.
      const wanted = new Map<string, FeedEntry>();
      for (const entry of live) {
        if ((await holds(entry.area)) === false) continue;
        const seen = wanted.get(entry.capUrl!);
        if (!seen || seen.sent < entry.sent) wanted.set(entry.capUrl!, entry);
      }
      const newestFirst = [...wanted.values()]
        .sort((a, b) => b.sent - a.sent)
        .slice(0, MAX_DOCUMENTS);
      const found: WeatherAlert[] = [];
      // One document that cannot be read must not hide the others: a gone one (404, 410)
      // is a warning withdrawn; any other failure is counted, so the page can say so.
      let read = 0;
      const failures: ProviderError[] = [];
      for (let start = 0; start < newestFirst.length; start += PARALLEL_DOCUMENTS) {
        const batch = await Promise.allSettled(
          newestFirst
            .slice(start, start + PARALLEL_DOCUMENTS)
            .map((entry) => document(entry.capUrl!, entry.identifier)),
        );
        for (const outcome of batch) {
          if (outcome.status === 'rejected') {
            // A bug, or "slow down" (meant for the service as a whole, for the provider gate).
            if (
              !(outcome.reason instanceof ProviderError) ||
              outcome.reason.kind === 'rate-limited'
            )
              throw outcome.reason;
            if (!isGone(outcome.reason)) failures.push(outcome.reason);
            continue;
          }
          read += 1;
          if (await anyHolds(outcome.value.areas)) found.push(outcome.value.alert);
        }
      }
      // Nothing at all could be read: no list to show, and no honest "no warnings" either.
      if (read === 0 && failures[0]) throw failures[0];
      return { data: found, simulated, unreadable: failures.length };
    },
  };
}

/** A document the service no longer has: a warning no longer published, not a failure. */
const isGone = (error: ProviderError) =>
  error.kind === 'http' && (error.status === 404 || error.status === 410);

function malformed(url: URL, what: string): ProviderError {
  return new ProviderError({
    kind: 'malformed',
    provider: PROVIDER,
    message: `${PROVIDER} answered in an unexpected shape (${url.origin}${url.pathname}): ${what}`,
  });
}

/** CAP `<geocode>` pairs as `KIND:CODE`, the kind upper-cased as the boundary data names it. */
function geocodesOf(value: unknown): string[] {
  return asList(value).flatMap((geocode) => {
    const kind = textOf(geocode.valueName)?.toUpperCase();
    const code = textOf(geocode.value);
    return kind && code ? [`${kind}:${code}`] : [];
  });
}

function polygonsOf(value: unknown): Ring[] {
  const texts = Array.isArray(value) ? value : [value];
  return texts.flatMap((text) => {
    const ring = typeof text === 'string' ? parseCapPolygon(text) : undefined;
    return ring ? [ring] : [];
  });
}

/**
 * The `info` block in English when there is one (MeteoAlarm members add it),
 * else the first, with every other language's block kept beside it.
 */
function capDocument(alert: Node, fallbackId: string): CapDocument | undefined {
  const infos = asList(alert.info);
  const info =
    infos.find((candidate) => textOf(candidate.language)?.toLowerCase().startsWith('en')) ??
    infos[0];
  if (!info) return undefined;
  const words = (block: Node) => ({
    event: textOf(block.event) ?? 'Weather warning',
    headline: textOf(block.headline) ?? null,
    description: textOf(block.description) ?? '',
    instruction: textOf(block.instruction) || null,
  });
  // Every language block has the same areas; the chosen one's are read.
  const areas = asList(info.area);
  return {
    areas: areas.map((area) => ({
      polygons: polygonsOf(area.polygon),
      geocodes: geocodesOf(area.geocode),
    })),
    alert: bounded({
      id: textOf(alert.identifier) ?? fallbackId,
      ...words(info),
      severity: capValue(alertSeveritySchema.options, info.severity),
      urgency: capValue(alertUrgencySchema.options, info.urgency),
      certainty: capValue(alertCertaintySchema.options, info.certainty),
      onset: isoInstant(info.onset) ?? isoInstant(info.effective),
      expires: isoInstant(info.expires),
      sender: textOf(info.senderName) ?? textOf(alert.sender) ?? 'MeteoAlarm',
      area: areas
        .map((area) => textOf(area.areaDesc))
        .filter((name) => name)
        .join(', '),
      // CAP's default language when a block does not name one.
      language: textOf(info.language) || 'en-US',
      otherLanguages: infos
        .filter((block) => block !== info)
        .map((block) => ({ language: textOf(block.language) || 'en-US', ...words(block) })),
    }),
  };
}

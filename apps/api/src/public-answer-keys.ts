import type { IncomingHttpHeaders } from 'node:http';

import { LRUCache } from 'lru-cache';

/** What the key of a request needs to know. */
export interface AnswerKeyOptions {
  /** Where tRPC is mounted, with its trailing slash: `/trpc/`. */
  basePath: string;
  /** Public queries with `meta.cacheSeconds`, by path: whether an input is one they take. */
  procedures: ReadonlyMap<string, { accepts: (input: unknown) => boolean }>;
  /** Name of the session cookie: a request carrying it is personal and has no key. */
  sessionCookieName: string;
  /**
   * Keys for signed-in answers instead: only a request carrying the session
   * cookie has a key, and the caller adds whose answer it is.
   */
  signedIn?: boolean;
}

export interface AnswerKeys {
  /** The cache key of an eligible request, or undefined when it must go to tRPC. */
  keyOf: (
    method: string | undefined,
    headers: IncomingHttpHeaders,
    url: string,
  ) => string | undefined;
  /** The URL → key memos kept now, and their bytes. */
  readonly size: { urlKeys: number; urlKeyBytes: number };
}

/** Bytes of URL → key memos: some 10,000 ordinary URLs. */
const URL_KEYS_BYTES = 4 * 1024 * 1024;
/** A URL longer than this is worked out each time (a list of 50 places fits). */
const URL_KEY_MAX_BYTES = 16 * 1024;
/** What one memo costs besides its strings: lru-cache's map entry and slots. */
export const PER_ENTRY_BYTES = 160;

/**
 * The key a public answer is kept under: procedure and input (JSON with
 * sorted keys), for a cookie-less, unbatched, same-origin GET whose input the
 * procedure takes; no key for anything else.
 *
 * @example
 * const keys = createAnswerKeys({ basePath: '/trpc/', procedures, sessionCookieName: 'skycast_session' });
 * keys.keyOf('GET', {}, '/trpc/weather.forecast?input={"longitude":1,"latitude":2}');
 * // 'weather.forecast?{"latitude":2,"longitude":1}'
 */
export function createAnswerKeys(options: AnswerKeyOptions): AnswerKeys {
  // The same URL comes back again and again: its key is worked out once, for
  // valid inputs only, in a few MiB whatever number of URLs an attacker makes up.
  const keysOfUrls = new LRUCache<string, string>({
    maxSize: URL_KEYS_BYTES,
    maxEntrySize: URL_KEY_MAX_BYTES,
    sizeCalculation: (key, url) => url.length + key.length + PER_ENTRY_BYTES,
  });

  function keyOf(method: string | undefined, headers: IncomingHttpHeaders, url: string) {
    if (method !== 'GET') return undefined;
    // Personal, streamed or cross-origin (CORS) requests take the ordinary path.
    if (isPersonal(headers) !== (options.signedIn ?? false)) return undefined;
    if (headers['trpc-accept'] !== undefined) return undefined;
    if (headers.origin !== undefined) return undefined;
    let key = keysOfUrls.get(url);
    if (key === undefined) {
      key = keyOfUrl(url);
      if (key !== undefined) keysOfUrls.set(url, key);
    }
    return key;
  }

  /**
   * The key of a URL whose input the procedure takes; undefined for anything
   * else, which tRPC then answers (a 400 for a bad input) and nothing here keeps.
   */
  function keyOfUrl(url: string): string | undefined {
    if (!url.startsWith(options.basePath)) return undefined;
    const query = url.indexOf('?');
    const procedure = url.slice(options.basePath.length, query === -1 ? undefined : query);
    const found = options.procedures.get(procedure);
    if (!found) return undefined;
    const params = new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
    let input = '';
    let batch = false;
    for (const [name, value] of params) {
      // A signed-in query comes from the web app's batch link: a batch of one call is a form of its own.
      if (options.signedIn && name === 'batch' && value === '1' && !batch) {
        batch = true;
        continue;
      }
      // Other batches, and anything tRPC might read besides the input, take the ordinary path.
      if (name !== 'input' || input !== '') return undefined;
      input = value;
    }
    if (input === '') return !batch && found.accepts(undefined) ? procedure : undefined;
    try {
      const parsed: unknown = JSON.parse(input);
      const value = batch ? onlyCallOf(parsed) : parsed;
      if (value === undefined || !found.accepts(value)) return undefined;
      return batch ? `${procedure}?batch&${canonicalJson(value)}` : keyOfInput(procedure, value);
    } catch {
      return undefined;
    }
  }

  function isPersonal(headers: IncomingHttpHeaders): boolean {
    const cookie = headers.cookie;
    return cookie !== undefined && cookie.includes(options.sessionCookieName);
  }

  return {
    keyOf,
    get size() {
      return { urlKeys: keysOfUrls.size, urlKeyBytes: keysOfUrls.calculatedSize };
    },
  };
}

/** The input of a batch's one call (`{"0": input}`); undefined for any other batch. */
function onlyCallOf(batchInput: unknown): unknown {
  if (batchInput === null || typeof batchInput !== 'object' || Array.isArray(batchInput)) {
    return undefined;
  }
  const calls = Object.keys(batchInput);
  return calls.length === 1 && calls[0] === '0' ? (batchInput as { 0: unknown })[0] : undefined;
}

/**
 * The key of a public answer of `procedure` for `input` (an unbatched GET's):
 * what `keyOf` gives its URL.
 *
 * @example
 * keyOfInput('weather.forecast', { longitude: 1, latitude: 2 }) // 'weather.forecast?{"latitude":2,"longitude":1}'
 */
export function keyOfInput(procedure: string, input: unknown): string {
  return `${procedure}?${canonicalJson(input)}`;
}

/** JSON with object keys sorted, so `{"b":1,"a":2}` and `{"a":2,"b":1}` are one key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

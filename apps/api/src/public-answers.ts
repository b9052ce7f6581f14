import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

import type { AnyRouter } from '@trpc/server';
import type { Request } from 'express';
import { LRUCache } from 'lru-cache';

import {
  listProcedures,
  type Logger,
  type RateLimit,
  type RateLimiter,
  type ServedEntry,
} from '@skycast/api';

import type { AnswerPolicy } from './answer-policy.ts';
import { loggedRequest } from './request-log.ts';

/** What the router says about a procedure whose answers may be kept. */
export interface CacheableProcedure {
  cacheSeconds: number;
  rateLimit: RateLimit | undefined;
  /** True when `input` is one the procedure takes (its zod input): only those URLs are remembered. */
  accepts: (input: unknown) => boolean;
}

export interface PublicAnswersOptions {
  /** Where tRPC is mounted, with its trailing slash: `/trpc/`. */
  basePath: string;
  /** Public queries with `meta.cacheSeconds`, by path. */
  procedures: ReadonlyMap<string, CacheableProcedure>;
  rateLimiter: RateLimiter;
  /** Name of the session cookie: a request carrying it is personal and never served from here. */
  sessionCookieName: string;
  /** Upper bound on the bytes kept (bodies in every encoding). */
  maxBytes: number;
  /** Each answer sent from memory is logged here, with the fields pino-http logs for the others. */
  logger: Logger;
  /** The headers, request id, client address and draining every answer follows, as in Express. */
  policy: AnswerPolicy;
  /** The rate-limit key of a client address, as the procedures' context makes it. */
  clientKeyOf: (address: string | undefined) => string | null;
  /** Told of each answer sent from memory (a metric). */
  onSent?: () => void;
  now?: () => number;
}

interface Answer {
  procedure: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  cacheControl: string;
  /** Epoch ms: the earliest `freshUntil` of the entries it was made from. */
  validUntil: number;
  entries: readonly { id: string; fetchedAt: number }[];
}

/** What tRPC is about to send for a request, as `responseMeta` sees it. */
export interface AnswerMade {
  procedure: string;
  /** The response object tRPC serialises (`{ result: { data } }`). */
  body: unknown;
  cacheControl: string;
  /** The weather entries it was made from (the context's `weatherScope.served`). */
  served: readonly ServedEntry[];
  /** Entries it needed but could not include (`weatherScope.missed`): such an answer is never kept. */
  missed: readonly string[];
}

export interface PublicAnswers {
  /**
   * Answers a request from memory, or calls `next` to hand it on (to Express);
   * called by the HTTP server before Express sees the request.
   */
  serve(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  /** Keeps the answer tRPC is about to send for `req` when it may be kept; returns its ETag, or undefined. */
  remember(req: Request, answer: AnswerMade): string | undefined;
  /** Drops every answer made from an entry of `id` older than `storedAt`. */
  entryStored(id: string, storedAt: Date): void;
  /** Answers and bytes kept now, and the URL → key memos with their bytes. */
  readonly size: { answers: number; bytes: number; urlKeys: number; urlKeyBytes: number };
}

/** tRPC's own Vary, plus the encoding: the same on every public answer, kept or not. */
export const ANSWER_VARY = 'trpc-accept, accept, accept-encoding';

/** Responses below this size are sent as they are: compression would not pay. */
const COMPRESS_FROM_BYTES = 1024;

/** Bytes of URL → key memos: some 10,000 ordinary URLs. */
const URL_KEYS_BYTES = 4 * 1024 * 1024;
/** A URL longer than this is worked out each time (a list of 50 places fits). */
const URL_KEY_MAX_BYTES = 16 * 1024;
/** What one memo costs besides its strings: lru-cache's map entry and slots. */
const PER_ENTRY_BYTES = 160;

/**
 * Fresh public answers kept as the bytes to send, so serving one again is a
 * lookup and a socket write: no tRPC resolver, no database, no validation, no
 * JSON or compression work. An answer is kept only when tRPC made it for a
 * cookie-less, non-batched GET of a public query with `meta.cacheSeconds`, and
 * every weather entry behind it was fresh; it lasts until the first of those
 * entries stops being fresh, or until any instance stores a newer one.
 * The per-client rate limit and the request log still apply to every hit.
 * It runs ahead of Express: a hit costs none of Express's per-request set-up
 * or routing.
 *
 * @example
 * const answers = createPublicAnswers({ basePath: '/trpc/', procedures, rateLimiter, … });
 * createServer((req, res) => answers.serve(req, res, () => expressApp(req, res)));
 */
export function createPublicAnswers(options: PublicAnswersOptions): PublicAnswers {
  const now = options.now ?? Date.now;
  const byEntry = new Map<string, Set<string>>();
  // The same URL comes back again and again: its key is worked out once, for
  // valid inputs only, in a few MiB whatever number of URLs an attacker makes up.
  const keysOfUrls = new LRUCache<string, string>({
    maxSize: URL_KEYS_BYTES,
    maxEntrySize: URL_KEY_MAX_BYTES,
    sizeCalculation: (key, url) => url.length + key.length + PER_ENTRY_BYTES,
  });
  const staticHeaders = options.policy.headers.flat();
  const answers = new LRUCache<string, Answer>({
    maxSize: options.maxBytes,
    sizeCalculation: (answer, key) =>
      key.length + answer.identity.length + answer.gzip.length + answer.br.length + 512,
    dispose: (answer, key) => {
      for (const { id } of answer.entries) {
        const keys = byEntry.get(id);
        keys?.delete(key);
        if (keys?.size === 0) byEntry.delete(id);
      }
    },
  });

  /** The cache key of an eligible request, or undefined when it must go to tRPC. */
  function keyOf(method: string | undefined, headers: IncomingHttpHeaders, url: string) {
    if (method !== 'GET') return undefined;
    // Personal, streamed or cross-origin (CORS) requests take the ordinary path.
    if (isPersonal(headers) || headers['trpc-accept'] !== undefined) return undefined;
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
    for (const [name, value] of params) {
      // Batches, and anything tRPC might read besides the input, take the ordinary path.
      if (name !== 'input' || input !== '') return undefined;
      input = value;
    }
    if (input === '') return found.accepts(undefined) ? procedure : undefined;
    try {
      const value: unknown = JSON.parse(input);
      return found.accepts(value) ? `${procedure}?${canonicalJson(value)}` : undefined;
    } catch {
      return undefined;
    }
  }

  function isPersonal(headers: IncomingHttpHeaders): boolean {
    const cookie = headers.cookie;
    return cookie !== undefined && cookie.includes(options.sessionCookieName);
  }

  function send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
    const started = now();
    const id = options.policy.requestId(req);
    const notModified = matchesEtag(req.headers['if-none-match'], answer.etag);
    const encoding =
      notModified || answer.identity.length < COMPRESS_FROM_BYTES
        ? undefined
        : encodingFor(req.headers['accept-encoding']);
    const body = encoding ? answer[encoding] : answer.identity;
    // One writeHead with a flat list: cheaper than a setHeader per header.
    const headers = [
      ...staticHeaders,
      'x-request-id',
      id,
      'cache-control',
      answer.cacheControl,
      'etag',
      answer.etag,
      'vary',
      ANSWER_VARY,
    ];
    // Keep-alive clients then open their next connection to an instance that stays.
    if (options.policy.closing()) headers.push('connection', 'close');
    if (notModified) {
      res.writeHead(304, headers).end();
    } else {
      headers.push('content-type', 'application/json', 'content-length', String(body.length));
      if (encoding) headers.push('content-encoding', encoding);
      res.writeHead(200, headers).end(body);
    }
    options.logger.info(
      {
        req: loggedRequest(id, req.method, req.url),
        res: { statusCode: res.statusCode },
        responseTime: now() - started,
        fromMemory: true,
      },
      'request completed',
    );
    options.onSent?.();
  }

  function serve(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const key = keyOf(req.method, req.headers, req.url ?? '');
    const answer = key === undefined ? undefined : answers.get(key);
    if (!key || !answer) return next();
    if (answer.validUntil <= now()) {
      answers.delete(key);
      return next();
    }
    const limit = options.procedures.get(answer.procedure)?.rateLimit;
    const client = options.clientKeyOf(options.policy.clientIp(req)) ?? undefined;
    if (!limit || !client) {
      send(req, res, answer);
      return;
    }
    options.rateLimiter.hit(answer.procedure, client, limit).then(
      (verdict) => {
        // Over the limit: tRPC answers the refusal, in its own words and headers.
        if (verdict.allowed) send(req, res, answer);
        else next();
      },
      // The limiter could not say: the ordinary path handles (and reports) it.
      () => next(),
    );
  }

  return {
    serve,

    remember(req, answer) {
      if (!answer.cacheControl.startsWith('public')) return undefined;
      const key = keyOf(req.method, req.headers, req.originalUrl);
      if (key === undefined || answer.served.length === 0) return undefined;
      // Only whole, fresh answers: one with a hole (a place that failed or was
      // refused) would be served to others who would get that place's weather.
      // A kept answer thus depends on no entry beyond those it was made from.
      if (answer.missed.length > 0) return undefined;
      if (answer.served.some((entry) => entry.stale)) return undefined;
      const validUntil = Math.min(...answer.served.map((entry) => entry.freshUntil.getTime()));
      if (validUntil <= now()) return undefined;
      const identity = Buffer.from(JSON.stringify(answer.body));
      const etag = `W/"${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`;
      const compress = identity.length >= COMPRESS_FROM_BYTES;
      const kept: Answer = {
        procedure: answer.procedure,
        identity,
        gzip: compress ? gzipSync(identity, { level: 9 }) : identity,
        br: compress
          ? brotliCompressSync(identity, {
              params: {
                [zlib.BROTLI_PARAM_QUALITY]: 9,
                [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length,
              },
            })
          : identity,
        etag,
        cacheControl: answer.cacheControl,
        validUntil,
        entries: answer.served.map((entry) => ({
          id: entry.id,
          fetchedAt: entry.fetchedAt.getTime(),
        })),
      };
      answers.set(key, kept);
      for (const { id } of kept.entries) {
        let keys = byEntry.get(id);
        if (!keys) byEntry.set(id, (keys = new Set()));
        keys.add(key);
      }
      return etag;
    },

    entryStored(id, storedAt) {
      for (const key of [...(byEntry.get(id) ?? [])]) {
        const answer = answers.peek(key);
        const made = answer?.entries.find((entry) => entry.id === id);
        if (made && made.fetchedAt < storedAt.getTime()) answers.delete(key);
      }
    },

    get size() {
      return {
        answers: answers.size,
        bytes: answers.calculatedSize,
        urlKeys: keysOfUrls.size,
        urlKeyBytes: keysOfUrls.calculatedSize,
      };
    },
  };
}

/**
 * The procedures whose answers the hot path may keep: public queries (not
 * behind the sign-in check) with `meta.cacheSeconds`.
 */
export function cacheableProcedures(router: AnyRouter): Map<string, CacheableProcedure> {
  const found = new Map<string, CacheableProcedure>();
  for (const { path, cacheSeconds, meta, inputs } of listProcedures(router)) {
    if (cacheSeconds > 0) {
      found.set(path, {
        cacheSeconds,
        rateLimit: meta.rateLimit,
        accepts: acceptsInputOf(inputs),
      });
    }
  }
  return found;
}

/**
 * A procedure's input check, from the zod schemas it declares: every one must
 * take the input. A parser that is not zod's is taken as refusing, so such a
 * procedure's URLs are never remembered (they are still answered).
 */
function acceptsInputOf(inputs: readonly unknown[]): (input: unknown) => boolean {
  const parsers = inputs.map(
    (parser) => parser as { safeParse?: (input: unknown) => { success: boolean } },
  );
  return (input) =>
    parsers.every(
      (parser) => typeof parser.safeParse === 'function' && parser.safeParse(input).success,
    );
}

/** JSON with object keys sorted, so `{"b":1,"a":2}` and `{"a":2,"b":1}` are one key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// Headers a client sends are its own to vary: a few KiB of memos, whatever they hold.
const encodingsOfHeaders = new LRUCache<string, 'br' | 'gzip' | 'identity'>({
  maxSize: 64 * 1024,
  maxEntrySize: 1024,
  sizeCalculation: (_encoding, header) => header.length + PER_ENTRY_BYTES,
});

/** br or gzip when `Accept-Encoding` takes it (q > 0), br first; undefined for identity. */
function encodingFor(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  let chosen = encodingsOfHeaders.get(header);
  if (chosen === undefined) {
    const accepted = new Map<string, number>();
    for (const part of header.split(',')) {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      accepted.set(name.trim(), q === undefined ? 1 : Number(q));
    }
    const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
    chosen = takes('br') ? 'br' : takes('gzip') ? 'gzip' : 'identity';
    encodingsOfHeaders.set(header, chosen);
  }
  return chosen === 'identity' ? undefined : chosen;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}

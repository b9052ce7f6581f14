import type { IncomingMessage, ServerResponse } from 'node:http';

import type { AnyRouter } from '@trpc/server';
import type { Request } from 'express';

import {
  listProcedures,
  type Logger,
  type RateLimit,
  type RateLimiter,
  type ServedEntry,
} from '@skycast/api';

import type { AnswerPolicy } from './answer-policy.ts';
import { keptAnswer, keptAnswerStore, sendEncodedBody, type KeptAnswer } from './kept-answer.ts';
import { createAnswerKeys, keyOfInput } from './public-answer-keys.ts';
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
  /**
   * Keeps an answer made in the server for `input` (a place page's forecast,
   * `page-forecast.ts`) as if tRPC had answered `GET /trpc/<procedure>?input=…`,
   * when it may be kept; returns its ETag, or undefined.
   */
  keep(input: unknown, answer: AnswerMade): string | undefined;
  /**
   * The fresh answer kept for `procedure` with `input`, if any: a lookup in
   * memory, never a resolver or a database query.
   */
  kept(procedure: string, input: unknown): KeptAnswer | undefined;
  /** Drops every answer made from an entry of `id` older than `storedAt`. */
  entryStored(id: string, storedAt: Date): void;
  /** Answers and bytes kept now, and the URL → key memos with their bytes. */
  readonly size: { answers: number; bytes: number; urlKeys: number; urlKeyBytes: number };
}

/** tRPC's own Vary, plus the encoding: the same on every public answer, kept or not. */
export const ANSWER_VARY = 'trpc-accept, accept, accept-encoding';

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
  const keys = createAnswerKeys(options);
  const { keyOf } = keys;
  const staticHeaders = options.policy.headers.flat();
  const store = keptAnswerStore<KeptAnswer>(options.maxBytes);
  const { answers } = store;

  function keepUnder(key: string | undefined, answer: AnswerMade): string | undefined {
    const validUntil = keptUntil(answer, now());
    if (key === undefined || validUntil === undefined) return undefined;
    const kept = keptAnswer(answer, validUntil, now());
    store.set(key, kept);
    return kept.etag;
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
      send(options, staticHeaders, req, res, answer);
      return;
    }
    options.rateLimiter.hit(answer.procedure, client, limit).then(
      (verdict) => {
        // Over the limit: tRPC answers the refusal, in its own words and headers.
        if (verdict.allowed) send(options, staticHeaders, req, res, answer);
        else next();
      },
      // The limiter could not say: the ordinary path handles (and reports) it.
      () => next(),
    );
  }

  return {
    serve,

    remember(req, answer) {
      return keepUnder(keyOf(req.method, req.headers, req.originalUrl), answer);
    },

    keep(input, answer) {
      const accepts = options.procedures.get(answer.procedure)?.accepts(input) ?? false;
      return keepUnder(accepts ? keyOfInput(answer.procedure, input) : undefined, answer);
    },

    kept(procedure, input) {
      const answer = answers.get(keyOfInput(procedure, input));
      return answer && answer.validUntil > now() ? answer : undefined;
    },

    entryStored: store.entryStored,

    get size() {
      return { answers: answers.size, bytes: answers.calculatedSize, ...keys.size };
    },
  };
}

/**
 * Until when an answer tRPC made may be kept (the first of its entries to
 * stop being fresh), or undefined when it may not: not public, or not made
 * from weather entries, or not whole and fresh. One with a hole (a place
 * that failed or was refused) would be served to others who would get that
 * place's weather; a kept answer thus depends on no entry beyond those it
 * was made from.
 */
function keptUntil(answer: AnswerMade, now: number): number | undefined {
  if (!answer.cacheControl.startsWith('public') || answer.served.length === 0) return undefined;
  if (answer.missed.length > 0 || answer.served.some((entry) => entry.stale)) return undefined;
  const validUntil = Math.min(...answer.served.map((entry) => entry.freshUntil.getTime()));
  return validUntil > now ? validUntil : undefined;
}

/** Sends a kept answer by the answer policy, with one `writeHead`, and logs it as pino-http would. */
export function send(
  options: Pick<PublicAnswersOptions, 'policy' | 'logger' | 'onSent' | 'now'>,
  staticHeaders: readonly string[],
  req: IncomingMessage,
  res: ServerResponse,
  answer: KeptAnswer,
): void {
  const now = options.now ?? Date.now;
  const started = now();
  const id = options.policy.requestId(req);
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
  sendEncodedBody(req, res, answer, headers, 'application/json');
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
export function acceptsInputOf(inputs: readonly unknown[]): (input: unknown) => boolean {
  const parsers = inputs.map(
    (parser) => parser as { safeParse?: (input: unknown) => { success: boolean } },
  );
  return (input) =>
    parsers.every(
      (parser) => typeof parser.safeParse === 'function' && parser.safeParse(input).success,
    );
}

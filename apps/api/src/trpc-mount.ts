import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { TRPCError } from '@trpc/server';
import compression from 'compression';
import express from 'express';
import type { Logger } from 'pino';

import {
  appRouter,
  callerLanguage,
  createTRPCContext,
  MAX_BATCH_SIZE,
  MAX_REQUEST_BODY_BYTES,
  RateLimitExceeded,
  responseHeaders,
  type Context,
  type Services,
} from '@skycast/api';
import { databaseTrouble } from '@skycast/db';

import type { AnswerPolicy } from './answer-policy.ts';
import { cors } from './cors.ts';
import { emptyBodyAsJson } from './empty-body.ts';
import type { Metrics } from './metrics.ts';
import { originCheck } from './origin-check.ts';
import { ANSWER_VARY, type PublicAnswers } from './public-answers.ts';
import type { RepeatSummary } from './repeat-summary.ts';
import type { SignedInAnswers } from './signed-in-answers.ts';
import { sessionCookieOf, type SessionCookieSettings } from './session-cookie.ts';
import { sendTRPCError } from './trpc-error-response.ts';

export interface TrpcMountOptions {
  services: Services;
  logger: Logger;
  policy: AnswerPolicy;
  cookieSettings: SessionCookieSettings;
  /** Origins a browser may call from (the app's own, CORS_ORIGINS, the Vite dev server in development). */
  allowedOrigins: ReadonlySet<string>;
  corsOrigins: readonly string[];
  /** Where answers that may be kept are handed, with their ETag set on the response. */
  publicAnswers: PublicAnswers;
  /** The same for signed-in answers kept per user. */
  signedInAnswers: Pick<SignedInAnswers, 'remember'>;
  repeats: RepeatSummary;
  metrics?: Metrics | undefined;
}

const tooLargeMessage = `The request is larger than ${MAX_REQUEST_BODY_BYTES / 1024} KiB. Send less at once.`;

/**
 * The tRPC API, to be mounted at `/trpc`: requests it refuses before reading
 * them (streams, foreign origins, oversized bodies), compression, and the
 * router with its context, response headers and error sorting.
 *
 * @example
 * app.use('/trpc', trpcMount({ services, logger, policy, … }));
 */
export function trpcMount(options: TrpcMountOptions): express.Router {
  const router = express.Router();
  router.use(
    refuseStreams,
    cors(options.corsOrigins),
    emptyBodyAsJson,
    originCheck(options.allowedOrigins),
    refuseOversized,
    compression({ threshold: 1024 }),
    trpcMiddleware(options),
  );
  return router;
}

/**
 * A streamed answer starts before the procedures finish, so a cookie set by
 * sign-in could not be sent and an error would arrive inside a 200: not
 * offered, for any procedure (answers from memory included).
 */
const refuseStreams: express.RequestHandler = (req, res, next) => {
  if (req.get('trpc-accept') === 'application/jsonl') {
    sendTRPCError(
      res,
      'BAD_REQUEST',
      'Streamed responses (trpc-accept: application/jsonl) are not offered. Send the request without that header to get plain JSON.',
    );
    return;
  }
  next();
};

/** Refused before reading: tRPC's own limit catches bodies that lie about their length. */
const refuseOversized: express.RequestHandler = (req, res, next) => {
  if (Number(req.get('content-length') ?? 0) > MAX_REQUEST_BODY_BYTES) {
    res.setHeader('connection', 'close');
    sendTRPCError(res, 'PAYLOAD_TOO_LARGE', tooLargeMessage);
    return;
  }
  next();
};

function trpcMiddleware(options: TrpcMountOptions) {
  const { services, policy, publicAnswers, signedInAnswers } = options;
  // The request each context was made for, and when, so responseMeta can keep its answer.
  const requestOf = new WeakMap<Context, { req: express.Request; startedAt: number }>();
  return createExpressMiddleware({
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    maxBodySize: MAX_REQUEST_BODY_BYTES,
    createContext: ({ req, res }) => {
      const ctx = createTRPCContext({
        services,
        logger: req.log,
        requestId: typeof req.id === 'string' ? req.id : policy.requestId(req),
        sessionCookie: sessionCookieOf(req, res, options.cookieSettings),
        // The policy's address, as the answers from memory count it: a spoofed X-Forwarded-For cannot pick the key.
        clientIp: policy.clientIp(req),
        language: callerLanguage(req.query.lang, req.acceptsLanguages()),
      });
      requestOf.set(ctx, { req, startedAt: Date.now() });
      return ctx;
    },
    responseMeta: (opts) => {
      const meta = responseHeaders(opts, {
        // A browser with a session may get a renewed cookie: never cache its answers publicly.
        isPersonal: (ctx) => ctx?.sessionCookie.token !== undefined,
      });
      const made = opts.ctx && requestOf.get(opts.ctx);
      const calls = opts.info?.calls ?? [];
      const call = calls[0];
      if (!made || !opts.ctx || !call || calls.length > 1 || opts.eagerGeneration) return meta;
      const answer = {
        procedure: call.path,
        // What goes on the wire: a batch's answer is the list of its calls' answers.
        body: opts.info?.isBatchCall ? opts.data : opts.data[0],
        cacheControl: meta.headers['cache-control'] ?? 'no-store',
        served: opts.ctx.weatherScope.served,
        missed: opts.ctx.weatherScope.missed,
      };
      let etag: string | undefined;
      if (opts.ctx.madeFrom.places) {
        if (opts.errors.length === 0 && opts.type === 'query') {
          etag = signedInAnswers.remember(made.req, {
            ...answer,
            madeFrom: opts.ctx.madeFrom,
            startedAt: made.startedAt,
          });
        }
      } else if (!opts.info?.isBatchCall) {
        etag = publicAnswers.remember(made.req, answer);
      }
      if (etag) Object.assign(meta.headers, { etag, vary: ANSWER_VARY });
      return meta;
    },
    onError({ error, path, req }) {
      // A client over its limit, not a busy provider (also 429).
      if (error.cause instanceof RateLimitExceeded) options.metrics?.rateLimitRefused(path ?? '');
      reportProcedureError(error, path, options.repeats, req.log ?? options.logger);
    },
  });
}

const DATABASE_TROUBLE = {
  busy: 'database busy',
  unreachable: 'database not reachable',
  'read-only': 'database read-only',
} as const;

/**
 * Logs a procedure's failure by kind: database trouble as one warning then a
 * count (every request fails alike while it lasts), internal errors as errors,
 * other failures with a cause as warnings; a plain refusal (bad input, not
 * signed in) is the client's business and logs nothing here.
 */
export function reportProcedureError(
  error: TRPCError,
  procedure: string | undefined,
  repeats: RepeatSummary,
  log: Logger,
): void {
  const cause = error.cause ?? error;
  const details = { err: cause, procedure, code: error.code };
  const trouble = databaseTrouble(cause);
  if (trouble) {
    const code = (cause.cause as { code?: unknown } | undefined)?.code;
    const key = `db:${trouble}:${String(code)}:${cause.message}`;
    repeats.log('warn', key, details, DATABASE_TROUBLE[trouble], log);
  } else if (error.code === 'INTERNAL_SERVER_ERROR') {
    repeats.log(
      'error',
      `internal:${procedure}:${cause.message}`,
      details,
      'procedure failed',
      log,
    );
  } else if (error.cause) {
    const key = `${error.code}:${procedure}:${cause.message}`;
    repeats.log('warn', key, details, 'procedure failed', log);
  }
}

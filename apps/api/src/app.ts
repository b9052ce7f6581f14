import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { createExpressMiddleware } from '@trpc/server/adapters/express';
import compression from 'compression';
import express, { type ErrorRequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import proxyAddr from 'proxy-addr';

import {
  appRouter,
  callerLanguage,
  createTRPCContext,
  describeRouter,
  MAX_BATCH_SIZE,
  MAX_REQUEST_BODY_BYTES,
  RateLimitExceeded,
  renderOpenApi,
  responseHeaders,
  type Context,
  type Services,
} from '@skycast/api';
import { databaseTrouble } from '@skycast/db';
import { isAppPath } from '@skycast/validators';

import { apiReferencePages } from './api-reference-page.ts';
import { cors } from './cors.ts';
import { errorSerializer, LOGGED_URL_CHARS } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { emptyBodyAsJson } from './empty-body.ts';
import { originCheck } from './origin-check.ts';
import { createReadiness, type Readiness } from './readiness.ts';
import { createRepeatSummary, type RepeatSummary } from './repeat-summary.ts';
import { ANSWER_VARY, cacheableProcedures, createPublicAnswers } from './public-answers.ts';
import { createPlacePages, type PlacePages } from './place-pages.ts';
import { sessionCookieOf, sessionCookieSettings } from './session-cookie.ts';
import { sendTRPCError } from './trpc-error-response.ts';

/** The Vite dev server, which proxies `/trpc` here during `pnpm dev`. */
export const VITE_DEV_ORIGIN = 'http://localhost:5173';

export interface AppOptions {
  services: Services;
  logger: Logger;
  /** Folder of the built web app; served with an SPA fallback when it exists. */
  webDistDir?: string;
  /** Where users reach the app (PUBLIC_ORIGIN); default http://localhost:3000. */
  publicOrigin?: string;
  /** NODE_ENV: `development` also accepts the Vite dev server's origin; `production` makes cookies Secure. */
  nodeEnv?: 'development' | 'production' | 'test';
  /** Reverse proxies in front of the app (TRUST_PROXY); 0 ignores X-Forwarded-For. */
  trustProxy?: number;
  /** Other origins allowed to call the API from a browser (CORS_ORIGINS). */
  corsOrigins?: readonly string[];
  /** What `/readyz` answers; the server's shutdown turns it to "shutting down". Default: checks `services.db`. */
  readiness?: Readiness;
  /** Where repeated identical failures are counted instead of logged one by one. */
  repeats?: RepeatSummary;
  /** Bytes of ready-to-send public answers kept in memory (PUBLIC_ANSWER_CACHE_MB); default 64 MiB. */
  publicAnswerBytes?: number;
  /** Prometheus metrics, served on their own port by the caller; unset: nothing counted. */
  metrics?: Metrics;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Files of the web app whose names do not change between releases. */
const UNFINGERPRINTED_SHELL = new Set(['sw.js', 'manifest.webmanifest', 'theme.js']);

const tooLargeMessage = `The request is larger than ${MAX_REQUEST_BODY_BYTES / 1024} KiB. Send less at once.`;

/** Where tRPC answers; a fresh public answer under it may come from memory. */
const TRPC_PATH = '/trpc';

/**
 * The HTTP face of Skycast: health checks, tRPC at `/trpc`, and the web app.
 * Node's HTTP server calls it for each request: a fresh public answer kept in
 * memory goes out at once; everything else goes through Express.
 *
 * @example
 * const app = createApp({ services, logger });
 * createServer(app).listen(3000);
 */
export function createApp(options: AppOptions): RequestListener {
  const { services, logger } = options;
  const publicOrigin = options.publicOrigin ?? 'http://localhost:3000';
  const nodeEnv = options.nodeEnv ?? 'development';
  const corsOrigins = options.corsOrigins ?? [];
  const https = publicOrigin.startsWith('https:');
  const allowedOrigins = new Set([
    publicOrigin,
    ...corsOrigins,
    ...(nodeEnv === 'development' ? [VITE_DEV_ORIGIN] : []),
  ]);
  const cookieSettings = sessionCookieSettings(publicOrigin, nodeEnv === 'production');
  const readiness = options.readiness ?? createReadiness({ db: services.db });
  const repeats = options.repeats ?? createRepeatSummary(logger);

  const app = express();
  app.disable('x-powered-by');
  // req.ip is then the address the nearest untrusted hop saw; extra
  // X-Forwarded-For entries a client adds itself are ignored.
  const proxyHops = options.trustProxy && options.trustProxy > 0 ? options.trustProxy : 0;
  app.set('trust proxy', proxyHops || false);
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      // Vite's build is files only: a module script, a stylesheet, images.
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        // The web app's service worker (/sw.js) and manifest, from this origin only.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });

  // While draining for shutdown, every answer closes its connection, so
  // keep-alive clients open their next one to an instance that stays.
  app.use((_req, res, next) => {
    if (readiness.draining) res.setHeader('connection', 'close');
    next();
  });

  // A streamed answer starts before the procedures finish, so a cookie set by
  // sign-in could not be sent and an error would arrive inside a 200: not
  // offered, for any procedure (answers from memory included).
  app.use(TRPC_PATH, (req, res, next) => {
    if (req.get('trpc-accept') === 'application/jsonl') {
      sendTRPCError(
        res,
        'BAD_REQUEST',
        'Streamed responses (trpc-accept: application/jsonl) are not offered. Send the request without that header to get plain JSON.',
      );
      return;
    }
    next();
  });

  const publicAnswers = createPublicAnswers({
    basePath: `${TRPC_PATH}/`,
    procedures: cacheableProcedures(appRouter),
    rateLimiter: services.rateLimiter,
    sessionCookieName: cookieSettings.name,
    maxBytes: options.publicAnswerBytes ?? 64 * 1024 * 1024,
    // Its lines hold only the request id, method, URL (public inputs), status
    // and time: the redaction's wildcard paths, most of a line's cost, would
    // find nothing there.
    logger: logger.child({}, { redact: [] }),
    requestId: requestIdFor,
    // What Express's req.ip says under the same `trust proxy` setting, as the
    // same client key the procedures' limits count under.
    clientAddress: (req) =>
      services.clientKeyOf(proxyAddr(req, (_address, hop) => hop < proxyHops)) ?? undefined,
    // The same security headers as every other answer, worked out once.
    staticHeaders: headersSetBy(securityHeaders),
    draining: () => readiness.draining,
    ...(options.metrics ? { onSent: options.metrics.publicAnswerSent } : {}),
  });
  services.onWeatherStored((id, storedAt) => publicAnswers.entryStored(id, storedAt));

  app.use(securityHeaders);
  app.use(
    pinoHttp({
      logger,
      genReqId(req, res) {
        const id = requestIdFor(req);
        res.setHeader('x-request-id', id);
        return id;
      },
      // Probes would drown the log.
      autoLogging: {
        ignore: (req) =>
          req.url === '/livez' || req.url === '/readyz' || req.url === '/readyz/writes',
      },
      // Upstream and database trouble (502–504) is logged, with its cause and
      // summarised when it repeats, where it is handled: here it is one info line.
      customLogLevel: (_req, res, error) =>
        res.statusCode >= 500 &&
        res.statusCode !== 502 &&
        res.statusCode !== 503 &&
        res.statusCode !== 504
          ? 'error'
          : res.statusCode >= 502 && res.statusCode <= 504
            ? 'info'
            : error || res.statusCode >= 400
              ? 'warn'
              : 'info',
      customErrorMessage: (_req, res) => `request answered ${res.statusCode}`,
      // Only what identifies a request: headers can carry cookies and tokens.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.slice(0, LOGGED_URL_CHARS),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: errorSerializer(logger.level),
      },
    }),
  );

  // Liveness: the process answers; touches nothing else.
  app.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: not shutting down, the database answers and every migration is applied.
  // A database that refuses writes (a failover replica) leaves it ready, saying so: reads still work.
  app.get('/readyz', async (_req, res) => {
    const verdict = await readiness.check();
    res.setHeader('cache-control', 'no-store');
    if (verdict.ready) {
      res.json(
        verdict.readOnly
          ? { status: 'ok', writes: 'refused', reason: 'database read-only' }
          : { status: 'ok' },
      );
      return;
    }
    if (verdict.reason !== 'shutting down') {
      repeats.log('warn', `readyz:${verdict.reason}`, { reason: verdict.reason }, 'not ready');
    }
    res.status(503).json({ status: 'unavailable', reason: verdict.reason });
  });

  // Write-readiness, for a balancer or monitor that routes or alerts on writes: ready, and writable.
  app.get('/readyz/writes', async (_req, res) => {
    const verdict = await readiness.check();
    res.setHeader('cache-control', 'no-store');
    if (verdict.ready && !verdict.readOnly) {
      res.json({ status: 'ok' });
      return;
    }
    const reason = verdict.ready ? 'database read-only' : verdict.reason;
    if (reason !== 'shutting down') {
      repeats.log('warn', `readyz:${reason}`, { reason }, 'not ready for writes');
    }
    res.status(503).json({ status: 'unavailable', reason });
  });

  // The request each context was made for, so responseMeta can keep its answer.
  const requestOf = new WeakMap<Context, express.Request>();

  app.use(
    TRPC_PATH,
    cors(corsOrigins),
    emptyBodyAsJson,
    originCheck(allowedOrigins),
    (req, res, next) => {
      // Refused before reading: tRPC's own limit below catches bodies that lie about their length.
      if (Number(req.get('content-length') ?? 0) > MAX_REQUEST_BODY_BYTES) {
        res.setHeader('connection', 'close');
        sendTRPCError(res, 'PAYLOAD_TOO_LARGE', tooLargeMessage);
        return;
      }
      next();
    },
  );
  app.use(TRPC_PATH, compression({ threshold: 1024 }));
  app.use(
    TRPC_PATH,
    createExpressMiddleware({
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      maxBodySize: MAX_REQUEST_BODY_BYTES,
      createContext: ({ req, res }) => {
        const ctx = createTRPCContext({
          services,
          logger: req.log,
          requestId: requestIdOf(req),
          sessionCookie: sessionCookieOf(req, res, cookieSettings),
          // Honours Express's `trust proxy`, so a spoofed X-Forwarded-For cannot pick the key.
          clientIp: req.ip ?? req.socket.remoteAddress,
          language: callerLanguage(req.query.lang, req.acceptsLanguages()),
        });
        requestOf.set(ctx, req);
        return ctx;
      },
      responseMeta: (opts) => {
        const meta = responseHeaders(opts, {
          // A browser with a session may get a renewed cookie: never cache its answers publicly.
          isPersonal: (ctx) => ctx?.sessionCookie.token !== undefined,
        });
        const req = opts.ctx && requestOf.get(opts.ctx);
        const call = opts.info?.calls[0];
        if (req && call && !opts.info?.isBatchCall && !opts.eagerGeneration) {
          const etag = publicAnswers.remember(req, {
            procedure: call.path,
            body: opts.data[0],
            cacheControl: meta.headers['cache-control'] ?? 'no-store',
            served: opts.ctx?.weatherScope.served ?? [],
            missed: opts.ctx?.weatherScope.missed ?? [],
          });
          if (etag) Object.assign(meta.headers, { etag, vary: ANSWER_VARY });
        }
        return meta;
      },
      onError({ error, path: procedure, req }) {
        // A client over its limit, not a busy provider (also 429).
        if (error.cause instanceof RateLimitExceeded)
          options.metrics?.rateLimitRefused(procedure ?? '');
        const log = req.log ?? logger;
        const cause = error.cause ?? error;
        const details = { err: cause, procedure, code: error.code };
        const trouble = databaseTrouble(cause);
        if (trouble) {
          // Every request fails alike while the database is away: one line, then a count.
          const code = (cause.cause as { code?: unknown } | undefined)?.code;
          const what = {
            busy: 'database busy',
            unreachable: 'database not reachable',
            'read-only': 'database read-only',
          }[trouble];
          repeats.log('warn', `db:${trouble}:${String(code)}:${cause.message}`, details, what, log);
        } else if (error.code === 'INTERNAL_SERVER_ERROR') {
          repeats.log(
            'error',
            `internal:${procedure}:${cause.message}`,
            details,
            'procedure failed',
            log,
          );
        } else if (error.cause) {
          repeats.log(
            'warn',
            `${error.code}:${procedure}:${cause.message}`,
            details,
            'procedure failed',
            log,
          );
        }
      },
    }),
  );

  // The API reference, generated from the router at start-up (docs/api/ holds the same).
  app.use(apiReferencePages(renderOpenApi(describeRouter(appRouter))));

  let placePages: PlacePages | undefined;
  if (options.webDistDir && existsSync(path.join(options.webDistDir, 'index.html'))) {
    const webDistDir = options.webDistDir;
    // A place's page with its kept forecast inside, from memory like the answers themselves.
    placePages = createPlacePages({
      shellFile: path.join(webDistDir, 'index.html'),
      publicAnswers,
      maxBytes: (options.publicAnswerBytes ?? 64 * 1024 * 1024) / 4,
      staticHeaders: headersSetBy(securityHeaders),
      logger: logger.child({}, { redact: [] }),
      requestId: requestIdFor,
      draining: () => readiness.draining,
    });
    app.use(
      // The build writes .br and .gz beside each asset: sent as they are, never compressed per request.
      expressStaticGzip(webDistDir, {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic: {
          index: false,
          setHeaders(res, file) {
            // Vite fingerprints everything under assets/, so it may be cached for good.
            if (file.includes(`${path.sep}assets${path.sep}`)) {
              res.setHeader('cache-control', 'public, max-age=31536000, immutable');
            } else if (UNFINGERPRINTED_SHELL.has(path.basename(file))) {
              // Same names in every release: asked again each time, so a deploy reaches
              // browsers at once (a stale sw.js would keep serving the old app).
              res.setHeader('cache-control', 'no-cache');
            }
          },
        },
      }),
    );
    // The app's pages (e.g. /place/52.52,13.41/St.%20Louis) load the app with
    // 200. Any other page address (a mistyped day, coordinates off the globe)
    // still loads it, so the person sees "Page not found" inside the app, but
    // with 404 for crawlers and link checkers. A missing file (under /assets/,
    // or a last segment with a dot, such as /robots.txt or /.env) or API path
    // is a plain 404 rather than the app's HTML.
    app.get('/{*path}', (req, res, next) => {
      const lastSegment = req.path.slice(req.path.lastIndexOf('/') + 1);
      const looksLikeFile = !req.path.startsWith('/place/') && lastSegment.includes('.');
      if (/^\/(assets|api|trpc)\//.test(req.path) || looksLikeFile) {
        next();
        return;
      }
      res.setHeader('cache-control', 'no-cache');
      if (!isAppPath(req.path)) res.status(404);
      res.sendFile(path.join(webDistDir, 'index.html'));
    });
  }

  app.use((_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.status(404).json({ error: 'Not found' });
  });

  const handleError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const status = errorStatus(error);
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    if (res.headersSent) return;
    res.setHeader('cache-control', 'no-store');
    res.status(status).json({
      error: status >= 500 ? 'Something went wrong on our side.' : 'The request could not be read.',
    });
  };
  app.use(handleError);

  // A fresh public answer goes out from memory, first thing: no Express, no
  // resolver, no database. It logs and rate-limits on its own.
  const trpcPrefix = `${TRPC_PATH}/`;
  return (req, res) => {
    if (!req.url?.startsWith(trpcPrefix)) {
      // A place's page with its kept forecast inside, likewise from memory.
      if (placePages && req.url?.startsWith('/place/'))
        placePages.serve(req, res, () => {
          app(req, res);
        });
      else app(req, res);
      return;
    }
    options.metrics?.trpcRequest(req, res);
    publicAnswers.serve(req, res, () => {
      app(req, res);
    });
  };
}

/** The caller's `X-Request-Id` when it looks like one, else a new id. */
function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The headers a middleware sets on a response that needs nothing else, for answers sent without it. */
function headersSetBy(middleware: express.RequestHandler): [string, string][] {
  const headers: [string, string][] = [];
  const response = {
    setHeader(name: string, value: unknown) {
      headers.push([name.toLowerCase(), String(value)]);
    },
    removeHeader() {},
    getHeader: () => undefined,
  };
  void middleware({} as express.Request, response as unknown as express.Response, () => {});
  return headers;
}

function requestIdOf(req: express.Request): string {
  return typeof req.id === 'string' ? req.id : randomUUID();
}

function errorStatus(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = Number(error.status);
    if (status >= 400 && status < 600) return status;
  }
  return 500;
}

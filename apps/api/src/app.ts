import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { createExpressMiddleware } from '@trpc/server/adapters/express';
import compression from 'compression';
import express, { type ErrorRequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

import {
  appRouter,
  createTRPCContext,
  describeRouter,
  isProtectedProcedure,
  MAX_BATCH_SIZE,
  MAX_REQUEST_BODY_BYTES,
  renderOpenApi,
  responseHeaders,
  type Context,
  type Services,
} from '@skycast/api';
import { isSchemaCurrent, sql } from '@skycast/db';

import { apiReferencePages } from './api-reference-page.ts';
import { cors } from './cors.ts';
import { emptyBodyAsJson } from './empty-body.ts';
import { originCheck } from './origin-check.ts';
import { ANSWER_VARY, cacheableProcedures, createPublicAnswers } from './public-answers.ts';
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
  /** Bytes of ready-to-send public answers kept in memory (PUBLIC_ANSWER_CACHE_MB); default 64 MiB. */
  publicAnswerBytes?: number;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

const tooLargeMessage = `The request is larger than ${MAX_REQUEST_BODY_BYTES / 1024} KiB. Send less at once.`;

/**
 * The HTTP face of Skycast: health checks, tRPC at `/trpc`, and the web app.
 *
 * @example
 * const app = createApp({ services, logger });
 * app.listen(3000);
 */
export function createApp(options: AppOptions): express.Express {
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

  const app = express();
  app.disable('x-powered-by');
  // req.ip is then the address the nearest untrusted hop saw; extra
  // X-Forwarded-For entries a client adds itself are ignored.
  app.set('trust proxy', options.trustProxy && options.trustProxy > 0 ? options.trustProxy : false);
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
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });

  const publicAnswers = createPublicAnswers({
    procedures: cacheableProcedures(appRouter, isProtectedProcedure),
    rateLimiter: services.rateLimiter,
    sessionCookieName: cookieSettings.name,
    maxBytes: options.publicAnswerBytes ?? 64 * 1024 * 1024,
    logger,
    requestId: requestIdFor,
    // The same security headers as every other answer, worked out once.
    staticHeaders: headersSetBy(securityHeaders),
  });
  services.onWeatherStored((id, storedAt) => publicAnswers.entryStored(id, storedAt));
  // A fresh public answer goes out from memory, first thing: no middleware
  // chain, no resolver, no database. It logs and rate-limits on its own.
  app.use('/trpc', publicAnswers.serve);

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
      autoLogging: { ignore: (req) => req.url === '/livez' || req.url === '/readyz' },
      // Upstream trouble (502–504) is logged, with its cause, where it is handled.
      customLogLevel: (_req, res, error) =>
        res.statusCode >= 500 &&
        res.statusCode !== 502 &&
        res.statusCode !== 503 &&
        res.statusCode !== 504
          ? 'error'
          : error || res.statusCode >= 400
            ? 'warn'
            : 'info',
      customErrorMessage: (_req, res) => `request answered ${res.statusCode}`,
      // Only what identifies a request: headers can carry cookies and tokens.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  // Liveness: the process answers; touches nothing else.
  app.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: the database answers and every migration is applied.
  app.get('/readyz', async (req, res) => {
    try {
      await sql`select 1`.execute(services.db);
      if (!(await isSchemaCurrent(services.db))) {
        res.status(503).json({ status: 'unavailable', reason: 'database migrations pending' });
        return;
      }
      res.json({ status: 'ok' });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database not reachable' });
    }
  });

  // The request each context was made for, so responseMeta can keep its answer.
  const requestOf = new WeakMap<Context, express.Request>();

  app.use(
    '/trpc',
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
  app.use('/trpc', compression({ threshold: 1024 }));
  app.use(
    '/trpc',
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
        });
        requestOf.set(ctx, req);
        return ctx;
      },
      responseMeta: (opts) => {
        const meta = responseHeaders(opts, {
          isProtected: isProtectedProcedure,
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
          });
          if (etag) Object.assign(meta.headers, { etag, vary: ANSWER_VARY });
        }
        return meta;
      },
      onError({ error, path: procedure, req }) {
        const log = req.log ?? logger;
        const details = { err: error.cause ?? error, procedure, code: error.code };
        if (error.code === 'INTERNAL_SERVER_ERROR') log.error(details, 'procedure failed');
        else if (error.cause) log.warn(details, 'procedure failed');
      },
    }),
  );

  // The API reference, generated from the router at start-up (docs/api/ holds the same).
  app.use(
    apiReferencePages(
      renderOpenApi(describeRouter(appRouter, { isProtected: isProtectedProcedure })),
    ),
  );

  if (options.webDistDir && existsSync(path.join(options.webDistDir, 'index.html'))) {
    const webDistDir = options.webDistDir;
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
            }
          },
        },
      }),
    );
    // Client-side routes (e.g. /place/52.52,13.41/Berlin) all load the app.
    app.get('/{*path}', (_req, res) => {
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(path.join(webDistDir, 'index.html'));
    });
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });

  const handleError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const status = errorStatus(error);
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    if (res.headersSent) return;
    res.status(status).json({
      error: status >= 500 ? 'Something went wrong on our side.' : 'The request could not be read.',
    });
  };
  app.use(handleError);

  return app;
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

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type ErrorRequestHandler } from 'express';
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
  type Services,
} from '@skycast/api';
import { isSchemaCurrent, sql } from '@skycast/db';

import { apiReferencePages } from './api-reference-page.ts';
import { cors } from './cors.ts';
import { emptyBodyAsJson } from './empty-body.ts';
import { originCheck } from './origin-check.ts';
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
  app.use(
    helmet({
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
    }),
  );

  app.use(
    pinoHttp({
      logger,
      genReqId(req, res) {
        const incoming = req.headers['x-request-id'];
        const id =
          typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
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
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      maxBodySize: MAX_REQUEST_BODY_BYTES,
      createContext: ({ req, res }) =>
        createTRPCContext({
          services,
          logger: req.log,
          requestId: requestIdOf(req),
          sessionCookie: sessionCookieOf(req, res, cookieSettings),
          // Honours Express's `trust proxy`, so a spoofed X-Forwarded-For cannot pick the key.
          clientIp: req.ip ?? req.socket.remoteAddress,
        }),
      responseMeta: (opts) =>
        responseHeaders(opts, {
          isProtected: isProtectedProcedure,
          // A browser with a session may get a renewed cookie: never cache its answers publicly.
          isPersonal: (ctx) => ctx?.sessionCookie.token !== undefined,
        }),
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
      express.static(webDistDir, {
        index: false,
        setHeaders(res, file) {
          // Vite fingerprints everything under assets/, so it may be cached for good.
          if (file.includes(`${path.sep}assets${path.sep}`)) {
            res.setHeader('cache-control', 'public, max-age=31536000, immutable');
          }
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

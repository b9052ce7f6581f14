import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

import {
  appRouter,
  createTRPCContext,
  describeRouter,
  isProtectedProcedure,
  MAX_BATCH_SIZE,
  renderApiReferenceHtml,
  renderOpenApi,
  responseHeaders,
  type Services,
} from '@skycast/api';
import { isSchemaCurrent, sql } from '@skycast/db';

export interface AppOptions {
  services: Services;
  logger: Logger;
  /** Folder of the built web app; served with an SPA fallback when it exists. */
  webDistDir?: string;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * The HTTP face of Skycast: health checks, tRPC at `/trpc`, and the web app.
 *
 * @example
 * const app = createApp({ services, logger });
 * app.listen(3000);
 */
export function createApp(options: AppOptions): express.Express {
  const { services, logger } = options;
  const app = express();
  app.disable('x-powered-by');

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
    createExpressMiddleware({
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: ({ req }) =>
        createTRPCContext({
          services,
          logger: req.log,
          requestId: requestIdOf(req),
          // Honours Express's `trust proxy`, so a spoofed X-Forwarded-For cannot pick the key.
          clientIp: req.ip,
        }),
      responseMeta: (opts) => responseHeaders(opts, { isProtected: isProtectedProcedure }),
      onError({ error, path: procedure, req }) {
        const log = req.log ?? logger;
        const details = { err: error.cause ?? error, procedure, code: error.code };
        if (error.code === 'INTERNAL_SERVER_ERROR') log.error(details, 'procedure failed');
        else if (error.cause) log.warn(details, 'procedure failed');
      },
    }),
  );

  // The API reference, generated from the router at start-up (docs/api/ holds the same).
  const procedureDocs = describeRouter(appRouter, { isProtected: isProtectedProcedure });
  const referenceHtml = renderApiReferenceHtml(procedureDocs);
  const openApi = renderOpenApi(procedureDocs);
  app.get('/api', (_req, res) => {
    res.type('html').send(referenceHtml);
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });

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

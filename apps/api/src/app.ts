import { existsSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';

import express, { type ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

import { appRouter, describeRouter, renderOpenApi, type Services } from '@skycast/api';

import { answerPolicyHeaders, createAnswerPolicy, type AnswerPolicy } from './answer-policy.ts';
import { apiReferencePages } from './api-reference-page.ts';
import { healthRoutes } from './health.ts';
import type { Metrics } from './metrics.ts';
import { pageForecast } from './page-forecast.ts';
import { createPlacePages, type PlacePages, type PlacePagesOptions } from './place-pages.ts';
import { cacheableProcedures, createPublicAnswers, type PublicAnswers } from './public-answers.ts';
import { createReadiness, type Readiness } from './readiness.ts';
import { createRepeatSummary, type RepeatSummary } from './repeat-summary.ts';
import { requestLog } from './request-log.ts';
import {
  createSignedInAnswers,
  signedInKeptProcedures,
  type SignedInAnswers,
} from './signed-in-answers.ts';
import { sessionCookieSettings } from './session-cookie.ts';
import { trpcMount } from './trpc-mount.ts';
import { webFiles } from './web-files.ts';

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
  /** How long a place's page waits for a forecast not yet kept (PLACE_PAGE_WAIT_MS); 0: not at all. */
  placePageWaitMs?: number;
}

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
  const allowedOrigins = new Set([
    publicOrigin,
    ...corsOrigins,
    ...(nodeEnv === 'development' ? [VITE_DEV_ORIGIN] : []),
  ]);
  const cookieSettings = sessionCookieSettings(publicOrigin, nodeEnv === 'production');
  const readiness = options.readiness ?? createReadiness({ db: services.db });
  const repeats = options.repeats ?? createRepeatSummary(logger);
  const policy = createAnswerPolicy({
    publicOrigin,
    trustProxy: options.trustProxy ?? 0,
    draining: () => readiness.draining,
  });

  const { publicAnswers, signedInAnswers } = keptAnswers(options, policy, cookieSettings.name);

  const app = express();
  app.disable('x-powered-by');
  // req.ip is then the policy's client address.
  app.set('trust proxy', policy.trustProxy);
  app.use(answerPolicyHeaders(policy));
  app.use(requestLog(logger, policy));
  app.use(healthRoutes(readiness, repeats));
  app.use(
    TRPC_PATH,
    trpcMount({
      services,
      logger,
      policy,
      cookieSettings,
      allowedOrigins,
      corsOrigins,
      publicAnswers,
      signedInAnswers,
      repeats,
      metrics: options.metrics,
    }),
  );
  // The API reference, generated from the router at start-up (docs/api/ holds the same).
  app.use(apiReferencePages(renderOpenApi(describeRouter(appRouter))));
  const web = webFiles(options.webDistDir);
  if (web) app.use(web);
  const placePages = placePagesFor(options, publicAnswers, policy, logger);
  app.use((_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.status(404).json({ error: 'Not found' });
  });
  app.use(handleError);

  return answersFromMemoryFirst(
    app,
    { publicAnswers, signedInAnswers },
    placePages,
    options.metrics,
  );
}

/**
 * A fresh public answer goes out from memory, first thing: no Express, no
 * resolver, no database. It follows the same answer policy on its own. So
 * do a signed-in user's kept answers and a place's page with its kept
 * forecast inside.
 */
function answersFromMemoryFirst(
  app: express.Express,
  kept: {
    publicAnswers: Pick<PublicAnswers, 'serve'>;
    signedInAnswers: Pick<SignedInAnswers, 'serve'>;
  },
  placePages: PlacePages | undefined,
  metrics: Metrics | undefined,
): RequestListener {
  const trpcPrefix = `${TRPC_PATH}/`;
  const toExpress = (req: IncomingMessage, res: ServerResponse) => () => {
    app(req, res);
  };
  return (req, res) => {
    if (req.url?.startsWith(trpcPrefix)) {
      metrics?.trpcRequest(req, res);
      kept.publicAnswers.serve(req, res, () =>
        kept.signedInAnswers.serve(req, res, toExpress(req, res)),
      );
    } else if (placePages && req.url?.startsWith('/place/')) {
      placePages.serve(req, res, toExpress(req, res));
    } else {
      app(req, res);
    }
  };
}

/**
 * The answers kept in memory as bytes: public ones, and a signed-in user's
 * own; both dropped on every instance when a weather entry they hold is stored anew.
 */
function keptAnswers(options: AppOptions, policy: AnswerPolicy, sessionCookieName: string) {
  const { services, logger } = options;
  const maxBytes = options.publicAnswerBytes ?? 64 * 1024 * 1024;
  const publicAnswers = createPublicAnswers({
    basePath: `${TRPC_PATH}/`,
    procedures: cacheableProcedures(appRouter),
    rateLimiter: services.rateLimiter,
    sessionCookieName,
    maxBytes,
    // Its lines hold only the request id, method, URL (public inputs), status
    // and time: the redaction's wildcard paths, most of a line's cost, would
    // find nothing there.
    logger: logger.child({}, { redact: [] }),
    policy,
    clientKeyOf: (address) => services.clientKeyOf(address),
    ...(options.metrics ? { onSent: options.metrics.publicAnswerSent } : {}),
  });
  const signedInAnswers = createSignedInAnswers({
    basePath: `${TRPC_PATH}/`,
    procedures: signedInKeptProcedures(appRouter),
    services,
    sessionCookieName,
    maxBytes: maxBytes / 4,
    // Its lines hold the request id, method, URL (the units asked for), status and time.
    logger: logger.child({}, { redact: [] }),
    policy,
    clientKeyOf: (address) => services.clientKeyOf(address),
  });
  services.onWeatherStored((id, storedAt) => {
    publicAnswers.entryStored(id, storedAt);
    signedInAnswers.entryStored(id, storedAt);
  });
  return { publicAnswers, signedInAnswers };
}

/** A place's page with its kept forecast inside, when there is a web build to make it from. */
function placePagesFor(
  options: AppOptions,
  publicAnswers: PublicAnswers,
  policy: PlacePagesOptions['policy'],
  logger: Logger,
): PlacePages | undefined {
  const shellFile = options.webDistDir && path.join(options.webDistDir, 'index.html');
  if (!shellFile || !existsSync(shellFile)) return undefined;
  return createPlacePages({
    shellFile,
    publicAnswers,
    forecast: pageForecast({
      services: options.services,
      policy,
      publicAnswers,
      procedures: cacheableProcedures(appRouter),
      logger,
    }),
    ...(options.placePageWaitMs === undefined ? {} : { waitMs: options.placePageWaitMs }),
    maxBytes: (options.publicAnswerBytes ?? 64 * 1024 * 1024) / 4,
    policy,
    logger: logger.child({}, { redact: [] }),
  });
}

const handleError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const status = errorStatus(error);
  if (status >= 500) req.log.error({ err: error }, 'request failed');
  if (res.headersSent) return;
  res.setHeader('cache-control', 'no-store');
  res.status(status).json({
    error: status >= 500 ? 'Something went wrong on our side.' : 'The request could not be read.',
  });
};

function errorStatus(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = Number(error.status);
    if (status >= 400 && status < 600) return status;
  }
  return 500;
}

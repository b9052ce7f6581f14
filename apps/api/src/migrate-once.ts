import { createDb, migrateToLatest } from '@skycast/db';

import type { Env } from './env.ts';
import { createLogger } from './logger.ts';

/**
 * Applies pending migrations to DATABASE_URL and returns the exit code: the
 * one-shot step of an upgrade (a Kubernetes Job) before replicas roll. Kysely
 * holds an advisory lock meanwhile, so replicas starting at once wait for it.
 */
export async function migrateOnce(env: Env): Promise<number> {
  const logger = createLogger(env);
  if (!env.DATABASE_URL) {
    logger.fatal('DATABASE_URL is required to migrate (pnpm db:migrate migrates the embedded one)');
    return 1;
  }
  const db = createDb({ connectionString: env.DATABASE_URL, max: 1 });
  try {
    const applied = await migrateToLatest(db);
    logger.info({ migrations: applied.map((m) => m.migrationName) }, 'migrated');
    return 0;
  } catch (error) {
    logger.fatal({ err: error }, 'migration failed');
    return 1;
  } finally {
    await db.destroy();
  }
}

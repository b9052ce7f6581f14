import { sql, type Database, type Kysely } from '@skycast/db';

import type { Logger } from '../logger.ts';
import { pruneRateLimits } from '../rate-limit.ts';

export interface PruneResult {
  expired: number;
  overflow: number;
  leases: number;
  /** Rate-limit rows whose window has ended. */
  rateLimits: number;
}

/**
 * Deletes cache entries past their usable life, expired leases and ended
 * rate-limit windows, and keeps
 * the cache under `maxEntries` by dropping the least recently fetched, so the
 * table's size is bounded whatever people search for.
 */
export async function pruneWeatherCache(
  db: Kysely<Database>,
  options: { maxEntries: number },
): Promise<PruneResult> {
  const expired = await db
    .deleteFrom('weatherCache')
    .where('staleUntil', '<', sql<Date>`now()`)
    .executeTakeFirst();
  const leases = await db
    .deleteFrom('refreshLeases')
    .where('expiresAt', '<', sql<Date>`now()`)
    .executeTakeFirst();
  const overflow = await sql`
    delete from weather_cache
    where (provider, resource, cache_key) in (
      select provider, resource, cache_key from weather_cache
      order by fetched_at desc
      offset ${options.maxEntries}
    )
  `.execute(db);
  return {
    expired: Number(expired.numDeletedRows),
    leases: Number(leases.numDeletedRows),
    overflow: Number(overflow.numAffectedRows ?? 0n),
    rateLimits: await pruneRateLimits(db, Date.now()),
  };
}

/**
 * Runs {@link pruneWeatherCache} every `intervalMs` in the background. Several
 * instances may all run it: deletes of expired rows are idempotent.
 */
export function schedulePruning(
  db: Kysely<Database>,
  logger: Logger,
  options: { intervalMs: number; maxEntries: number },
): () => void {
  const run = () => {
    pruneWeatherCache(db, options).then(
      (result) => {
        if (result.expired + result.overflow + result.leases + result.rateLimits > 0)
          logger.info({ ...result }, 'pruned weather cache');
      },
      (error: unknown) => logger.warn({ err: error }, 'pruning the weather cache failed'),
    );
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  run();
  return () => clearInterval(timer);
}

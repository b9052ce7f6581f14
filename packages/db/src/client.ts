import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

import type { Database } from './schema.ts';

export interface CreateDbOptions {
  connectionString: string;
  /** Called when an idle client loses its connection; the pool replaces it. */
  onPoolError?: (error: Error) => void;
  max?: number;
  /** Handed the pool's live counts once it exists, e.g. to report them as metrics. */
  observePool?: (pool: PoolCounts) => void;
}

/** A pool's connections right now: open, idle, and queries waiting for one. */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/**
 * Opens a connection pool and wraps it in a typed Kysely instance.
 *
 * @example
 * const db = createDb({ connectionString: env.DATABASE_URL });
 * const rows = await db.selectFrom('forecasts').selectAll().execute();
 */
export function createDb(options: CreateDbOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  // Without a listener an idle client's network error is thrown as an
  // 'error' event and would take the whole process down.
  pool.on('error', (error) => options.onPoolError?.(error));
  options.observePool?.(pool);
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    // jsonb payloads keep their own keys (e.g. `pm2_5`); only column names are converted.
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

import type { Database } from './schema.ts';

export interface CreateDbOptions {
  connectionString: string;
  /**
   * Called when a client loses its connection, idle or checked out; the pool
   * replaces it, and a query on it fails with an error `databaseTrouble()`
   * classifies as `unreachable`.
   */
  onPoolError?: (error: Error) => void;
  max?: number;
  /**
   * How long to wait for a connection, new or from the pool, before failing.
   * Default 5 s; the server passes DATABASE_CONNECT_TIMEOUT_MS.
   */
  connectTimeoutMs?: number;
  /**
   * The server cancels a statement running longer than this (`statement_timeout`,
   * lock waits included); the client stops waiting 1 s later in case the
   * network is gone. Default 0, off (migrations, scripts, tests); the server
   * passes DATABASE_STATEMENT_TIMEOUT_MS.
   */
  statementTimeoutMs?: number;
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
 * const places = await db.selectFrom('places').selectAll().where('userId', '=', userId).execute();
 */
export function createDb(options: CreateDbOptions): Kysely<Database> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 0;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    // Also bounds the wait for a free client when all are in use.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    ...(statementTimeoutMs > 0
      ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 1_000 }
      : {}),
    // A half-open connection (server gone without a FIN) is noticed instead of hanging.
    keepAlive: true,
  });
  const onError = (error: Error) => options.onPoolError?.(error);
  // pg-pool listens on a client only while it is idle; a checked-out client's
  // 'error' event (the server stopping mid-query) with no listener would take
  // the whole process down. This listener stays for the client's life.
  pool.on('connect', (client) => client.on('error', onError));
  // The pool re-emits an idle client's error; the client's own listener above already reported it.
  pool.on('error', () => undefined);
  options.observePool?.(pool);
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    // jsonb payloads keep their own keys (e.g. `pm2_5`); only column names are converted.
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

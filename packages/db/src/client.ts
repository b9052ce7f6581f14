import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

import type { Database } from './schema.ts';

export interface CreateDbOptions {
  connectionString: string;
  /** Called when an idle client loses its connection; the pool replaces it. */
  onPoolError?: (error: Error) => void;
  max?: number;
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
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    // jsonb payloads keep their own keys (e.g. `pm2_5`); only column names are converted.
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
}

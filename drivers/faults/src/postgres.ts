import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createDb, type Database, type Kysely } from '@skycast/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@skycast/db/embedded';

export interface RestartablePostgres {
  /** The `skycast` database, for the servers under test. */
  readonly databaseUrl: string;
  /** A pool on the same database for the test's own queries (locks, checks); no statement timeout. */
  readonly admin: Kysely<Database>;
  /** Stops the server (a fast shutdown: every connection is cut). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  destroy(): Promise<void>;
}

/**
 * An embedded PostgreSQL of the test's own, which it may stop and start
 * while servers use it (the shared test cluster must not be disturbed).
 *
 * @example
 * const pg = await startRestartablePostgres();
 * await pg.stop(); await pg.start();
 */
export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-faults-pg-'));
  let server: EmbeddedDatabase | undefined = await startEmbeddedPostgres({
    dataDir,
    database: 'skycast',
  });
  const { port, connectionString } = server;
  const admin = createDb({ connectionString, max: 4 });
  return {
    databaseUrl: connectionString,
    admin,
    async stop() {
      await server?.stop();
      server = undefined;
    },
    async start() {
      server ??= await startEmbeddedPostgres({ dataDir, port, database: 'skycast' });
    },
    async destroy() {
      await admin.destroy();
      await server?.stop();
      server = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

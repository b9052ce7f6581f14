import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';
import type { Kysely } from 'kysely';
// Brings Vitest's types into the program so the augmentation below has a target.
import type {} from 'vitest';

import { createDb } from './client.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

const TEMPLATE = 'skycast_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by `@skycast/db/vitest-global-setup`. */
    databaseAdminUrl: string;
  }
}

export interface TestCluster {
  /** URL of the server's `postgres` database, used to create test databases. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts a throw-away embedded PostgreSQL with a migrated template database.
 * Meant for a test runner's global setup: one server per run, one database
 * per test file (see {@link createTestDatabase}).
 */
export async function startTestCluster(): Promise<TestCluster> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir });
  await runAdmin(server.connectionString, `create database ${TEMPLATE}`);
  const template = createDb({ connectionString: withDatabase(server.connectionString, TEMPLATE) });
  try {
    await migrateToLatest(template);
  } finally {
    await template.destroy();
  }
  return {
    adminUrl: server.connectionString,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabase {
  readonly db: Kysely<Database>;
  readonly connectionString: string;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

/**
 * Creates a fresh, migrated database for one test file, so test files can run
 * in parallel without seeing each other's rows.
 *
 * @example
 * const testDb = await createTestDatabase(inject('databaseAdminUrl'));
 * afterAll(() => testDb.destroy());
 */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await runAdmin(adminUrl, `create database ${name} template ${TEMPLATE}`);
  const connectionString = withDatabase(adminUrl, name);
  const db = createDb({ connectionString });
  return {
    db,
    connectionString,
    destroy: async () => {
      await db.destroy();
      await runAdmin(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

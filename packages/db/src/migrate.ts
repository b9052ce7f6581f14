import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Kysely } from 'kysely';
import { FileMigrationProvider, Migrator, type MigrationResult } from 'kysely/migration';

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

function createMigrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  });
}

/**
 * Applies every pending migration. Kysely takes a PostgreSQL advisory lock
 * for the run, so several instances starting at once apply each migration once.
 *
 * @example
 * await migrateToLatest(db);
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    throw new Error('Database migration failed', { cause: error });
  }
  return results ?? [];
}

/** True when every migration file in the repository has been applied. */
export async function isSchemaCurrent<DB>(db: Kysely<DB>): Promise<boolean> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.every((migration) => migration.executedAt !== undefined);
}

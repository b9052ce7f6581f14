import path from 'node:path';

import { createDb } from '../client.ts';
import { startEmbeddedPostgres } from '../embedded.ts';
import { migrateToLatest } from '../migrate.ts';

// `pnpm db:migrate`: migrates DATABASE_URL, or the embedded cluster in DATA_DIR.
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const embedded = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: process.env.DATA_DIR ?? path.join(repoRoot, '.data'),
      database: 'skycast',
    });
const db = createDb({ connectionString: process.env.DATABASE_URL ?? embedded!.connectionString });
try {
  const results = await migrateToLatest(db);
  for (const result of results) console.log(`${result.status}: ${result.migrationName}`);
  console.log(results.length === 0 ? 'Database already up to date.' : 'Database migrated.');
} finally {
  await db.destroy();
  await embedded?.stop();
}

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createDb } from '../client.ts';
import { generateDatabaseTypes, generatedTypesFile } from '../database-types.ts';
import { startEmbeddedPostgres } from '../embedded.ts';
import { migrateToLatest } from '../migrate.ts';

// `pnpm db:types` regenerates src/generated/database.ts from the migrations;
// `pnpm db:types --check` fails when the committed file is out of date.
// Both run against a fresh embedded PostgreSQL, never a developer's database.
const check = process.argv.includes('--check');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-db-types-'));
const server = await startEmbeddedPostgres({ dataDir, database: 'skycast_types' });
try {
  const db = createDb({ connectionString: server.connectionString });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  const result = await generateDatabaseTypes(server.connectionString, { check });
  if (check && !result.upToDate) {
    console.error(
      `\n${path.relative(process.cwd(), generatedTypesFile)} differs from the migrations. Run \`pnpm db:types\` and commit the result.`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      check || result.upToDate
        ? 'Database types match the migrations.'
        : `Wrote ${path.relative(process.cwd(), generatedTypesFile)}.`,
    );
  }
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}

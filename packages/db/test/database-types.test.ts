import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { generateDatabaseTypes, generatedTypesFile } from '../src/database-types.ts';
import { createTestDatabase } from '../src/testing.ts';

// A copy of the global setup's template, which is migrated from the
// migrations folder exactly as `pnpm db:types` migrates a fresh server.
const testDb = await createTestDatabase(inject('databaseAdminUrl'));
const scratch = await mkdtemp(path.join(os.tmpdir(), 'skycast-db-types-test-'));
afterAll(async () => {
  await testDb.destroy();
  await rm(scratch, { recursive: true, force: true });
});
const templateUrl = () => testDb.connectionString;

describe('generated database types', () => {
  it('match the migrations (run `pnpm db:types` and commit the result when this fails)', async () => {
    const result = await generateDatabaseTypes(templateUrl(), { verify: true });
    expect(result.upToDate, result.output).toBe(true);
  });

  it('are reported as out of date when a column is missing from the committed file', async () => {
    const stale = path.join(scratch, 'database.ts');
    const committed = await readFile(generatedTypesFile, 'utf8');
    await writeFile(stale, committed.replace(/^\s+hits: number;\n/m, ''));
    const result = await generateDatabaseTypes(templateUrl(), { verify: true, outFile: stale });
    expect(result.upToDate).toBe(false);
  });
});

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
    const result = await generateDatabaseTypes(templateUrl(), { check: true });
    expect(
      result.upToDate,
      'src/generated/database.ts differs from the migrations: run `pnpm db:types` and commit it',
    ).toBe(true);
  });

  it('are reported as out of date when a column is missing from the committed file', async () => {
    const committed = await readFile(generatedTypesFile, 'utf8');
    const copy = path.join(scratch, 'same.ts');
    await writeFile(copy, committed);
    expect(
      (await generateDatabaseTypes(templateUrl(), { check: true, outFile: copy })).upToDate,
    ).toBe(true);

    const stale = path.join(scratch, 'stale.ts');
    const withoutColumn = committed.replace(/^\s+owner: string;\n/m, '');
    expect(withoutColumn).not.toBe(committed);
    await writeFile(stale, withoutColumn);
    const result = await generateDatabaseTypes(templateUrl(), { check: true, outFile: stale });
    expect(result.upToDate).toBe(false);
    expect(await readFile(stale, 'utf8')).toBe(withoutColumn);
  });
});

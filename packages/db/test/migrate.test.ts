import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';

import { createDb } from '../src/client.ts';
import { isSchemaCurrent, migrateToLatest } from '../src/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

describe('migrations', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(inject('databaseAdminUrl'));
  });
  afterAll(() => testDb.destroy());

  it('gives every test database the current schema', async () => {
    expect(await isSchemaCurrent(testDb.db)).toBe(true);
    const tables = await testDb.db.introspection.getTables();
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining([
        'weather_cache',
        'refresh_leases',
        'provider_blocks',
        'users',
        'sessions',
        'rate_limits',
        'places',
        'preferences',
      ]),
    );
  });

  it('applies each migration once when two instances start at the same moment', async () => {
    const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
    await admin.connect();
    await admin.query('create database concurrent_start');
    await admin.end();
    const url = new URL(inject('databaseAdminUrl'));
    url.pathname = '/concurrent_start';
    const a = createDb({ connectionString: url.toString() });
    const b = createDb({ connectionString: url.toString() });
    try {
      expect(await isSchemaCurrent(a)).toBe(false);
      const [first, second] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      const applied = [...first, ...second].filter((result) => result.status === 'Success');
      expect(applied.length).toBeGreaterThan(0);
      expect(new Set(applied.map((result) => result.migrationName)).size).toBe(applied.length);
      expect(await isSchemaCurrent(b)).toBe(true);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });
});

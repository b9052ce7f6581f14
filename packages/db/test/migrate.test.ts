import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { sql } from 'kysely';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
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
        'password_resets',
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

  it('fills the new unit choices of stored preferences from the unit system they chose', async () => {
    const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
    await admin.connect();
    await admin.query('create database before_unit_choices');
    await admin.end();
    const url = new URL(inject('databaseAdminUrl'));
    url.pathname = '/before_unit_choices';
    const db = createDb({ connectionString: url.toString() });
    try {
      const migrator = new Migrator({
        db,
        provider: new FileMigrationProvider({
          fs,
          path,
          migrationFolder: path.join(
            path.dirname(fileURLToPath(import.meta.url)),
            '../src/migrations',
          ),
        }),
      });
      const before = await migrator.migrateTo('2026_12_01_0100_replace_counters_with_rate_limits');
      expect(before.error).toBeUndefined();
      const users = await sql<{ id: string; email: string }>`
        insert into users (email, password_hash)
        values ('metric@example.com', 'x'), ('imperial@example.com', 'x')
        returning id, email
      `.execute(db);
      const idOf = (email: string) => users.rows.find((row) => row.email === email)!.id;
      await sql`
        insert into preferences (user_id, units, wind_unit) values
          (${idOf('metric@example.com')}, 'metric', 'mph'),
          (${idOf('imperial@example.com')}, 'imperial', 'kn')
      `.execute(db);

      await migrateToLatest(db);
      const rows = await sql<Record<string, string | null>>`
        select u.email, p.units, p.wind_unit, p.precipitation_unit, p.pressure_unit,
               p.distance_unit, p.clock
        from preferences p join users u on u.id = p.user_id order by u.email
      `.execute(db);
      expect(rows.rows).toEqual([
        {
          email: 'imperial@example.com',
          units: 'imperial',
          windUnit: 'kn',
          precipitationUnit: 'in',
          pressureUnit: 'inHg',
          distanceUnit: 'mi',
          clock: null,
        },
        {
          email: 'metric@example.com',
          units: 'metric',
          windUnit: 'mph',
          precipitationUnit: 'mm',
          pressureUnit: 'hPa',
          distanceUnit: 'km',
          clock: null,
        },
      ]);
      await expect(sql`update preferences set pressure_unit = 'atm'`.execute(db)).rejects.toThrow(
        /check constraint/,
      );
    } finally {
      await db.destroy();
    }
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDb, sql } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { databaseTrouble, writeUnlessReadOnly } from '../src/unavailable.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseTrouble', () => {
  it.each([
    [withCode('ECONNREFUSED'), 'unreachable'],
    [withCode('57P01', 'terminating connection due to administrator command'), 'unreachable'],
    [withCode('57P03', 'the database system is starting up'), 'unreachable'],
    [withCode('08006'), 'unreachable'],
    [new Error('Connection terminated unexpectedly'), 'unreachable'],
    [new AggregateError([withCode('ECONNREFUSED')]), 'unreachable'],
    [withCode('53300', 'sorry, too many clients already'), 'busy'],
    [withCode('57014', 'canceling statement due to statement timeout'), 'busy'],
    [new Error('timeout exceeded when trying to connect'), 'busy'],
    [new Error('Query read timeout'), 'busy'],
    [new Error('wrapped', { cause: withCode('53300') }), 'busy'],
    [withCode('25006', 'cannot execute INSERT in a read-only transaction'), 'read-only'],
  ])('classifies %s as %s', (error, trouble) => {
    expect(databaseTrouble(error)).toBe(trouble);
  });

  it.each([
    withCode('23505', 'duplicate key value violates unique constraint'),
    withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
    withCode('42P01', 'relation does not exist'),
    new TypeError('a bug'),
    'a string',
    undefined,
  ])('leaves %s to the caller (not the database being away)', (error) => {
    expect(databaseTrouble(error)).toBeUndefined();
  });
});

describe('a read-only database (a failover replica, default_transaction_read_only)', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(inject('databaseAdminUrl'));
    await sql`create table notes (id int)`.execute(testDb.db);
    // New sessions of this database start read-only, as on a hot standby.
    await sql`alter database ${sql.id(new URL(testDb.connectionString).pathname.slice(1))} set default_transaction_read_only = on`.execute(
      testDb.db,
    );
  });
  afterAll(() => testDb.destroy());

  it('refuses writes with an error classified as read-only, and still answers reads', async () => {
    const fresh = createDb({ connectionString: testDb.connectionString, max: 1 });
    try {
      const error = await sql`insert into notes values (1)`.execute(fresh).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(databaseTrouble(error)).toBe('read-only');
      expect(await writeUnlessReadOnly(sql`insert into notes values (1)`.execute(fresh))).toBe(
        false,
      );
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from notes`.execute(
        fresh,
      );
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await fresh.destroy();
    }
  });

  it('lets writeUnlessReadOnly throw what is not about being read-only', async () => {
    await expect(
      writeUnlessReadOnly(sql`select * from nowhere`.execute(testDb.db)),
    ).rejects.toThrow(/nowhere/);
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDb, sql } from '@skycast/db';
import { createTestDatabase, type TestDatabase } from '@skycast/db/testing';

import { createReadiness } from '../src/readiness.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(inject('databaseAdminUrl'));
});
afterAll(() => testDb.destroy());

describe('readiness', () => {
  it('is ready with the database answering and migrated', async () => {
    const readiness = createReadiness({ db: testDb.db, reuseMs: 0 });
    expect(await readiness.check()).toEqual({ ready: true });
  });

  it('says "database busy" when no connection comes free, only after two checks in a row', async () => {
    // A pool of one whose one connection is held: reachable, but saturated.
    const db = createDb({
      connectionString: testDb.connectionString,
      max: 1,
      connectTimeoutMs: 200,
    });
    const readiness = createReadiness({ db, reuseMs: 0 });
    expect(await readiness.check()).toEqual({ ready: true });
    let release: () => void = () => undefined;
    let held: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const holder = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      held();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await holding;
    try {
      // One failed check does not flip the answer (no flapping under contention)…
      expect(await readiness.check()).toEqual({ ready: true });
      // …two in a row do.
      expect(await readiness.check()).toEqual({ ready: false, reason: 'database busy' });
      release();
      await holder;
      expect(await readiness.check()).toEqual({ ready: false, reason: 'database busy' });
      expect(await readiness.check()).toEqual({ ready: true });
    } finally {
      release();
      await holder;
      await db.destroy();
    }
  });

  it('says "database not reachable" when nothing listens at its address', async () => {
    const url = new URL(testDb.connectionString);
    url.port = '1';
    const db = createDb({ connectionString: url.toString(), connectTimeoutMs: 500 });
    try {
      const readiness = createReadiness({ db, reuseMs: 0 });
      expect(await readiness.check()).toEqual({
        ready: false,
        reason: 'database not reachable',
      });
    } finally {
      await db.destroy();
    }
  });

  it('stays ready but says so when the database refuses writes (a failover replica)', async () => {
    const name = new URL(testDb.connectionString).pathname.slice(1);
    await sql`alter database ${sql.id(name)} set default_transaction_read_only = on`.execute(
      testDb.db,
    );
    // New sessions see the setting, as every session does on a hot standby.
    const db = createDb({ connectionString: testDb.connectionString, max: 1 });
    try {
      const readiness = createReadiness({ db, reuseMs: 0 });
      expect(await readiness.check()).toEqual({ ready: true, readOnly: true });
    } finally {
      await sql`alter database ${sql.id(name)} reset default_transaction_read_only`.execute(
        testDb.db,
      );
      await db.destroy();
    }
  });

  it('says "shutting down" at once when draining, whatever the database says', async () => {
    const readiness = createReadiness({ db: testDb.db });
    expect(await readiness.check()).toEqual({ ready: true });
    readiness.startDraining();
    expect(await readiness.check()).toEqual({ ready: false, reason: 'shutting down' });
  });
});

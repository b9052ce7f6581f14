import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDb, sql, type Database, type Kysely } from '@skycast/db';

import { DatabaseUnavailable } from '../src/trpc.ts';
import { createTestApi, type TestApi } from './test-api.ts';

// A failover replica answers reads and refuses writes. The real PostgreSQL is
// made so for new sessions (`default_transaction_read_only`), and a second
// instance on a new pool sees it as an instance would after a failover.
const PASSWORD = 'correct horse battery staple';
const stored = { latitude: 45.46, longitude: 9.19 };

let api: TestApi;
let readOnlyDb: Kysely<Database>;
let readOnly: ReturnType<TestApi['instance']>;
let signedInToken: string | undefined;

beforeAll(async () => {
  api = await createTestApi();
  // Before the switch: an account with a saved place, and a forecast stored.
  const browser = api.browser();
  await browser.api.auth.signUp({ email: 'owner@example.com', password: PASSWORD });
  await browser.api.places.add({ name: 'Milan', ...stored });
  await api.caller.weather.forecast(stored);
  signedInToken = browser.jar.token;
  // Near its end, so that using it would renew it: a write the replica refuses.
  await api.db
    .updateTable('sessions')
    .set({ expiresAt: sql`now() + interval '1 hour'` })
    .execute();

  const name = new URL(api.connectionString).pathname.slice(1);
  await sql`alter database ${sql.id(name)} set default_transaction_read_only = on`.execute(api.db);
  readOnlyDb = createDb({ connectionString: api.connectionString });
  readOnly = api.instance({
    connection: { db: readOnlyDb, connectionString: api.connectionString },
  });
});

afterAll(async () => {
  const name = new URL(api.connectionString).pathname.slice(1);
  await sql`alter database ${sql.id(name)} reset default_transaction_read_only`.execute(api.db);
  await api.close();
  await readOnlyDb.destroy();
});

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

function expectReadOnlyRefusal(error: TRPCError): void {
  expect(error.code).toBe('SERVICE_UNAVAILABLE');
  expect(error).toMatchObject({ reason: 'DATABASE_READ_ONLY' });
  expect(error.message).toMatch(/only reads work/);
  expect(error.cause).toBeInstanceOf(DatabaseUnavailable);
  expect((error.cause as DatabaseUnavailable).retryAfterSeconds).toBe(30);
}

function signedIn() {
  const browser = readOnly.browser();
  browser.jar.token = signedInToken;
  return browser;
}

describe('a read-only database (failover replica)', () => {
  it('refuses sign-up and sign-in with 503 DATABASE_READ_ONLY, never a 500', async () => {
    expectReadOnlyRefusal(
      await errorOf(
        readOnly.browser().api.auth.signUp({ email: 'new@example.com', password: PASSWORD }),
      ),
    );
    expectReadOnlyRefusal(
      await errorOf(
        readOnly.browser().api.auth.signIn({ email: 'owner@example.com', password: PASSWORD }),
      ),
    );
  });

  it('refuses saving a place, and a forecast that would have to be stored', async () => {
    expectReadOnlyRefusal(
      await errorOf(signedIn().api.places.add({ name: 'Oslo', latitude: 59.91, longitude: 10.75 })),
    );
    expectReadOnlyRefusal(
      await errorOf(readOnly.caller.weather.forecast({ latitude: -1.29, longitude: 36.82 })),
    );
  });

  it('keeps reads working: a stored forecast, the signed-in user and their places', async () => {
    const forecast = await readOnly.caller.weather.forecast(stored);
    expect(forecast.current.weatherCode).toBeLessThanOrEqual(99);
    const browser = signedIn();
    expect(await browser.api.auth.me()).toMatchObject({ email: 'owner@example.com' });
    expect((await browser.api.places.list()).map((place) => place.name)).toEqual(['Milan']);
    // The session was due for renewal; it could not be stored, so no new cookie was sent.
    expect(browser.jar.expiresAt).toBeUndefined();
  });

  it('serves a stored forecast past its freshness marked stale, instead of refusing it', async () => {
    await api.db
      .updateTable('weatherCache')
      .set({
        fetchedAt: sql`fetched_at - interval '2 hours'`,
        freshUntil: sql`fresh_until - interval '2 hours'`,
      })
      .where('resource', '=', 'forecast')
      .execute();
    // A new instance: nothing of it kept in memory.
    const fresh = api.instance({
      connection: { db: readOnlyDb, connectionString: api.connectionString },
    });
    const forecast = await fresh.caller.weather.forecast(stored);
    expect(forecast.stale).toBe(true);
  });
});

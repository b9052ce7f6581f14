import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '@skycast/vitest-config/testing';

import { createDb, sql, type Database, type Kysely } from '@skycast/db';

import { ClientError } from '../src/client-error.ts';
import { createTestApi, type TestApi } from './test-api.ts';

// Each trouble a person may meet carries its reason and the values its words
// take, so that any client can say it in the reader's language from the
// error catalogue; the English message is the catalogue's English.
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());
afterEach(() => api.stub.setFault(null));

async function refusalOf(promise: Promise<unknown>): Promise<ClientError> {
  const error = await rejectionOf(promise, TRPCError);
  expect(error).toBeInstanceOf(ClientError);
  return error as ClientError;
}

describe('provider trouble, through the local provider', () => {
  it.each([
    ['refuses connections', { mode: 'down' as const }, 'BAD_GATEWAY', 'PROVIDER_TROUBLE', {}],
    [
      'answers slower than the timeout',
      { mode: 'slow' as const, delayMs: 3_000 },
      'GATEWAY_TIMEOUT',
      'PROVIDER_TIMEOUT',
      {},
    ],
    [
      'answers 429 with Retry-After: 30',
      { mode: 'rate-limit' as const, retryAfter: '30' },
      'TOO_MANY_REQUESTS',
      'PROVIDER_BUSY',
      { unit: 'seconds' },
    ],
  ])(
    'a provider that %s (%j) answers %s with the reason %s',
    async (_name, fault, code, reason, values) => {
      api.stub.setFault(fault);
      const { caller } = api.instance({ timeoutMs: 300 });
      const error = await refusalOf(
        caller.weather.forecast({ latitude: -41.29, longitude: 174.78 }),
      );
      expect(error.code).toBe(code);
      expect(error.reason).toBe(reason);
      expect(error.values).toMatchObject(values);
      expect(error.message).toMatch(/^The weather service /);
    },
  );
});

describe('database trouble', () => {
  it('a database that cannot be reached gives DATABASE_UNAVAILABLE, retry in 5 seconds', async () => {
    const unreachable = 'postgres://nobody:wrong@127.0.0.1:1/none';
    const db = createDb({ connectionString: unreachable });
    try {
      const { browser } = api.instance({ connection: { db, connectionString: unreachable } });
      const error = await refusalOf(
        browser().api.auth.signIn({ email: 'ada@example.com', password: 'a long password' }),
      );
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.reason).toBe('DATABASE_UNAVAILABLE');
      expect(error.values).toEqual({ seconds: 5 });
      expect(error.message).toBe(
        'Our database cannot be reached right now. Please try again in 5 seconds.',
      );
    } finally {
      await db.destroy();
    }
  });

  it('a read-only database (failover replica) gives DATABASE_READ_ONLY, retry in 30 seconds', async () => {
    const name = new URL(api.connectionString).pathname.slice(1);
    await sql`alter database ${sql.id(name)} set default_transaction_read_only = on`.execute(
      api.db,
    );
    const readOnlyDb: Kysely<Database> = createDb({ connectionString: api.connectionString });
    try {
      const { browser } = api.instance({
        connection: { db: readOnlyDb, connectionString: api.connectionString },
      });
      const error = await refusalOf(
        browser().api.auth.signUp({ email: 'new@example.com', password: 'a long password' }),
      );
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.reason).toBe('DATABASE_READ_ONLY');
      expect(error.values).toEqual({ seconds: 30 });
    } finally {
      await sql`alter database ${sql.id(name)} reset default_transaction_read_only`.execute(api.db);
      await readOnlyDb.destroy();
    }
  });
});

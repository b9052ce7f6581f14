import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDb } from '@skycast/db';

import { startTcpProxy } from './tcp-proxy.ts';
import { createTestApi, type TestApi } from './test-api.ts';

const MINUTE = 60_000;
let api: TestApi;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
const clock = { offsetMs: 0 };
let instance: ReturnType<TestApi['instance']>;

beforeAll(async () => {
  api = await createTestApi();
  const target = new URL(api.connectionString);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const viaProxy = new URL(api.connectionString);
  viaProxy.port = String(proxy.port);
  const connectionString = viaProxy.toString();
  instance = api.instance({
    now: () => new Date(Date.now() + clock.offsetMs),
    connection: {
      db: createDb({ connectionString, onPoolError: () => undefined }),
      connectionString,
    },
  });
});
afterAll(async () => {
  proxy.restore();
  await api.close();
  await proxy.close();
});

describe('weather kept in memory', () => {
  it('keeps serving a forecast while the database is away, marked stale once past fresh', async () => {
    const place = { latitude: 35.68, longitude: 139.69 };
    const fresh = await instance.caller.weather.forecast(place);
    expect(fresh.stale).toBe(false);

    proxy.cut();
    try {
      // Still fresh: answered from memory, no database needed.
      const during = await instance.caller.weather.forecast(place);
      expect(during.stale).toBe(false);
      expect(during.fetchedAt).toBe(fresh.fetchedAt);

      // Past its ten fresh minutes with the database still away: the kept copy, marked stale.
      clock.offsetMs = 11 * MINUTE;
      const later = await instance.caller.weather.forecast(place);
      expect(later.stale).toBe(true);
      expect(later.fetchedAt).toBe(fresh.fetchedAt);
    } finally {
      proxy.restore();
      clock.offsetMs = 0;
    }
  });

  it('fails cleanly for a place it has never seen while the database is away', async () => {
    proxy.cut();
    try {
      await expect(
        instance.caller.weather.forecast({ latitude: -33.87, longitude: 151.21 }),
      ).rejects.toThrow();
    } finally {
      proxy.restore();
    }
  });
});

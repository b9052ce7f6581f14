import { createServer, type Server } from 'node:http';

import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, inject } from 'vitest';

import { createServices, type ServiceDependencies } from '@skycast/api';
import type { Database, Kysely } from '@skycast/db';
import { createTestDatabase } from '@skycast/db/testing';
import { createOpenMeteo } from '@skycast/weather';
import { startWeatherStub } from '@skycast/weather-stub';

import { createApp, type AppOptions } from '../src/app.ts';

export interface TestServerOptions {
  /** Silent unless a test reads the log. */
  logger?: Logger;
  /** Service settings beyond the database, provider and logger (e.g. `throttle`). */
  services?: Partial<ServiceDependencies>;
}

/**
 * What the HTTP tests run against: a migrated database of their own, the
 * provider stub over real HTTP, the services wired as in production, and
 * `start()` for as many app instances on them as a test needs.
 *
 * @example
 * const world = await startTestServer();
 * const url = await world.start({ publicOrigin: 'https://skycast.example' });
 */
export async function startTestServer(options: TestServerOptions = {}) {
  const logger = options.logger ?? pino({ level: 'silent' });
  const testDb = await createTestDatabase(inject('databaseAdminUrl'));
  const stub = await startWeatherStub();
  const provider = createOpenMeteo({
    forecastUrl: stub.url,
    geocodingUrl: stub.url,
    airQualityUrl: stub.url,
  });
  const { db, connectionString } = testDb;
  const services = createServices({ db, connectionString, provider, logger, ...options.services });
  const servers: Server[] = [];

  /** Starts an app on a free loopback port and gives its base URL. */
  function start(appOptions: Partial<AppOptions> = {}): Promise<string> {
    const app = createApp({ services, logger, ...appOptions });
    return new Promise((resolve) => {
      const server = createServer(app).listen(0, '127.0.0.1', () => {
        const address = server.address();
        if (address && typeof address === 'object') resolve(`http://127.0.0.1:${address.port}`);
      });
      servers.push(server);
    });
  }

  /**
   * An app with services of its own over another database (an unreachable or
   * an unmigrated one); `close()` stops both, before the caller drops `db`.
   */
  async function startOn(otherDb: Kysely<Database>, otherUrl: string) {
    const own = createServices({ db: otherDb, connectionString: otherUrl, provider, logger });
    const url = await start({ services: own });
    const server = servers.at(-1);
    return {
      url,
      async close(): Promise<void> {
        servers.splice(servers.indexOf(server!), 1);
        await new Promise((done) => server?.close(done));
        await own.close();
      },
    };
  }

  return {
    db,
    stub,
    services,
    start,
    startOn,
    async close(): Promise<void> {
      await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
      await services.close();
      await stub.close();
      await testDb.destroy();
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * {@link startTestServer} for a whole test file: started before its tests,
 * one app listening at `url`, closed after them.
 *
 * @example
 * const server = testServerForFile();
 * it('…', async () => fetch(`${server.url}/livez`));
 */
export function testServerForFile(
  options: TestServerOptions & { app?: Parameters<TestServer['start']>[0] } = {},
) {
  const handle = { world: undefined as unknown as TestServer, url: '' };
  beforeAll(async () => {
    handle.world = await startTestServer(options);
    handle.url = await handle.world.start(options.app);
  });
  afterAll(() => handle.world.close());
  return handle;
}

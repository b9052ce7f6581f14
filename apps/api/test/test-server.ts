import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, inject } from 'vitest';

import { createServices, type ServiceDependencies } from '@skycast/api';
import { createTestDatabase } from '@skycast/db/testing';
import {
  createMeteoAlarm,
  createNominatim,
  createNws,
  createOpenMeteo,
  createOpenMeteoArchive,
  createOpenMeteoConfidence,
} from '@skycast/weather';
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
  const archive = createOpenMeteoArchive({ archiveUrl: stub.url });
  const alertsProviders = [
    createNws({ baseUrl: stub.url, userAgent: 'skycast tests' }),
    createMeteoAlarm({ baseUrl: stub.url }),
  ];
  const reverseGeocoder = createNominatim({ baseUrl: stub.url, userAgent: 'skycast tests' });
  // As production wires it (apps/api/src/main.ts): confidence from Open-Meteo's other APIs.
  const confidence = createOpenMeteoConfidence({
    forecastUrl: stub.url,
    ensembleUrl: stub.url,
    previousRunsUrl: stub.url,
  });
  const { db, connectionString } = testDb;
  const services = createServices({
    db,
    connectionString,
    provider,
    archive,
    alertsProviders,
    reverseGeocoder,
    confidence,
    logger,
    ...options.services,
  });
  const servers: Server[] = [];
  const instances = new Set<{ close(): Promise<void> }>();

  /** Starts an app on a free loopback port: its server, port and base URL. */
  function listen(appOptions: Partial<AppOptions> = {}) {
    const app = createApp({ services, logger, ...appOptions });
    return new Promise<{ server: Server; port: number; url: string }>((resolve) => {
      const server = createServer(app).listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        resolve({ server, port, url: `http://127.0.0.1:${port}` });
      });
      servers.push(server);
    });
  }

  /** Starts an app on a free loopback port and gives its base URL. */
  async function start(appOptions: Partial<AppOptions> = {}): Promise<string> {
    return (await listen(appOptions)).url;
  }

  /**
   * An app with services of its own: on another database (an unreachable or
   * an unmigrated one, or this one with a plugin) or with other settings
   * (`now`, `metrics`). `close()` stops both, before the caller drops its `db`.
   */
  async function startWith(
    dependencies: Partial<ServiceDependencies>,
    appOptions: Partial<AppOptions> = {},
  ) {
    const own = createServices({
      db,
      connectionString,
      provider,
      archive,
      alertsProviders,
      reverseGeocoder,
      confidence,
      logger,
      ...dependencies,
    });
    const { server, url } = await listen({ ...appOptions, services: own });
    const instance = {
      url,
      services: own,
      async close(): Promise<void> {
        instances.delete(instance);
        servers.splice(servers.indexOf(server), 1);
        await closeServer(server);
        await own.close();
      },
    };
    instances.add(instance);
    return instance;
  }

  return {
    db,
    connectionString,
    stub,
    services,
    listen,
    start,
    startWith,
    async close(): Promise<void> {
      for (const instance of [...instances]) await instance.close();
      await Promise.all(servers.map(closeServer));
      await services.close();
      await stub.close();
      await testDb.destroy();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => server.close(() => done()));
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

import { inject } from 'vitest';

import { createTestDatabase } from '@skycast/db/testing';
import { createOpenMeteo } from '@skycast/weather';
import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { silentLogger } from '../src/logger.ts';
import { appRouter } from '../src/root.ts';
import { createServices } from '../src/services.ts';
import { createCallerFactory, createTRPCContext } from '../src/trpc.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * A caller wired like production: its own migrated database, and Open-Meteo
 * pointed at the local provider over real HTTP.
 */
export async function createTestApi(options: { timeoutMs?: number } = {}) {
  const testDb = await createTestDatabase(inject('databaseAdminUrl'));
  const stub: WeatherStub = await startWeatherStub();
  const provider = createOpenMeteo({
    forecastUrl: stub.url,
    geocodingUrl: stub.url,
    airQualityUrl: stub.url,
    timeoutMs: options.timeoutMs ?? 1_000,
  });
  const services = createServices({ db: testDb.db, provider, logger: silentLogger });
  const caller = createCaller(
    createTRPCContext({ services, logger: silentLogger, requestId: 'test-request' }),
  );
  return {
    caller,
    stub,
    db: testDb.db,
    services,
    async close() {
      await stub.close();
      await testDb.destroy();
    },
  };
}
export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

import { inject } from 'vitest';

import { createTestDatabase } from '@skycast/db/testing';
import { createOpenMeteo } from '@skycast/weather';
import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { silentLogger } from '../src/logger.ts';
import { appRouter } from '../src/root.ts';
import { createServices, type ServiceDependencies } from '../src/services.ts';
import { createCallerFactory, createTRPCContext } from '../src/trpc.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * A caller wired like production: its own migrated database, and Open-Meteo
 * pointed at the local provider over real HTTP.
 */
export async function createTestApi(
  options: {
    timeoutMs?: number;
    now?: () => Date;
    quotas?: ServiceDependencies['quotas'];
    resilience?: ServiceDependencies['resilience'];
  } = {},
) {
  const testDb = await createTestDatabase(inject('databaseAdminUrl'));
  const stub: WeatherStub = await startWeatherStub();
  const provider = createOpenMeteo({
    forecastUrl: stub.url,
    geocodingUrl: stub.url,
    airQualityUrl: stub.url,
    timeoutMs: options.timeoutMs ?? 1_000,
  });
  const services = await createServices({
    db: testDb.db,
    connectionString: testDb.connectionString,
    provider,
    logger: silentLogger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.quotas ? { quotas: options.quotas } : {}),
    // Tests that are not about the breaker must not trip it by failing on purpose.
    resilience: { retryDelayMs: 10, breakerThreshold: 1_000, ...options.resilience },
  });
  const caller = createCaller(
    createTRPCContext({ services, logger: silentLogger, requestId: 'test-request' }),
  );
  return {
    caller,
    stub,
    db: testDb.db,
    connectionString: testDb.connectionString,
    services,
    async close() {
      await services.close();
      await stub.close();
      await testDb.destroy();
    },
  };
}
export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

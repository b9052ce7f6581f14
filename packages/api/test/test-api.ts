import type { TRPCError } from '@trpc/server';
import { inject } from 'vitest';
import { ZodError } from 'zod';

import { createTestDatabase } from '@skycast/db/testing';
import {
  createMeteoAlarm,
  createNominatim,
  createNws,
  createOneCallAlerts,
  createOpenMeteo,
  createOpenMeteoConfidence,
  createOpenMeteoArchive,
  createOpenWeather,
} from '@skycast/weather';
import { startWeatherStub } from '@skycast/weather-stub';

import { issueText } from '../src/i18n/error-messages.ts';
import { silentLogger } from '../src/logger.ts';
import { appRouter } from '../src/root.ts';
import { createServices, type ServiceDependencies } from '../src/services.ts';
import { createCallerFactory, createTRPCContext } from '../src/trpc.ts';

const createCaller = createCallerFactory(appRouter);

let browsers = 0;
/** Addresses from 10.0.0.0/8, one per test browser, so per-address limits see separate people. */
const nextBrowserAddress = () => {
  const n = ++browsers;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

export interface InstanceOptions {
  /** The provider's per-call timeout; generous by default so a loaded machine passes. */
  timeoutMs?: number;
  now?: () => Date;
  quotas?: ServiceDependencies['quotas'];
  resilience?: ServiceDependencies['resilience'];
  provider?: 'open-meteo' | 'openweather';
  /** With `provider: 'openweather'`: warnings from One Call instead of the NWS and MeteoAlarm. */
  oneCall?: boolean;
  throttle?: ServiceDependencies['throttle'];
  maxSessions?: number;
  resetMailer?: ServiceDependencies['resetMailer'];
  newPlacesPerMinute?: number;
  /** Watches and Web Push settings (push service origins, VAPID keys). */
  watches?: ServiceDependencies['watches'];
  /** Another way to the same database (e.g. through a proxy a test can cut). */
  connection?: { db: ServiceDependencies['db']; connectionString: string };
}

/**
 * What a refusal says in English, as the error formatter words it for a caller
 * over HTTP: a caller made with `createCaller` gets zod's issues with their
 * catalogue keys (`input.…`), worded here.
 */
export function wordsOf(error: TRPCError): string {
  if (!(error.cause instanceof ZodError)) return error.message;
  return error.cause.issues
    .map((issue) => `${issue.path.join('.')}: ${issueText('en', issue)}`)
    .join('; ');
}

/**
 * A caller wired like production: its own migrated database, and Open-Meteo
 * pointed at the local provider over real HTTP. `instance()` adds another API
 * instance on the same database and provider, as a second process would be.
 */
export async function createTestApi(options: InstanceOptions = {}) {
  const testDb = await createTestDatabase(inject('databaseAdminUrl'));
  const stub = await startWeatherStub();
  const instances: { close(): Promise<void> }[] = [];

  function instance(overrides: InstanceOptions = {}) {
    const settings = { ...options, ...overrides };
    const timeoutMs = settings.timeoutMs ?? 10_000;
    const provider =
      settings.provider === 'openweather'
        ? createOpenWeather({ baseUrl: stub.url, apiKey: 'test-key', timeoutMs })
        : createOpenMeteo({
            forecastUrl: stub.url,
            geocodingUrl: stub.url,
            airQualityUrl: stub.url,
            timeoutMs,
          });
    const alertsProviders =
      settings.provider === 'openweather' && settings.oneCall
        ? [createOneCallAlerts({ baseUrl: stub.url, apiKey: 'test-key', timeoutMs })]
        : [
            createNws({ baseUrl: stub.url, userAgent: 'skycast tests', timeoutMs }),
            createMeteoAlarm({ baseUrl: stub.url, timeoutMs }),
          ];
    const services = createServices({
      db: settings.connection?.db ?? testDb.db,
      connectionString: settings.connection?.connectionString ?? testDb.connectionString,
      provider,
      archive: createOpenMeteoArchive({ archiveUrl: stub.url, timeoutMs }),
      alertsProviders,
      reverseGeocoder: createNominatim({
        baseUrl: stub.url,
        userAgent: 'skycast tests',
        timeoutMs,
      }),
      confidence: createOpenMeteoConfidence({
        forecastUrl: stub.url,
        ensembleUrl: stub.url,
        previousRunsUrl: stub.url,
        timeoutMs,
      }),
      logger: silentLogger,
      ...(settings.now ? { now: settings.now } : {}),
      ...(settings.quotas ? { quotas: settings.quotas } : {}),
      ...(settings.throttle ? { throttle: settings.throttle } : {}),
      ...(settings.maxSessions ? { maxSessions: settings.maxSessions } : {}),
      ...(settings.resetMailer ? { resetMailer: settings.resetMailer } : {}),
      ...(settings.watches ? { watches: settings.watches } : {}),
      ...(settings.newPlacesPerMinute ? { newPlacesPerMinute: settings.newPlacesPerMinute } : {}),
      // Tests that are not about the breaker must not trip it by failing on purpose.
      resilience: { retryDelayMs: 10, breakerThreshold: 1_000, ...settings.resilience },
    });
    instances.push(services);
    const caller = createCaller(
      createTRPCContext({ services, logger: silentLogger, requestId: 'test-request' }),
    );
    /**
     * A browser with its own cookie jar and, unless told, its own address:
     * every `.api` is a new request carrying the session cookie the previous
     * answers set.
     */
    function browser(client: { ip?: string } = {}) {
      const ip = client.ip ?? nextBrowserAddress();
      const jar: { token: string | undefined; expiresAt: Date | undefined } = {
        token: undefined,
        expiresAt: undefined,
      };
      return {
        jar,
        get api() {
          return createCaller(
            createTRPCContext({
              services,
              logger: silentLogger,
              requestId: 'test-request',
              clientIp: ip,
              sessionCookie: {
                get token() {
                  return jar.token;
                },
                set(token, expiresAt) {
                  jar.token = token;
                  jar.expiresAt = expiresAt;
                },
                clear() {
                  jar.token = undefined;
                  jar.expiresAt = undefined;
                },
              },
            }),
          );
        },
      };
    }
    return { caller, services, browser };
  }

  const main = instance();
  return {
    ...main,
    instance,
    stub,
    db: testDb.db,
    connectionString: testDb.connectionString,
    async close() {
      await Promise.all(instances.map((services) => services.close()));
      await stub.close();
      await testDb.destroy();
    },
  };
}
export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

import type { Database, Kysely } from '@skycast/db';
import type { AlertsProvider, OpenMeteoArchive, WeatherProvider } from '@skycast/weather';

import { createAccountsService, type AccountsService } from './accounts/accounts-service.ts';
import type { ThrottleRules } from './accounts/login-throttle.ts';
import type { Logger } from './logger.ts';
import type { ApiMetrics } from './metrics.ts';
import {
  createNormalsService,
  inProcessNormalsQueue,
  type NormalsService,
} from './normals/normals-service.ts';
import { createRateLimiter, sharedLimiter, type RateLimiter } from './rate-limit.ts';
import { createProviderGate, type QuotaWindow } from './weather/provider-gate.ts';
import { createRefreshCoordinator } from './weather/refresh-coordinator.ts';
import { createWeatherCache } from './weather/weather-cache.ts';
import { createWeatherService, type WeatherService } from './weather/weather-service.ts';

export interface ServiceDependencies {
  db: Kysely<Database>;
  /** The same database, for the dedicated LISTEN connection. */
  connectionString: string;
  provider: WeatherProvider;
  /** Open-Meteo's historical archive: climate normals, fetched once per cell (its budget is `quotas['open-meteo']`). */
  archive: OpenMeteoArchive;
  /** Severe-weather warning services, in the order they are tried for a point. */
  alertsProviders?: readonly AlertsProvider[];
  logger: Logger;
  /** Call budgets per provider id, shared by every instance on the database. */
  quotas?: Record<string, QuotaWindow[]>;
  now?: () => Date;
  /** Sign-in throttling; the defaults lock after 10 tries per account, 50 per address, in 10 minutes. */
  throttle?: ThrottleRules;
  /** Where cache answers and provider calls are counted; default: nowhere. */
  metrics?: ApiMetrics;
  /**
   * Per client and minute: how many places nobody asked about lately it may
   * make us fetch from the provider (default 60), across instances.
   */
  newPlacesPerMinute?: number;
  /** Bytes of decoded weather kept in each instance's memory (default 64 MiB). */
  weatherMemoryBytes?: number;
  /** Resilience tuning; the defaults suit production. */
  resilience?: {
    breakerThreshold?: number;
    breakerHalfOpenAfterMs?: number;
    retryDelayMs?: number;
  };
}

/** Long-lived objects shared by every request: built once at start-up. */
export interface Services {
  db: Kysely<Database>;
  weather: WeatherService;
  /** Daily climate normals per 0.1° cell, read from the table; fetched in the background. */
  normals: NormalsService;
  /** Accounts and sessions: the only way into `users` and `sessions`. */
  accounts: AccountsService;
  /** Per-procedure request limits, per instance or shared by scope (see `meta.rateLimit`). */
  rateLimiter: RateLimiter;
  /**
   * Calls `listener` when any instance stored a newer weather entry (id as in
   * `ServedEntry.id`), so copies of answers made from an older one can go.
   */
  onWeatherStored(listener: (id: string, storedAt: Date) => void): void;
  /** Resolves when background cache refreshes started so far are done. */
  settled(): Promise<void>;
  /** Stops the LISTEN connection; the pool belongs to the caller. */
  close(): Promise<void>;
}

/**
 * Wires the API's services. The server calls it once; tests call it with a
 * test database and a provider pointed at the local stub.
 *
 * @example
 * const services = createServices({ db, connectionString, provider, logger });
 */
export function createServices(deps: ServiceDependencies): Services {
  const gate = createProviderGate({
    db: deps.db,
    logger: deps.logger,
    quotas: deps.quotas ?? {},
    ...deps.resilience,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const coordinator = createRefreshCoordinator({
    db: deps.db,
    connectionString: deps.connectionString,
    logger: deps.logger,
  });
  const cache = createWeatherCache({
    db: deps.db,
    gate,
    coordinator,
    logger: deps.logger,
    newEntryBudget: sharedLimiter(deps.db, {
      name: 'new-places',
      points: deps.newPlacesPerMinute ?? 60,
      windowSeconds: 60,
    }),
    ...(deps.weatherMemoryBytes ? { memoryBytes: deps.weatherMemoryBytes } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const normals = createNormalsService({
    db: deps.db,
    gate,
    archive: deps.archive,
    logger: deps.logger,
  });
  const normalsQueue = inProcessNormalsQueue((cell) => normals.fetchCell(cell), deps.logger);
  normals.useQueue(normalsQueue);
  return {
    db: deps.db,
    normals,
    weather: createWeatherService({
      provider: deps.provider,
      ...(deps.alertsProviders ? { alertsProviders: deps.alertsProviders } : {}),
      cache,
      ...(deps.now ? { now: deps.now } : {}),
    }),
    accounts: createAccountsService({
      db: deps.db,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.throttle ? { throttle: deps.throttle } : {}),
    }),
    rateLimiter: createRateLimiter({ db: deps.db }),
    onWeatherStored: (listener) => coordinator.onStored(listener),
    settled: () => Promise.all([cache.settled(), normalsQueue.settled()]).then(() => undefined),
    async close() {
      // Stop listening first: on shutdown the database may go away while the
      // last refreshes settle, and they fall back to polling for the rows.
      const listening = coordinator.close();
      await Promise.all([cache.settled(), normalsQueue.settled()]);
      await listening;
    },
  };
}

import type { Database, Kysely } from '@skycast/db';
import type {
  AlertsProvider,
  OpenMeteoArchive,
  OpenMeteoConfidence,
  ReverseGeocoder,
  WeatherProvider,
} from '@skycast/weather';

import { createAccountsService, type AccountsService } from './accounts/accounts-service.ts';
import { createSessionMemory } from './accounts/session-memory.ts';
import { clientKeys } from './client-key.ts';
import type { ThrottleRules } from './accounts/login-throttle.ts';
import type { ResetMailer } from './accounts/reset-mail.ts';
import type { Logger } from './logger.ts';
import type { ApiMetrics } from './metrics.ts';
import { createUserMemory, type UserMemory } from './user-memory.ts';
import { createNormalsService, type NormalsService } from './normals/normals-service.ts';
import {
  createSeasonPrecipitation,
  type SeasonPrecipitationService,
} from './normals/season-precipitation.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { createConfidenceService, type ConfidenceService } from './weather/confidence-service.ts';
import {
  runNightlySkill,
  scheduleNightlySkill,
  type NightlySkillOptions,
  type NightlySkillResult,
} from './weather/forecast-skill.ts';
import { bucketFor, createNewPlacesBudget } from './weather/new-places-budget.ts';
import { createProviderGate, type QuotaWindow } from './weather/provider-gate.ts';
import { createRefreshCoordinator } from './weather/refresh-coordinator.ts';
import { createWeatherCache } from './weather/weather-cache.ts';
import { createWeatherService, type WeatherService } from './weather/weather-service.ts';
import {
  createWatchServices,
  type WatchServices,
  type WatchSettings,
} from './watches/watch-services.ts';

export interface ServiceDependencies {
  db: Kysely<Database>;
  /** The same database, for the dedicated LISTEN connection. */
  connectionString: string;
  provider: WeatherProvider;
  /** Open-Meteo's historical archive: climate normals, fetched once per cell (its budget is `quotas['open-meteo']`). */
  archive: OpenMeteoArchive;
  /** Severe-weather warning services, in the order they are tried for a point. */
  alertsProviders?: readonly AlertsProvider[];
  /** Names the place at a point; without one, located places keep their coordinates. */
  reverseGeocoder?: ReverseGeocoder;
  /** Open-Meteo's ensemble, multi-model and previous-runs APIs; without it, no confidence layer. */
  confidence?: OpenMeteoConfidence;
  logger: Logger;
  /** Call budgets per provider id, shared by every instance on the database. */
  quotas?: Record<string, QuotaWindow[]>;
  now?: () => Date;
  /** Sign-in throttling; the defaults lock after 10 tries per account, 50 per address, in 10 minutes. */
  throttle?: ThrottleRules;
  /** Live sessions per account before the oldest ends (default 20). */
  maxSessions?: number;
  /** Sends password-reset links (`createResetMailer`); default: written to the log. */
  resetMailer?: ResetMailer;
  /** Where users reach the app, for links in emails (default http://localhost:3000). */
  publicOrigin?: string;
  /** Where cache answers and provider calls are counted; default: nowhere. */
  metrics?: ApiMetrics;
  /**
   * Per client: how many places nobody asked about lately it may make us
   * fetch from the provider at once (default 60), across instances; its
   * bucket then fills again at no more than a fair share of the provider's
   * budget (see `new-places-budget.ts`).
   */
  newPlacesPerMinute?: number;
  /** Bytes of decoded weather kept in each instance's memory (default 64 MiB). */
  weatherMemoryBytes?: number;
  /** Bytes of the watch rounds' forecast slices kept in each instance's memory (default 192 MiB). */
  watchSliceBytes?: number;
  /** How many leading bits of an IPv6 address name one client in every limit (default 64). */
  ipv6ClientPrefix?: number;
  /** Watches and Web Push; the defaults accept the known push services and make VAPID keys in the database. */
  watches?: WatchSettings;
  /** Resilience tuning; the defaults suit production. */
  resilience?: {
    breakerThreshold?: number;
    breakerHalfOpenAfterMs?: number;
    retryDelayMs?: number;
  };
}

/** A saved place as `places.list` answers it. */
export interface PlaceRow {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  country: string | null;
  timezone: string | null;
  position: number;
}

/** Every instance LISTENs here; the payload is the id of the user whose places changed. */
export const PLACES_CHANNEL = 'skycast_places_changed';

/** Long-lived objects shared by every request: built once at start-up. */
export interface Services {
  db: Kysely<Database>;
  weather: WeatherService;
  /** How sure the forecast is; null when no confidence client is configured. */
  confidence: ConfidenceService | null;
  /**
   * The nightly skill job (null without a confidence client): `run` judges
   * tonight's cells now; `schedule` starts the nightly timer and returns its stop.
   */
  nightlySkill: { run(): Promise<NightlySkillResult>; schedule(): () => void } | null;
  /** Daily climate normals per 0.1° cell, read from the table; fetched by the job queue once it starts. */
  normals: NormalsService & {
    /** This season's precipitation so far against normal (ERA5-Land both; one cached archive call). */
    seasonPrecipitation: SeasonPrecipitationService;
  };
  /** Accounts and sessions: the only way into `users` and `sessions`. */
  accounts: AccountsService;
  /** Watches and Web Push: settings, keys, and the job queue once it is started. */
  watches: WatchServices;
  /** Each user's places, kept per instance and dropped on every instance when they change. */
  placesMemory?: UserMemory<readonly PlaceRow[]>;
  /** Per-procedure request limits, per instance or shared by scope (see `meta.rateLimit`). */
  rateLimiter: RateLimiter;
  /**
   * The key every per-client limit counts a caller's address under (IPv6 cut
   * to its /64, or the configured prefix); null for a caller without one.
   */
  clientKeyOf(address: string | null | undefined): string | null;
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
    newEntryBudget: createNewPlacesBudget(
      deps.db,
      bucketFor(deps.newPlacesPerMinute ?? 60, deps.quotas?.[deps.provider.id] ?? []),
    ),
    ...(deps.weatherMemoryBytes ? { memoryBytes: deps.weatherMemoryBytes } : {}),
    ...(deps.watchSliceBytes ? { viewBytes: deps.watchSliceBytes } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const skillOptions: NightlySkillOptions | null = deps.confidence
    ? {
        db: deps.db,
        gate,
        client: deps.confidence,
        logger: deps.logger,
        ...(deps.now ? { now: deps.now } : {}),
      }
    : null;
  const sessionMemory = createSessionMemory({
    connectionString: deps.connectionString,
    logger: deps.logger,
  });
  const placesMemory = createUserMemory<readonly PlaceRow[]>({
    channel: PLACES_CHANNEL,
    connectionString: deps.connectionString,
    logger: deps.logger,
    sizeOf: (places) =>
      64 +
      places.reduce(
        (sum, place) => sum + 200 + (place.name.length + (place.timezone?.length ?? 0)) * 2,
        0,
      ),
  });
  const normals = {
    ...createNormalsService({ db: deps.db, gate, archive: deps.archive, logger: deps.logger }),
    seasonPrecipitation: createSeasonPrecipitation({
      db: deps.db,
      cache,
      archive: deps.archive,
      ...(deps.now ? { now: deps.now } : {}),
    }),
  };
  return {
    db: deps.db,
    placesMemory,
    normals,
    weather: createWeatherService({
      provider: deps.provider,
      ...(deps.alertsProviders ? { alertsProviders: deps.alertsProviders } : {}),
      ...(deps.reverseGeocoder ? { reverseGeocoder: deps.reverseGeocoder } : {}),
      cache,
      ...(deps.now ? { now: deps.now } : {}),
    }),
    confidence: deps.confidence
      ? createConfidenceService({ client: deps.confidence, cache, db: deps.db })
      : null,
    nightlySkill: skillOptions
      ? {
          run: () => runNightlySkill(skillOptions),
          schedule: () => scheduleNightlySkill(skillOptions),
        }
      : null,
    accounts: createAccountsService({
      db: deps.db,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.throttle ? { throttle: deps.throttle } : {}),
      ...(deps.maxSessions ? { maxSessions: deps.maxSessions } : {}),
      ...(deps.resetMailer ? { resetMailer: deps.resetMailer } : {}),
      ...(deps.publicOrigin ? { publicOrigin: deps.publicOrigin } : {}),
      logger: deps.logger,
      sessionMemory,
    }),
    watches: createWatchServices(deps.db, deps.watches ?? {}),
    rateLimiter: createRateLimiter({ db: deps.db }),
    clientKeyOf: clientKeys(deps.ipv6ClientPrefix),
    onWeatherStored: (listener) => coordinator.onStored(listener),
    settled: () => cache.settled(),
    async close() {
      // Stop listening first: on shutdown the database may go away while the
      // last refreshes settle, and they fall back to polling for the rows.
      const listening = Promise.all([
        coordinator.close(),
        sessionMemory.close(),
        placesMemory.close(),
      ]);
      await cache.settled();
      await listening;
    },
  };
}

import type { ColumnType, Insertable, Selectable } from 'kysely';

/** Timestamps are written as `Date` or ISO strings and read back as `Date`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type CachedResource = 'forecast' | 'air-quality' | 'geocoding';

/**
 * Everything fetched from a weather provider, one row per provider, resource
 * and key (a ~1 km cell for forecasts and air quality, the normalised query
 * for geocoding). Stored in the provider's canonical units; unit conversion
 * happens on read, so one row serves every user.
 */
export interface WeatherCacheTable {
  provider: string;
  resource: CachedResource;
  cacheKey: string;
  payload: ColumnType<unknown, string, string>;
  fetchedAt: Timestamp;
  freshUntil: Timestamp;
  staleUntil: Timestamp;
}

/** Who is refreshing a cache entry; a row exists only while a refresh runs. */
export interface RefreshLeaseTable {
  provider: string;
  resource: CachedResource;
  cacheKey: string;
  owner: string;
  expiresAt: Timestamp;
}

/** One window of a provider's shared token bucket. */
export interface ProviderQuotaTable {
  provider: string;
  windowSeconds: number;
  capacity: number;
  tokens: number;
  refilledAt: Timestamp;
}

/** A provider that answered 429: nobody calls it before `blockedUntil`. */
export interface ProviderBlockTable {
  provider: string;
  blockedUntil: Timestamp;
  reason: string | null;
}

export interface Database {
  weatherCache: WeatherCacheTable;
  refreshLeases: RefreshLeaseTable;
  providerQuotas: ProviderQuotaTable;
  providerBlocks: ProviderBlockTable;
}

export type WeatherCacheRow = Selectable<WeatherCacheTable>;
export type NewWeatherCacheRow = Insertable<WeatherCacheTable>;

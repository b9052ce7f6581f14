import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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

/** An account. `email` is trimmed and lower-cased; `passwordHash` is an argon2id PHC string. */
export interface UserTable {
  id: Generated<string>;
  email: string;
  passwordHash: string;
  createdAt: Generated<Date>;
  passwordChangedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A signed-in browser. Only the SHA-256 of its token is stored. */
export interface SessionTable {
  tokenHash: Buffer;
  userId: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

/** Failed sign-ins counted per key (`account:<email>` or `ip:<address>`). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  windowStartedAt: Timestamp;
  lockedUntil: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

/** A place a user keeps, in the order they chose (`position`). */
export interface PlaceTable {
  id: Generated<string>;
  userId: string;
  name: string;
  latitude: number;
  longitude: number;
  country: string | null;
  timezone: string | null;
  position: number;
  createdAt: Generated<Date>;
}

export type UnitsPreference = 'metric' | 'imperial';
export type WindUnitPreference = 'kmh' | 'ms' | 'mph' | 'kn';
export type ThemePreference = 'system' | 'light' | 'dark';

/** A user's display settings; a missing row means the defaults. */
export interface PreferenceTable {
  userId: string;
  units: ColumnType<UnitsPreference, UnitsPreference | undefined, UnitsPreference>;
  windUnit: ColumnType<WindUnitPreference, WindUnitPreference | undefined, WindUnitPreference>;
  theme: ColumnType<ThemePreference, ThemePreference | undefined, ThemePreference>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  weatherCache: WeatherCacheTable;
  refreshLeases: RefreshLeaseTable;
  providerQuotas: ProviderQuotaTable;
  providerBlocks: ProviderBlockTable;
  users: UserTable;
  sessions: SessionTable;
  loginThrottles: LoginThrottleTable;
  places: PlaceTable;
  preferences: PreferenceTable;
}

export type WeatherCacheRow = Selectable<WeatherCacheTable>;
export type NewWeatherCacheRow = Insertable<WeatherCacheTable>;

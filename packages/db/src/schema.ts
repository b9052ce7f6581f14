import type { ColumnType, Generated } from 'kysely';

import type { PreferenceValues } from '@skycast/validators';

import type { DB as GeneratedDatabase } from './generated/database.ts';

/** Timestamps are written as `Date` or ISO strings and read back as `Date`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type CachedResource =
  | 'forecast'
  | 'air-quality'
  | 'geocoding'
  | 'alerts'
  | 'confidence-ensemble'
  | 'confidence-members'
  | 'confidence-models'
  | 'confidence-runs'
  | 'season-precipitation';

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
  /** Counts password changes and resets; sessions made under an older count are refused. */
  credentialVersion: ColumnType<number, number | undefined, number>;
}

/** A signed-in browser. Only the SHA-256 of its token is stored. */
export interface SessionTable {
  tokenHash: Buffer;
  userId: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  /** The account's `credentialVersion` when the session began; behind it, the session is dead. */
  credentialVersion: ColumnType<number, number | undefined, number>;
}

/** An emailed password-reset link, single-use: only the SHA-256 of its token is stored. */
export interface PasswordResetTable {
  tokenHash: Buffer;
  userId: string;
  /** The account's `credentialVersion` when asked for; a change since voids the link. */
  credentialVersion: number;
  createdAt: Timestamp;
  expiresAt: Timestamp;
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

// The unions come from the one preferences record in validators; the migrations' checks hold the same lists.
type UnitsPreference = PreferenceValues['units'];
type WindUnitPreference = PreferenceValues['windUnit'];
type ThemePreference = PreferenceValues['theme'];
/** A language the app speaks, or 'auto': the browser's. */
type LanguagePreference = PreferenceValues['language'];
type PrecipitationUnitPreference = PreferenceValues['precipitationUnit'];
type PressureUnitPreference = PreferenceValues['pressureUnit'];
type DistanceUnitPreference = PreferenceValues['distanceUnit'];
type ClockPreference = PreferenceValues['clock'];

/** Null until chosen: the browser then follows its own choice or its locale. */
type Unchosen<T> = ColumnType<T | null, T | null | undefined, T | null>;

/**
 * A user's display settings; a missing row means the defaults. `units` is
 * the temperature scale; the other units and the clock are chosen apart.
 */
export interface PreferenceTable {
  userId: string;
  units: ColumnType<UnitsPreference, UnitsPreference | undefined, UnitsPreference>;
  windUnit: ColumnType<WindUnitPreference, WindUnitPreference | undefined, WindUnitPreference>;
  precipitationUnit: Unchosen<PrecipitationUnitPreference>;
  pressureUnit: Unchosen<PressureUnitPreference>;
  distanceUnit: Unchosen<DistanceUnitPreference>;
  clock: Unchosen<ClockPreference>;
  theme: ColumnType<ThemePreference, ThemePreference | undefined, ThemePreference>;
  language: ColumnType<LanguagePreference, LanguagePreference | undefined, LanguagePreference>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

/**
 * rate-limiter-flexible's PostgreSQL store: points used per key (`<limit>:<client>`)
 * until `expire` (epoch milliseconds; int8 arrives as a string).
 */
export interface RateLimitTable {
  key: string;
  points: Generated<number>;
  expire: ColumnType<string | null, number | string | null, number | string | null>;
}

/** A person's rule for one of their places; `rule` and `schedule` are checked by `@skycast/validators`' watch schemas. */
export interface WatchTable {
  id: Generated<string>;
  userId: string;
  placeId: string;
  kind: string;
  rule: ColumnType<unknown, string, string>;
  schedule: ColumnType<unknown, string, string>;
  enabled: Generated<boolean>;
  /** Whether the condition held at the last evaluation: a watch fires on false → true. */
  conditionMet: Generated<boolean>;
  evaluatedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdAt: Generated<Date>;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A browser that receives a user's pushes (RFC 8030 endpoint and RFC 8291 keys). */
export interface PushSubscriptionTable {
  id: Generated<string>;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  /** A name for the device, as the person sees it in their list. */
  device: string;
  createdAt: Generated<Date>;
  lastSuccessAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Every notification made for a user; `(userId, eventKey)` is unique, so an event is sent once. */
export interface NotificationTable {
  id: Generated<string>;
  userId: string;
  watchId: string | null;
  placeId: string | null;
  eventKey: string;
  kind: string;
  title: string;
  body: string;
  url: string;
  createdAt: Generated<Date>;
}

export type PushDeliveryStatus = 'pending' | 'sent' | 'failed' | 'capped';

/** One notification to one device. */
export interface PushDeliveryTable {
  id: Generated<string>;
  notificationId: string;
  subscriptionId: string;
  status: ColumnType<PushDeliveryStatus, PushDeliveryStatus | undefined, PushDeliveryStatus>;
  attempts: Generated<number>;
  lastError: string | null;
  sentAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdAt: Generated<Date>;
}

/** Secrets the server makes once and keeps (the embedded default's VAPID keys). */
export interface ServerSecretTable {
  name: string;
  value: ColumnType<unknown, string, string>;
  createdAt: Generated<Date>;
}

/** A model's 30-day error of the next-day high at one cell, as the night's skill job found it. */
export interface ForecastSkillTable {
  cellKey: string;
  /** The night (UTC date) the job ran. */
  night: Date | string;
  /** A compared model's id, or `blend`. */
  model: string;
  meanAbsoluteError: number;
  daysWithin: number;
  days: number;
  computedAt: Generated<Date>;
}

/** A cell's skill job claimed for a night; the primary key makes it once per night across instances. */
export interface ForecastSkillRunTable {
  cellKey: string;
  night: Date | string;
  claimedAt: Generated<Date>;
}

/**
 * Whether a 0.1° cell's climate normals are there: `wanted` (opened, not yet
 * often enough to fetch), `queued` (to fetch at `notBefore`), `fetching`
 * (claimed by one instance until `claimedUntil`), `fetched`, or `failed`
 * (the archive refused it for good).
 */
export type NormalsState = 'wanted' | 'queued' | 'fetching' | 'fetched' | 'failed';

export interface ClimateNormalCellTable {
  cellLatitude: number;
  cellLongitude: number;
  timeZone: string;
  state: NormalsState;
  opens: Generated<number>;
  attempts: Generated<number>;
  notBefore: Timestamp | null;
  claimedUntil: Timestamp | null;
  fetchedAt: Timestamp | null;
  simulated: Generated<boolean>;
  lastError: string | null;
  createdAt: Generated<Timestamp>;
}

/** One day of the leap-year calendar (0 = 1 January, 59 = 29 February) of one cell. */
export interface ClimateNormalTable {
  cellLatitude: number;
  cellLongitude: number;
  dayOfYear: number;
  highMean: number;
  highP10: number;
  highP90: number;
  lowMean: number;
  lowP10: number;
  lowP90: number;
  precipitationMean: number;
  wetDayFrequency: number;
  recordHigh: number;
  recordHighYear: number;
  recordLow: number;
  recordLowYear: number;
}

export interface Database {
  climateNormalCells: ClimateNormalCellTable;
  climateNormals: ClimateNormalTable;
  weatherCache: WeatherCacheTable;
  forecastSkill: ForecastSkillTable;
  forecastSkillRuns: ForecastSkillRunTable;
  refreshLeases: RefreshLeaseTable;
  providerBlocks: ProviderBlockTable;
  users: UserTable;
  sessions: SessionTable;
  passwordResets: PasswordResetTable;
  places: PlaceTable;
  preferences: PreferenceTable;
  rateLimits: RateLimitTable;
  watches: WatchTable;
  pushSubscriptions: PushSubscriptionTable;
  notifications: NotificationTable;
  pushDeliveries: PushDeliveryTable;
  serverSecrets: ServerSecretTable;
}

/**
 * The tables and columns as the migrations create them, generated by
 * `pnpm db:types` (kysely-codegen). The interfaces above narrow them (string
 * unions, JSON payloads) and carry the docs.
 */
export type { GeneratedDatabase };

type KeysDiffer<A, B> = Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>;
type TableMismatches = {
  [T in keyof Database | keyof GeneratedDatabase]: T extends keyof Database &
    keyof GeneratedDatabase
    ? KeysDiffer<Database[T], GeneratedDatabase[T]>
    : T;
}[keyof Database | keyof GeneratedDatabase];
type Expect<T extends true> = T;
/**
 * Fails to compile when a table or column exists in the migrations but not in
 * `Database`, or the other way round. After writing a migration: `pnpm
 * db:types`, then update the interfaces above until this compiles.
 */
export type SchemaMatchesMigrations = Expect<
  [TableMismatches] extends [never] ? true : { 'differs from the migrations': TableMismatches }
>;

import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Timestamps are written as `Date` or ISO strings and read back as `Date`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * A provider's forecast for one ~1 km cell, stored in the provider's canonical
 * (metric) units; unit conversion happens on read so one row serves every user.
 */
export interface ForecastTable {
  provider: string;
  /** Latitude rounded to 0.01° (≈ 1.1 km) and stored ×100 as an integer key. */
  latitudeE2: number;
  longitudeE2: number;
  payload: ColumnType<unknown, string, string>;
  fetchedAt: Timestamp;
  freshUntil: Timestamp;
  staleUntil: Timestamp;
  createdAt: Generated<Timestamp>;
}

export interface Database {
  forecasts: ForecastTable;
}

export type ForecastRow = Selectable<ForecastTable>;
export type NewForecastRow = Insertable<ForecastTable>;

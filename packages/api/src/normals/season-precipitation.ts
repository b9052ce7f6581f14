import { z } from 'zod';

import type { Database, Kysely } from '@skycast/db';
import { localDateTime } from '@skycast/local-time';
import {
  archiveCallWeight,
  leapDayOfYear,
  zoneAtCoordinates,
  type OpenMeteoArchive,
} from '@skycast/weather';

import type { Freshness, WeatherCache } from '../weather/weather-cache.ts';
import type { RequestContext } from '../weather/weather-service.ts';
import { cellOf, datesBetween, type NormalsCell } from './normals-service.ts';

export type SeasonName = 'winter' | 'spring' | 'summer' | 'autumn';

/** ERA5-Land reaches the archive about this many days after the fact. */
export const ARCHIVE_LAG_DAYS = 5;

const NORTHERN: readonly SeasonName[] = ['winter', 'spring', 'summer', 'autumn'];
const SOUTHERN: readonly SeasonName[] = ['summer', 'autumn', 'winter', 'spring'];

/**
 * The meteorological season a local date is in (December–February, March–May,
 * June–August, September–November), named for the place's hemisphere, and its
 * first day.
 *
 * @example
 * seasonOf('2026-12-07', 52.5) // { name: 'winter', start: '2026-12-01' }
 * seasonOf('2027-01-15', -33.9) // { name: 'summer', start: '2026-12-01' }
 */
export function seasonOf(date: string, latitude: number): { name: SeasonName; start: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  // 0: Dec–Feb, 1: Mar–May, 2: Jun–Aug, 3: Sep–Nov.
  const index = Math.floor((month % 12) / 3);
  const startMonth = index === 0 ? 12 : index * 3;
  const startYear = month === 1 || month === 2 ? year - 1 : year;
  return {
    name: (latitude < 0 ? SOUTHERN : NORTHERN)[index]!,
    start: `${startYear}-${String(startMonth).padStart(2, '0')}-01`,
  };
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Past days barely change once in the archive: half a day fresh, shown for three when it fails. */
const SEASON_FRESHNESS: Freshness = {
  freshForMs: 12 * 3_600_000,
  revalidateWithinMs: 24 * 3_600_000,
  usableForMs: 3 * DAY_MS,
};

const storedSeason = z.object({
  data: z.array(z.object({ date: z.iso.date(), precipitation: z.number().min(0).nullable() })),
  simulated: z.boolean(),
});

export type SeasonPrecipitation =
  | {
      status: 'fetched';
      season: SeasonName;
      seasonStart: string;
      /** The last local day counted: the archive's newest. */
      through: string;
      /** Days with an observed value, each counted on both sides. */
      days: number;
      /** mm observed (ERA5-Land) and the normals' mean summed over the same days. */
      observed: number;
      normal: number;
      simulated: boolean;
      stale: boolean;
    }
  | { status: 'not-yet'; season: SeasonName; seasonStart: string }
  | { status: 'not-fetched' };

export interface SeasonPrecipitationOptions {
  db: Kysely<Database>;
  cache: WeatherCache;
  archive: OpenMeteoArchive;
  now?: () => Date;
}

/**
 * Precipitation since the season began against the 1991–2020 normal for the
 * same days. Both sides are ERA5-Land, so they compare like with like: the
 * observed days come from the archive (one cached request per 0.1° cell and
 * season, at most 92 days, a weight of ≤ 7 calls), which is about
 * {@link ARCHIVE_LAG_DAYS} days behind; the normal sums the cell's mean daily
 * precipitation over the days observed. Nothing is fetched before the cell's
 * normals are.
 */
export function createSeasonPrecipitation(options: SeasonPrecipitationOptions) {
  const { db, cache, archive } = options;
  const now = options.now ?? (() => new Date());

  return async function seasonPrecipitation(
    at: { latitude: number; longitude: number },
    context: RequestContext = {},
  ): Promise<SeasonPrecipitation> {
    const cell = cellOf(at.latitude, at.longitude);
    const row = await db
      .selectFrom('climateNormalCells')
      .select(['state', 'timeZone'])
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .executeTakeFirst();
    if (row?.state !== 'fetched') return { status: 'not-fetched' };

    const zone = row.timeZone || zoneAtCoordinates(at.latitude, at.longitude) || 'GMT';
    const { season, through } = seasonSoFar(now().getTime(), zone, at.latitude);
    const notYet = { status: 'not-yet', season: season.name, seasonStart: season.start } as const;
    if (through < season.start) return notYet;

    const archived = await archivedDays({ cache, archive, context }, cell, zone, {
      start: season.start,
      end: through,
    });
    const observedDays = archived.value.data.filter(
      (day): day is { date: string; precipitation: number } => day.precipitation !== null,
    );
    const sums = await sumsAgainstNormal(db, cell, observedDays, season.start, through);
    if (sums.days === 0) return notYet;
    return {
      status: 'fetched',
      season: season.name,
      seasonStart: season.start,
      through: observedDays.at(-1)!.date,
      ...sums,
      simulated: archived.value.simulated,
      stale: archived.stale,
    };
  };
}

/**
 * The season the place's today is in, and the last day to count: yesterday,
 * or the archive's newest day when that is earlier ({@link ARCHIVE_LAG_DAYS}).
 */
function seasonSoFar(instant: number, zone: string, latitude: number) {
  const today = localDateTime(zone, instant).slice(0, 10);
  const newest = new Date(instant - ARCHIVE_LAG_DAYS * DAY_MS).toISOString().slice(0, 10);
  return {
    season: seasonOf(today, latitude),
    through: [addDays(today, -1), newest].sort()[0]!,
  };
}

/** The cell's daily precipitation over the days, from the archive through the weather cache. */
function archivedDays(
  {
    cache,
    archive,
    context,
  }: { cache: WeatherCache; archive: OpenMeteoArchive; context: RequestContext },
  cell: NormalsCell,
  zone: string,
  days: { start: string; end: string },
) {
  const query = {
    latitude: cell.latitude / 10,
    longitude: cell.longitude / 10,
    timeZone: zone,
    startDate: days.start,
    endDate: days.end,
    variables: ['precipitation_sum'] as const,
  };
  return cache.get({
    ...context,
    key: {
      provider: 'open-meteo',
      resource: 'season-precipitation',
      cacheKey: `${cell.latitude}:${cell.longitude}:${days.start}:${days.end}`,
    },
    schema: storedSeason,
    freshness: SEASON_FRESHNESS,
    weight: archiveCallWeight(query),
    fetch: async () => {
      const { data, simulated } = await archive.daily(query);
      return {
        data: data.map((day) => ({ date: day.date, precipitation: day.precipitation ?? null })),
        simulated,
      };
    },
  });
}

/** mm observed and the normals' mean summed over the observed days that have a normal, rounded to 0.1. */
async function sumsAgainstNormal(
  db: Kysely<Database>,
  cell: NormalsCell,
  observedDays: readonly { date: string; precipitation: number }[],
  start: string,
  through: string,
): Promise<{ days: number; observed: number; normal: number }> {
  const normals = await db
    .selectFrom('climateNormals')
    .select(['dayOfYear', 'precipitationMean'])
    .where('cellLatitude', '=', cell.latitude)
    .where('cellLongitude', '=', cell.longitude)
    .where('dayOfYear', 'in', [...new Set(datesBetween(start, through).map(leapDayOfYear))])
    .execute();
  const normalOf = new Map(normals.map((day) => [day.dayOfYear, day.precipitationMean]));
  let observed = 0;
  let normal = 0;
  let days = 0;
  for (const day of observedDays) {
    const mean = normalOf.get(leapDayOfYear(day.date));
    if (mean === undefined) continue;
    observed += day.precipitation;
    normal += mean;
    days += 1;
  }
  return {
    days,
    observed: Math.round(observed * 10) / 10,
    normal: Math.round(normal * 10) / 10,
  };
}

export type SeasonPrecipitationService = ReturnType<typeof createSeasonPrecipitation>;

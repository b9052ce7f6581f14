import { type Clock, columns, formatDay, locationHeader } from './open-meteo-format.ts';
import {
  InvalidParameter,
  readCoordinates,
  readTimeFormat,
  readTimeZone,
  readUnits,
  readVariables,
} from './open-meteo-params.ts';
import { json, openMeteoError, type StubResponse } from './responses.ts';
import { hash } from './noise.ts';
import { aridityAt } from './simulation.ts';
import { type Site, siteAt } from './sites.ts';
import { utcOffsetSeconds } from './time-zones.ts';
import { round, type UnitChoice } from './units.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TAU = 2 * Math.PI;
/** ERA5-Land starts here; ERA5 (and `best_match`) in 1940. */
const FIRST_DAY: Record<string, string> = {
  era5_land: '1950-01-01',
  era5: '1940-01-01',
  best_match: '1940-01-01',
};
/** The reanalysis runs about five days behind real time. */
const LAG_DAYS = 5;

/**
 * The known seasonal cycle of the simulated past: the daily mean temperature
 * (°C) a site has on average on day `dayOfYear` (0 = 1 January). Peaks about
 * 20 July in the north, 20 January in the south, like the live simulation.
 * Tests compare computed normals with it.
 */
export function archiveSeasonalMean(site: Site, dayOfYear: number): number {
  const absLatitude = Math.abs(site.latitude);
  const season = Math.cos((TAU * (dayOfYear - 200)) / 365.25) * Math.sign(site.latitude || 1);
  return (
    27 -
    0.5 * Math.max(0, absLatitude - 18) -
    0.0065 * site.elevation +
    Math.min(14, 0.18 * absLatitude) * season
  );
}

/** Half the day-to-night swing, °C: wider in dry climates. */
export const archiveHalfRange = (site: Site) => 4 + 3 * aridityAt(site.latitude);

/** A standard normal number, the same for the same seeds. */
function gaussian(...seeds: number[]): number {
  const u = Math.max(1e-12, hash(...seeds, 1));
  const v = hash(...seeds, 2);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(TAU * v);
}

const cellOf = (site: Site) => [Math.round(site.latitude * 10), Math.round(site.longitude * 10)];

/**
 * The simulated past at one instant: the seasonal cycle, a weather anomaly
 * that changes smoothly from one UTC noon to the next (sd ≈ 3 °C), and the
 * diurnal cycle by solar time, so days bucketed in another zone differ.
 */
function pastTemperature(site: Site, instant: number): number {
  const [cellLat, cellLon] = cellOf(site);
  const dayIndex = Math.floor((instant - DAY / 2) / DAY);
  const f = (instant - DAY / 2) / DAY - dayIndex;
  const anomaly = (day: number) => 3 * gaussian(0xa5c, cellLat!, cellLon!, day);
  const yearStart = Date.UTC(new Date(instant).getUTCFullYear(), 0, 1);
  const dayOfYear = (instant - yearStart) / DAY;
  const solarHour = (((instant / HOUR + site.longitude / 15) % 24) + 24) % 24;
  return (
    archiveSeasonalMean(site, dayOfYear) +
    anomaly(dayIndex) * (1 - f) +
    anomaly(dayIndex + 1) * f +
    archiveHalfRange(site) * Math.cos((TAU * (solarHour - 15)) / 24)
  );
}

/** mm that fell in the UTC hour starting at `instant`: wet UTC days rain evenly through the day. */
function pastPrecipitationHour(site: Site, instant: number): number {
  const [cellLat, cellLon] = cellOf(site);
  const day = Math.floor(instant / DAY);
  const wetChance = 0.35 - 0.25 * aridityAt(site.latitude);
  if (hash(0x7e7, cellLat!, cellLon!, day) >= wetChance) return 0;
  const amount = -4 * Math.log(Math.max(1e-9, hash(0x7e8, cellLat!, cellLon!, day)));
  return Math.max(0.1, amount) / 24;
}

interface PastDay {
  max: number;
  min: number;
  mean: number;
  precipitation: number;
}

function pastDay(site: Site, start: number): PastDay {
  let max = -Infinity;
  let min = Infinity;
  let sum = 0;
  let precipitation = 0;
  for (let hour = 0; hour < 24; hour++) {
    const instant = start + hour * HOUR;
    const temperature = pastTemperature(site, instant);
    max = Math.max(max, temperature);
    min = Math.min(min, temperature);
    sum += temperature;
    precipitation += pastPrecipitationHour(site, instant);
  }
  return { max, min, mean: sum / 24, precipitation };
}

const celsius = (value: number, units: UnitChoice) =>
  round(units.temperature === 'fahrenheit' ? value * 1.8 + 32 : value, 1);

const ARCHIVE_DAILY: Record<
  string,
  { unit: (units: UnitChoice) => string; value: (day: PastDay, units: UnitChoice) => number }
> = {
  temperature_2m_max: {
    unit: (units) => (units.temperature === 'fahrenheit' ? '°F' : '°C'),
    value: (day, units) => celsius(day.max, units),
  },
  temperature_2m_min: {
    unit: (units) => (units.temperature === 'fahrenheit' ? '°F' : '°C'),
    value: (day, units) => celsius(day.min, units),
  },
  temperature_2m_mean: {
    unit: (units) => (units.temperature === 'fahrenheit' ? '°F' : '°C'),
    value: (day, units) => celsius(day.mean, units),
  },
  precipitation_sum: {
    unit: (units) => (units.precipitation === 'inch' ? 'inch' : 'mm'),
    value: (day, units) =>
      units.precipitation === 'inch'
        ? round(round(day.precipitation, 1) / 25.4, 3)
        : round(day.precipitation, 1),
  },
};

function readDate(query: URLSearchParams, key: string): number {
  const raw = query.get(key)?.trim() ?? '';
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(parsed)) {
    throw new InvalidParameter(
      raw ? `Invalid date format. Make sure to use 'YYYY-MM-DD'` : `Parameter '${key}' is required`,
    );
  }
  return parsed;
}

/** `GET /v1/archive`: daily values of the simulated past, on local days of the zone asked for. */
export function archiveRoute(query: URLSearchParams, now: number): StubResponse {
  try {
    return archive(query, now);
  } catch (error) {
    if (error instanceof InvalidParameter) return openMeteoError(400, error.message);
    throw error;
  }
}

function archive(query: URLSearchParams, now: number): StubResponse {
  const { latitude, longitude } = readCoordinates(query);
  const dailyNames = readVariables(query, 'daily', ARCHIVE_DAILY, 'ArchiveVariableDaily');
  const model = query.get('models')?.trim() || 'best_match';
  const firstAllowed = FIRST_DAY[model];
  if (!firstAllowed) {
    throw new InvalidParameter(
      `Cannot initialize ArchiveModel from invalid String value ${model} for key models`,
    );
  }
  const start = readDate(query, 'start_date');
  const end = readDate(query, 'end_date');
  const first = Date.parse(`${firstAllowed}T00:00:00Z`);
  const last = Math.floor(now / DAY) * DAY - LAG_DAYS * DAY;
  if (start < first || end > last || end < start) {
    throw new InvalidParameter(
      `Parameter 'start_date' and 'end_date' must be between ${firstAllowed} and ${new Date(last).toISOString().slice(0, 10)}, start before end`,
    );
  }
  const units = readUnits(query);
  const format = readTimeFormat(query);
  const site = siteAt(latitude, longitude);
  const zone = readTimeZone(query, site);
  const clock: Clock = { zone, offsetSeconds: utcOffsetSeconds(zone, now), format };

  const count = Math.round((end - start) / DAY) + 1;
  // Local midnight of each date: the date's UTC midnight moved back by the zone's offset.
  const starts = Array.from(
    { length: count },
    (_, i) => start + i * DAY - clock.offsetSeconds * 1000,
  );
  const sections: Record<string, unknown> = {};
  if (dailyNames.length > 0) {
    const days = starts.map((dayStart) => pastDay(site, dayStart));
    const { units: sectionUnits, data } = columns(
      format,
      dailyNames,
      starts.map((dayStart) => formatDay(clock, dayStart)),
      days,
      (name) => ARCHIVE_DAILY[name]!.unit(units),
      (name, day) => ARCHIVE_DAILY[name]!.value(day, units),
    );
    sections.daily_units = sectionUnits;
    sections.daily = data;
  }
  return json(200, {
    ...locationHeader(site, clock, now, dailyNames.length * count),
    ...sections,
  });
}

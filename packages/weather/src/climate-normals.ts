import { z } from 'zod';

/** Days in the calendar normals are kept on: a leap year's, so 29 February has its own. */
export const NORMAL_DAYS = 366;
/** Days either side pooled into each day's statistics (a 15-day window). */
export const SMOOTHING_HALF_WIDTH = 7;
/** WMO's wet day: at least 1 mm. */
export const WET_DAY_MM = 1;
/** The reference period the normals describe, and the earliest year records are searched from. */
export const NORMALS_PERIOD = { firstYear: 1991, lastYear: 2020 } as const;
export const RECORDS_FIRST_YEAR = 1950;

/** One local day of the archive: the date is the place's own (`YYYY-MM-DD` on its wall clock). */
export interface ArchiveDay {
  date: string;
  /** °C; null where the reanalysis has no value. */
  high: number | null;
  low: number | null;
  /** mm; absent when the request did not ask for it. */
  precipitation?: number | null;
}

export const dayNormalSchema = z.object({
  /** 0 = 1 January … 59 = 29 February … 365 = 31 December. */
  dayOfYear: z
    .number()
    .int()
    .min(0)
    .max(NORMAL_DAYS - 1),
  highMean: z.number(),
  highP10: z.number(),
  highP90: z.number(),
  lowMean: z.number(),
  lowP10: z.number(),
  lowP90: z.number(),
  /** mm per day. */
  precipitationMean: z.number().min(0),
  /** 0…1: the share of days with at least {@link WET_DAY_MM}. */
  wetDayFrequency: z.number().min(0).max(1),
  recordHigh: z.number(),
  recordHighYear: z.number().int(),
  recordLow: z.number(),
  recordLowYear: z.number().int(),
});
export type DayNormal = z.infer<typeof dayNormalSchema>;

const CUMULATIVE_DAYS = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];

/**
 * The day of the leap-year calendar a local date falls on, read from the date
 * itself (never through a UTC instant, which would shift it by the zone).
 *
 * @example
 * leapDayOfYear('2021-03-01') // 60, the same as in 2020
 */
export function leapDayOfYear(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const index = (CUMULATIVE_DAYS[month - 1] ?? Number.NaN) + day - 1;
  if (!match || !Number.isInteger(index) || day < 1 || index >= NORMAL_DAYS) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return index;
}

/**
 * The q-th quantile (0…1) of sorted values, interpolating between the two
 * nearest ranks (the usual "type 7" definition, as in R and NumPy).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

interface Slot {
  highs: number[];
  lows: number[];
  precipitation: number[];
}

/** Values grouped by the leap-year day they fall on. */
function slotsOf(days: readonly ArchiveDay[]): Slot[] {
  const slots = Array.from({ length: NORMAL_DAYS }, (): Slot => ({
    highs: [],
    lows: [],
    precipitation: [],
  }));
  for (const day of days) {
    const slot = slots[leapDayOfYear(day.date)]!;
    if (day.high !== null) slot.highs.push(day.high);
    if (day.low !== null) slot.lows.push(day.low);
    if (day.precipitation !== undefined && day.precipitation !== null) {
      slot.precipitation.push(day.precipitation);
    }
  }
  return slots;
}

/** Every value of the slots within ±{@link SMOOTHING_HALF_WIDTH} of `center`, wrapping round the year. */
function pooled(slots: Slot[], center: number, pick: (slot: Slot) => number[]): number[] {
  const values: number[] = [];
  for (let offset = -SMOOTHING_HALF_WIDTH; offset <= SMOOTHING_HALF_WIDTH; offset++) {
    values.push(...pick(slots[(center + offset + NORMAL_DAYS) % NORMAL_DAYS]!));
  }
  return values;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Daily climate normals on the leap-year calendar from local days of the
 * archive. Each day's mean, 10th and 90th percentiles of highs and lows, mean
 * precipitation and wet-day share pool the days ±7 either side (so 29 February,
 * seen once in four years, gets as firm a normal as its neighbours, and
 * 1 January pools late December). Records are the date's own, unsmoothed,
 * from every year given in `recordDays` and `normalDays` together.
 *
 * @example
 * const normals = climateNormals(days1991to2020, days1950to1990); // 366 entries
 */
export function climateNormals(
  normalDays: readonly ArchiveDay[],
  recordDays: readonly ArchiveDay[] = [],
): DayNormal[] {
  const slots = slotsOf(normalDays);
  const records = Array.from({ length: NORMAL_DAYS }, () => ({
    high: -Infinity,
    highYear: 0,
    low: Infinity,
    lowYear: 0,
  }));
  for (const day of [...recordDays, ...normalDays]) {
    const record = records[leapDayOfYear(day.date)]!;
    const year = Number(day.date.slice(0, 4));
    // Ties go to the earlier year: the record was set then and only equalled later.
    if (day.high !== null && day.high > record.high) {
      record.high = day.high;
      record.highYear = year;
    }
    if (day.low !== null && day.low < record.low) {
      record.low = day.low;
      record.lowYear = year;
    }
  }

  return slots.map((_, dayOfYear) => {
    const highs = pooled(slots, dayOfYear, (slot) => slot.highs).sort((a, b) => a - b);
    const lows = pooled(slots, dayOfYear, (slot) => slot.lows).sort((a, b) => a - b);
    const rain = pooled(slots, dayOfYear, (slot) => slot.precipitation);
    const record = records[dayOfYear]!;
    if (highs.length === 0 || lows.length === 0 || !Number.isFinite(record.high)) {
      throw new RangeError(`the archive has no temperatures near day ${dayOfYear} of the year`);
    }
    return {
      dayOfYear,
      highMean: round1(mean(highs)),
      highP10: round1(quantile(highs, 0.1)),
      highP90: round1(quantile(highs, 0.9)),
      lowMean: round1(mean(lows)),
      lowP10: round1(quantile(lows, 0.1)),
      lowP90: round1(quantile(lows, 0.9)),
      precipitationMean: rain.length === 0 ? 0 : round2(mean(rain)),
      wetDayFrequency:
        rain.length === 0 ? 0 : round2(rain.filter((mm) => mm >= WET_DAY_MM).length / rain.length),
      recordHigh: record.high,
      recordHighYear: record.highYear,
      recordLow: record.low,
      recordLowYear: record.lowYear,
    };
  });
}

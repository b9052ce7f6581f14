import type { TimeFormat } from './open-meteo-params.ts';
import type { Site } from './sites.ts';
import { dateAtOffset, dateTimeAtOffset, zoneAbbreviation } from './time-zones.ts';
import { round } from './units.ts';

/**
 * Open-Meteo applies the one offset valid at request time to the whole series
 * (no DST switch inside a response); the stub does the same.
 */
export interface Clock {
  zone: string;
  offsetSeconds: number;
  format: TimeFormat;
}

/** A time stamp as the request's `timeformat` asks: local wall clock, or Unix seconds. */
export const formatTime = (clock: Clock, instant: number): string | number =>
  clock.format === 'unixtime'
    ? Math.round(instant / 1000)
    : dateTimeAtOffset(instant, clock.offsetSeconds);

/** A day as the request's `timeformat` asks; in Unix form, the instant of its local midnight. */
export const formatDay = (clock: Clock, start: number): string | number =>
  clock.format === 'unixtime' ? Math.round(start / 1000) : dateAtOffset(start, clock.offsetSeconds);

/** The fields every Open-Meteo answer starts with. */
export function locationHeader(site: Site, clock: Clock, now: number, values: number) {
  return {
    latitude: site.latitude,
    longitude: site.longitude,
    // Derived from the amount of data rather than measured, so equal requests give equal bytes.
    generationtime_ms: round(0.05 + values * 0.0004, 4),
    utc_offset_seconds: clock.offsetSeconds,
    timezone: clock.zone,
    timezone_abbreviation: clock.zone === 'GMT' ? 'GMT' : zoneAbbreviation(clock.zone, now),
    elevation: site.elevation,
  };
}

/** A section in Open-Meteo's column form: `time` plus one array per variable, and its units. */
export function columns<T>(
  format: TimeFormat,
  names: string[],
  times: (string | number)[],
  rows: T[],
  unitOf: (name: string) => string,
  valueOf: (name: string, row: T) => number | string | null,
) {
  const units: Record<string, string> = { time: format };
  const data: Record<string, (number | string | null)[]> = { time: times };
  for (const name of names) {
    units[name] = unitOf(name);
    data[name] = rows.map((row) => valueOf(name, row));
  }
  return { units, data };
}

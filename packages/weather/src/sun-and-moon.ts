import {
  Body,
  Equator,
  Horizon,
  Illumination,
  MoonPhase,
  NextMoonQuarter,
  Observer,
  SearchMoonQuarter,
  SearchRiseSet,
  type MoonQuarter,
} from 'astronomy-engine';
import { z } from 'zod';

import { localDateTime, utcOffsetSeconds } from './time-zones.ts';

/**
 * Sun and moon are computed here rather than asked of a provider: they depend
 * only on place and date, so they cost no provider call and cannot fail upstream.
 * astronomy-engine is accurate to about a minute, well inside what is shown.
 */

export const moonPhaseNameSchema = z.enum([
  'new-moon',
  'waxing-crescent',
  'first-quarter',
  'waxing-gibbous',
  'full-moon',
  'waning-gibbous',
  'last-quarter',
  'waning-crescent',
]);
export type MoonPhaseName = z.infer<typeof moonPhaseNameSchema>;

/** Local wall-clock time at the place, `YYYY-MM-DDTHH:mm`, or null when the event does not happen that day. */
const localEvent = z.string().nullable();

export const sunAndMoonDaySchema = z.object({
  date: z.string(),
  sunrise: localEvent,
  sunset: localEvent,
  /** Seconds of the day with the sun above the horizon: 0 in polar night, 86 400 in polar day. */
  dayLength: z.number().int().min(0).max(86_400),
  moonrise: localEvent,
  moonset: localEvent,
  /** The named phase; the four principal ones only on the local day they happen. */
  moonPhase: moonPhaseNameSchema,
  /** Degrees the moon is ahead of the sun in ecliptic longitude: 0 new, 90 first quarter, 180 full. */
  moonPhaseAngle: z.number().min(0).max(360),
  /** Lit fraction of the moon's disc at local noon, 0–1. */
  moonIllumination: z.number().min(0).max(1),
});
export type SunAndMoonDay = z.infer<typeof sunAndMoonDaySchema>;

export const sunAndMoonSchema = z.object({
  latitude: z.number(),
  longitude: z.number(),
  timezone: z.string(),
  days: z.array(sunAndMoonDaySchema),
});
export type SunAndMoon = z.infer<typeof sunAndMoonSchema>;

const DAY_MS = 86_400_000;
const QUARTER_NAMES = ['new-moon', 'first-quarter', 'full-moon', 'last-quarter'] as const;

/** The instant (epoch ms) of local midnight starting `date` (`YYYY-MM-DD`) in `zone`. */
export function startOfLocalDate(zone: string, date: string): number {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const utcMidnight = Date.UTC(year, month - 1, day);
  // Twice: the offset at the first guess may differ from the one at local midnight (DST).
  let instant = utcMidnight - utcOffsetSeconds(zone, utcMidnight) * 1000;
  instant = utcMidnight - utcOffsetSeconds(zone, instant) * 1000;
  return instant;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function intermediatePhase(angle: number): MoonPhaseName {
  if (angle < 90) return 'waxing-crescent';
  if (angle < 180) return 'waxing-gibbous';
  if (angle < 270) return 'waning-gibbous';
  return 'waning-crescent';
}

function sunAltitude(observer: Observer, instant: number): number {
  const equator = Equator(Body.Sun, new Date(instant), observer, true, true);
  return Horizon(new Date(instant), observer, equator.ra, equator.dec, 'normal').altitude;
}

/** Seconds of sunlight within [start, end), from the rises and sets inside it. */
function sunlightSeconds(
  observer: Observer,
  start: number,
  end: number,
  rise: number | null,
  set: number | null,
): number {
  const upAtStart = sunAltitude(observer, start) > -0.833;
  let total;
  if (rise !== null && set !== null) total = set > rise ? set - rise : end - rise + (set - start);
  else if (rise !== null) total = end - rise;
  else if (set !== null) total = set - start;
  else total = upAtStart ? end - start : 0;
  return Math.max(0, Math.min(86_400, Math.round(total / 1000)));
}

/**
 * Sunrise, sunset, day length and the moon for `days` local days at a place,
 * starting with the local date at `from`.
 *
 * @example
 * const { days } = sunAndMoon({ latitude: 51.5, longitude: -0.13, timezone: 'Europe/London', days: 7 });
 * days[0]; // { date: '2026-12-01', sunrise: '2026-12-01T07:43', moonPhase: 'waning-gibbous', … }
 */
export function sunAndMoon(options: {
  latitude: number;
  longitude: number;
  timezone: string;
  days: number;
  from?: Date;
}): SunAndMoon {
  const { latitude, longitude, timezone } = options;
  const observer = new Observer(latitude, longitude, 0);
  const from = (options.from ?? new Date()).getTime();
  let date = localDateTime(timezone, from).slice(0, 10);
  let quarter: MoonQuarter = SearchMoonQuarter(new Date(startOfLocalDate(timezone, date)));
  const days: SunAndMoonDay[] = [];

  for (let i = 0; i < options.days; i++) {
    const start = startOfLocalDate(timezone, date);
    const following = nextDate(date);
    const end = startOfLocalDate(timezone, following);
    const span = (end - start) / DAY_MS;
    const event = (body: Body, direction: 1 | -1) => {
      const found = SearchRiseSet(body, observer, direction, new Date(start), span);
      return found && found.date.getTime() < end ? found.date.getTime() : null;
    };
    const sunrise = event(Body.Sun, 1);
    const sunset = event(Body.Sun, -1);
    const moonrise = event(Body.Moon, 1);
    const moonset = event(Body.Moon, -1);
    const noon = new Date((start + end) / 2);
    const angle = MoonPhase(noon);

    while (quarter.time.date.getTime() < start) quarter = NextMoonQuarter(quarter);
    const principal =
      quarter.time.date.getTime() < end ? QUARTER_NAMES[quarter.quarter] : undefined;

    const local = (instant: number | null) =>
      instant === null ? null : localDateTime(timezone, instant);
    days.push({
      date,
      sunrise: local(sunrise),
      sunset: local(sunset),
      dayLength: sunlightSeconds(observer, start, end, sunrise, sunset),
      moonrise: local(moonrise),
      moonset: local(moonset),
      moonPhase: principal ?? intermediatePhase(angle),
      moonPhaseAngle: Math.round(angle * 10) / 10,
      moonIllumination: Math.round(Illumination(Body.Moon, noon).phase_fraction * 1000) / 1000,
    });
    date = following;
  }
  return { latitude, longitude, timezone, days };
}

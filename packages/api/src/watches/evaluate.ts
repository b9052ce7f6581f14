import { localDateTime as wallClockTime } from '@skycast/local-time';
import {
  RAIN_INTENSITIES,
  WARNING_SEVERITIES,
  type WatchCondition,
  type WatchRule,
  type WatchSchedule,
} from '@skycast/validators';
import type { AirQuality, HourlyEntry, ProviderForecast, WeatherAlert } from '@skycast/weather';

/**
 * The wall clock in `zone` at `now`, remembered: a cell's watches all ask for
 * the same few (zone, instant) pairs, and `Intl` formatting was the largest
 * share of a round's evaluation time in the watches bench's profile.
 */
const clocks = new Map<string, string>();
function localDateTime(zone: string, now: number): string {
  const key = `${zone}|${now}`;
  let value = clocks.get(key);
  if (value === undefined) {
    if (clocks.size >= 1024) clocks.clear();
    value = wallClockTime(zone, now);
    clocks.set(key, value);
  }
  return value;
}

/** The shared weather of one grid cell, as the cache holds it (canonical units, local times). */
export interface CellWeather {
  forecast: ProviderForecast | null;
  /** Null when warnings could not be had (then warning watches wait). */
  alerts: readonly WeatherAlert[] | null;
  airQuality: AirQuality | null;
  /**
   * The cell's climate normals by local date (from the table, never a provider call);
   * absent or null when none are asked for or fetched yet (then those watches wait).
   */
  normals?: ReadonlyMap<string, TailNormal> | null;
}

/** The tails of a date's normals an "unusual" watch compares with (°C). */
export interface TailNormal {
  highP90: number;
  lowP10: number;
}

export interface WatchState {
  rule: WatchRule;
  schedule: WatchSchedule;
  /** Whether the condition held at the last evaluation. */
  conditionMet: boolean;
}

/** What happened, with the facts a message is worded from (times on the place's clock). */
export type WatchEvent =
  | { kind: 'rain-starts'; key: string; at: string; minutes: number; intensity: string }
  | { kind: 'rain-stops'; key: string; at: string; minutes: number }
  | {
      kind: 'temperature';
      key: string;
      direction: 'below' | 'above';
      value: number;
      at: string;
      tonight: boolean;
    }
  | { kind: 'gusts' | 'uv' | 'aqi'; key: string; value: number; at: string }
  | {
      kind: 'warning';
      key: string;
      event: string;
      severity: string;
      headline: string | null;
      onset: string | null;
    }
  | {
      kind: 'daily-summary';
      key: string;
      date: string;
      high: number;
      low: number;
      precipitationChance: number | null;
    }
  | {
      kind: 'unusual-tomorrow';
      key: string;
      direction: 'warm' | 'cold';
      date: string;
      /** Tomorrow's forecast high (warm) or low (cold), and the percentile it is beyond. */
      value: number;
      bound: number;
    }
  | { kind: 'all-of'; key: string; date: string; from: string; until: string };

export interface Evaluation {
  /** The condition now; unchanged from the state when the watch was not evaluated. */
  conditionMet: boolean;
  /** Events to send (false → true; for warnings, every matching warning: the key decides). */
  events: WatchEvent[];
  /** Why the watch was not evaluated this time. */
  skipped?: 'inactive' | 'quiet' | 'no-data';
}

/**
 * How far a value must fall back past a threshold before the watch may fire
 * again, so a reading that hovers around it notifies once.
 */
export const HYSTERESIS = {
  temperature: 1,
  gusts: 5,
  uv: 1,
  aqi: 10,
  /** Rain must fall below this share of the asked intensity. */
  rainShare: 0.5,
} as const;

const MINUTE = 60_000;
/** After HH:MM a daily summary is still sent this long (a round may come late). */
const DAILY_SUMMARY_WINDOW_MINUTES = 180;

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Whether `minute` (of the day) lies in [from, until), across midnight when until ≤ from; equal bounds: all day. */
function inDailyWindow(minute: number, from: string, until: string): boolean {
  const start = minutesOf(from);
  const end = minutesOf(until);
  if (start === end) return true;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** ISO weekday (1 Monday … 7 Sunday) of a local `YYYY-MM-DD`. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Whether a watch may notify at `now` on the clocks of `zone`: an active day,
 * within its hours, outside quiet hours.
 */
export function scheduleAllows(
  schedule: WatchSchedule,
  zone: string,
  now: number,
): 'yes' | 'inactive' | 'quiet' {
  const local = localDateTime(zone, now);
  const minute = minutesOf(local.slice(11, 16));
  const day = isoWeekday(local.slice(0, 10));
  // A window across midnight belongs to the day it started on.
  const startedYesterday =
    minutesOf(schedule.until) < minutesOf(schedule.from) && minute < minutesOf(schedule.until);
  const activeDay = startedYesterday ? ((day + 5) % 7) + 1 : day;
  if (!schedule.days.includes(activeDay)) return 'inactive';
  if (!inDailyWindow(minute, schedule.from, schedule.until)) return 'inactive';
  if (schedule.quiet && inDailyWindow(minute, schedule.quiet.from, schedule.quiet.until))
    return 'quiet';
  return 'yes';
}

const SEVERITY_RANK: Record<string, number> = Object.fromEntries(
  WARNING_SEVERITIES.map((severity, index) => [severity, index]),
);

/** mm per hour of a 15-minute step's sum. */
const ratePerHour = (millimetres: number) => millimetres * 4;

function crossing(
  value: number,
  direction: 'below' | 'above',
  threshold: number,
  margin: number,
  wasMet: boolean,
): boolean {
  // Once met, the watch stays met until the value is `margin` past the threshold the other way.
  const bound =
    direction === 'below' ? threshold + (wasMet ? margin : 0) : threshold - (wasMet ? margin : 0);
  return direction === 'below' ? value <= bound : value >= bound;
}

/** The hours of the forecast after the present hour, up to `hours` ahead. */
function hoursAhead(forecast: ProviderForecast, zone: string, now: number, hours: number) {
  const from = localDateTime(zone, now).slice(0, 13);
  const until = localDateTime(zone, now + hours * 60 * MINUTE);
  return forecast.hourly.filter((hour) => hour.time.slice(0, 13) >= from && hour.time <= until);
}

/** Sunset to sunrise: the coming night, or the one still running before sunrise. */
function tonight(forecast: ProviderForecast, zone: string, now: number) {
  const local = localDateTime(zone, now);
  const today = local.slice(0, 10);
  const index = forecast.daily.findIndex((day) => day.date === today);
  const day = forecast.daily[index];
  if (!day?.sunrise || !day.sunset) return null;
  let from: string;
  let until: string | null;
  let date: string;
  if (local < day.sunrise) {
    from = local;
    until = day.sunrise;
    date = forecast.daily[index - 1]?.date ?? today;
  } else {
    from = local > day.sunset ? local : day.sunset;
    until = forecast.daily[index + 1]?.sunrise ?? null;
    date = today;
  }
  if (!until) return null;
  const hours = forecast.hourly.filter(
    (hour) => hour.time.slice(0, 13) >= from.slice(0, 13) && hour.time <= until,
  );
  return { date, hours };
}

interface Timed {
  time: string;
}

function extreme<T extends Timed>(
  hours: readonly T[],
  pick: (hour: T) => number | null,
  direction: 'below' | 'above',
) {
  let best: { value: number; at: string } | null = null;
  for (const hour of hours) {
    const value = pick(hour);
    if (value === null) continue;
    if (!best || (direction === 'below' ? value < best.value : value > best.value))
      best = { value, at: hour.time };
  }
  return best;
}

/** The first hour at or past the threshold, as the event's time. */
function firstCrossing<T extends Timed>(
  hours: readonly T[],
  pick: (hour: T) => number | null,
  direction: 'below' | 'above',
  threshold: number,
) {
  for (const hour of hours) {
    const value = pick(hour);
    if (value !== null && (direction === 'below' ? value <= threshold : value >= threshold))
      return { value, at: hour.time };
  }
  return null;
}

function conditionHolds(hour: HourlyEntry, condition: WatchCondition): boolean {
  const value = hour[condition.metric];
  if (value === null) return false;
  return condition.direction === 'below' ? value <= condition.value : value >= condition.value;
}

function threshold<T extends Timed>(
  state: WatchState,
  hours: readonly T[] | null,
  pick: (hour: T) => number | null,
  ruleThreshold: number,
  direction: 'below' | 'above',
  margin: number,
  keyOf: (at: string) => string,
  event: (found: { value: number; at: string }) => WatchEvent,
): Evaluation {
  if (!hours || hours.length === 0)
    return { conditionMet: state.conditionMet, events: [], skipped: 'no-data' };
  const worst = extreme(hours, pick, direction);
  const met =
    worst !== null && crossing(worst.value, direction, ruleThreshold, margin, state.conditionMet);
  if (!met || state.conditionMet) return { conditionMet: met, events: [] };
  const first = firstCrossing(hours, pick, direction, ruleThreshold) ?? worst;
  return { conditionMet: true, events: [{ ...event(first), key: keyOf(first.at) }] };
}

/**
 * Evaluates one watch against its cell's weather at `now`: its schedule on
 * the clock of `zone` (the place's), the weather on the clock its provider
 * answered in. Whether its condition holds, and what to send. A pure function:
 * the caller stores `conditionMet` and sends each event once by its key.
 *
 * @example
 * evaluateWatch({ rule: { kind: 'rain-starts', withinMinutes: 30, intensity: 'light' }, schedule: ALWAYS, conditionMet: false }, weather, 'Europe/Berlin', Date.now())
 */
export function evaluateWatch(
  state: WatchState,
  weather: CellWeather,
  placeZone: string,
  now: number,
): Evaluation {
  const allowed = scheduleAllows(state.schedule, placeZone, now);
  if (allowed !== 'yes') return { conditionMet: state.conditionMet, events: [], skipped: allowed };
  const { rule } = state;
  const { forecast } = weather;
  // The provider's times are on the clock of the zone it answered in: compare them on that clock.
  const zone = forecast?.location.timezone ?? placeZone;
  const local = localDateTime(zone, now);
  const noData: Evaluation = { conditionMet: state.conditionMet, events: [], skipped: 'no-data' };

  switch (rule.kind) {
    case 'rain-starts': {
      const steps = forecast?.minutely15?.steps;
      if (!steps) return noData;
      // Steps are labelled by their end: one starting within the lead time ends a quarter hour later.
      const until = localDateTime(zone, now + (rule.withinMinutes + 15) * MINUTE);
      // The step whose quarter hour holds `now` ends after it; the rest are ahead.
      const window = steps.filter((step) => step.time > local && step.time <= until);
      if (window.length === 0) return noData;
      const asked = RAIN_INTENSITIES[rule.intensity];
      const bound = state.conditionMet ? asked * HYSTERESIS.rainShare : asked;
      const wet = window.filter((step) => ratePerHour(step.precipitation) >= bound);
      const met = wet.length > 0;
      if (!met || state.conditionMet) return { conditionMet: met, events: [] };
      const first = window.find((step) => ratePerHour(step.precipitation) >= asked) ?? wet[0]!;
      const starts = startOfStep(first.time);
      // Already raining: the watch is met, but rain that has started is no news.
      if (starts <= local) return { conditionMet: true, events: [] };
      return {
        conditionMet: true,
        events: [
          {
            kind: 'rain-starts',
            key: `rain-starts:${starts}`,
            at: starts,
            minutes: Math.max(0, minutesBetween(local, starts)),
            intensity: rule.intensity,
          },
        ],
      };
    }

    case 'rain-stops': {
      const steps = forecast?.minutely15?.steps;
      if (!steps) return noData;
      const ahead = steps.filter((step) => step.time > local).slice(0, 8);
      const current = ahead[0];
      if (!current) return noData;
      const wetNow = ratePerHour(current.precipitation) >= RAIN_INTENSITIES.light;
      if (!wetNow) return { conditionMet: false, events: [] };
      // Stops: a dry step within the hour, followed by at least half an hour dry.
      const index = ahead.findIndex(
        (step, i) =>
          i > 0 &&
          ahead.slice(i, i + 2).length === 2 &&
          ahead.slice(i, i + 2).every((s) => ratePerHour(s.precipitation) < RAIN_INTENSITIES.light),
      );
      const met = index > 0 && index <= 4;
      if (!met || state.conditionMet) return { conditionMet: met, events: [] };
      const stops = startOfStep(ahead[index]!.time);
      return {
        conditionMet: true,
        events: [
          {
            kind: 'rain-stops',
            key: `rain-stops:${stops}`,
            at: stops,
            minutes: Math.max(0, minutesBetween(local, stops)),
          },
        ],
      };
    }

    case 'temperature': {
      if (!forecast) return noData;
      const night = 'tonight' in rule.horizon ? tonight(forecast, zone, now) : null;
      const hours =
        'hours' in rule.horizon
          ? hoursAhead(forecast, zone, now, rule.horizon.hours)
          : (night?.hours ?? null);
      return threshold(
        state,
        hours,
        (hour) => hour.temperature,
        rule.threshold,
        rule.direction,
        HYSTERESIS.temperature,
        (at) =>
          night ? `tonight-${rule.direction}:${night.date}` : `temperature-${rule.direction}:${at}`,
        ({ value, at }) => ({
          kind: 'temperature',
          key: '',
          direction: rule.direction,
          value,
          at,
          tonight: night !== null,
        }),
      );
    }

    case 'gusts':
    case 'uv': {
      if (!forecast) return noData;
      const kind = rule.kind;
      const pick =
        kind === 'gusts' ? (h: HourlyEntry) => h.windGusts : (h: HourlyEntry) => h.uvIndex;
      return threshold(
        state,
        hoursAhead(forecast, zone, now, rule.hours),
        pick,
        rule.threshold,
        'above',
        HYSTERESIS[kind],
        (at) => `${kind}:${at}`,
        ({ value, at }) => ({ kind, key: '', value, at }),
      );
    }

    case 'aqi': {
      const air = weather.airQuality;
      if (!air) return noData;
      const airLocal = localDateTime(air.location.timezone, now);
      const from = airLocal.slice(0, 13);
      const until = localDateTime(air.location.timezone, now + rule.hours * 60 * MINUTE);
      const hours = air.hourly
        .filter((hour) => hour.time.slice(0, 13) >= from && hour.time <= until)
        .map((hour) => ({ time: hour.time, value: hour.usAqi ?? hour.europeanAqi }));
      return threshold(
        state,
        hours,
        (hour) => hour.value,
        rule.threshold,
        'above',
        HYSTERESIS.aqi,
        (at) => `aqi:${at}`,
        ({ value, at }) => ({ kind: 'aqi', key: '', value, at }),
      );
    }

    case 'warning': {
      if (!weather.alerts) return noData;
      const muted = new Set(rule.mutedEvents.map((event) => event.toLocaleLowerCase('en')));
      const least = SEVERITY_RANK[rule.minSeverity] ?? 0;
      const matching = weather.alerts.filter(
        (alert) =>
          (SEVERITY_RANK[alert.severity] ?? -1) >= least &&
          !muted.has(alert.event.toLocaleLowerCase('en')) &&
          (alert.expires === null || Date.parse(alert.expires) > now),
      );
      // Every matching warning is news until sent: the key (who, what, how severe, which day) decides.
      return {
        conditionMet: matching.length > 0,
        events: matching.map((alert) => ({
          kind: 'warning',
          key: `warning:${alert.sender}|${alert.event}|${alert.severity}|${(alert.onset ?? '').slice(0, 10)}`,
          event: alert.event,
          severity: alert.severity,
          headline: alert.headline,
          onset: alert.onset ? localDateTime(placeZone, Date.parse(alert.onset)) : null,
        })),
      };
    }

    case 'daily-summary': {
      if (!forecast) return noData;
      // HH:MM on the place's clock; the day's figures from the forecast's.
      const placeLocal = localDateTime(placeZone, now);
      const minute = minutesOf(placeLocal.slice(11, 16));
      const start = minutesOf(rule.at);
      const met = minute >= start && minute < start + DAILY_SUMMARY_WINDOW_MINUTES;
      const date = placeLocal.slice(0, 10);
      const day = forecast.daily.find((entry) => entry.date === date);
      if (!met || !day || state.conditionMet) return { conditionMet: met, events: [] };
      return {
        conditionMet: true,
        events: [
          {
            kind: 'daily-summary',
            key: `daily-summary:${date}`,
            date,
            high: day.temperatureMax,
            low: day.temperatureMin,
            precipitationChance: day.precipitationProbabilityMax,
          },
        ],
      };
    }

    case 'unusual-tomorrow': {
      if (!forecast || !weather.normals) return noData;
      const tomorrow = nextDate(local.slice(0, 10));
      const day = forecast.daily.find((entry) => entry.date === tomorrow);
      const normal = weather.normals.get(tomorrow);
      if (!day || !normal) return noData;
      const warm = rule.direction === 'warm';
      const value = warm ? day.temperatureMax : day.temperatureMin;
      const bound = warm ? normal.highP90 : normal.lowP10;
      const beyond = warm ? value > bound : value < bound;
      // Once met, the watch stays met until the forecast is a degree back inside the band.
      const margin = HYSTERESIS.temperature;
      const held = warm ? value > bound - margin : value < bound + margin;
      const met = beyond || (state.conditionMet && held);
      if (!beyond) return { conditionMet: met, events: [] };
      // Tomorrow moves on at midnight: each date is news once, its key decides (as for warnings).
      return {
        conditionMet: true,
        events: [
          {
            kind: 'unusual-tomorrow',
            key: `unusual-${rule.direction}:${tomorrow}`,
            direction: rule.direction,
            date: tomorrow,
            value,
            bound,
          },
        ],
      };
    }

    case 'all-of': {
      if (!forecast) return noData;
      const date = local.slice(0, 10);
      const { from, until } = state.schedule;
      // The rest of today's active hours: every one must meet every condition.
      const window = forecast.hourly.filter((hour) => {
        if (hour.time.slice(0, 10) !== date || hour.time.slice(0, 13) < local.slice(0, 13))
          return false;
        return inDailyWindow(minutesOf(hour.time.slice(11, 16)), from, until);
      });
      if (window.length === 0) return { conditionMet: false, events: [] };
      const met = window.every((hour) => rule.conditions.every((c) => conditionHolds(hour, c)));
      if (!met || state.conditionMet) return { conditionMet: met, events: [] };
      return {
        conditionMet: true,
        events: [{ kind: 'all-of', key: `all-of:${date}`, date, from, until }],
      };
    }
  }
}

/** The local date after `date` (`YYYY-MM-DD`). */
function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * MINUTE).toISOString().slice(0, 10);
}

/** Kinds whose every matching event is a candidate each round, sent once by its key. */
export const KEYED_KINDS: ReadonlySet<WatchRule['kind']> = new Set(['warning', 'unusual-tomorrow']);

/** A 15-minute step is labelled by its end: it starts a quarter hour before. */
function startOfStep(time: string): string {
  const start = new Date(Date.parse(`${time}:00Z`) - 15 * MINUTE);
  return start.toISOString().slice(0, 16);
}

/** Minutes from one local wall-clock time to another (same zone, DST jumps aside). */
function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}:00Z`) - Date.parse(`${from}:00Z`)) / MINUTE);
}

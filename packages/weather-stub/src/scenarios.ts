import type { Conditions } from './simulation.ts';
import type { Site } from './sites.ts';

/**
 * A scripted shower: dry at the point until `startsAt`, then `mmPerHour` of
 * rain (until `endsAt`, when given), for tests and demos of what reacts to
 * rain ("rain starts in 20 minutes at X", "it rained yesterday afternoon").
 * Applies within 0.05° of the point (a few grid cells).
 */
export interface RainScenario {
  latitude: number;
  longitude: number;
  /** Epoch milliseconds. */
  startsAt: number;
  /** Epoch milliseconds; dry again from then on. */
  endsAt?: number;
  mmPerHour: number;
}

const REACH_DEGREES = 0.05;
const MAX_SCENARIOS = 100;

/** Conditions at the site and instant, with any scenario that covers it applied. */
export function withScenarios(
  conditions: Conditions,
  site: Site,
  instant: number,
  scenarios: readonly RainScenario[],
): Conditions {
  const scenario = scenarios.find(
    (s) =>
      Math.abs(s.latitude - site.latitude) <= REACH_DEGREES &&
      Math.abs(s.longitude - site.longitude) <= REACH_DEGREES,
  );
  if (!scenario) return conditions;
  const raining =
    instant >= scenario.startsAt && (scenario.endsAt === undefined || instant < scenario.endsAt);
  const mm = raining ? scenario.mmPerHour : 0;
  return {
    ...conditions,
    precipitation: mm,
    rain: mm,
    showers: 0,
    snowfall: 0,
    precipitationProbability: raining ? 90 : 10,
    // WMO 61/63/65: slight, moderate, heavy rain; 3 overcast before it.
    weatherCode: !raining ? 3 : mm >= 7.6 ? 65 : mm >= 2.5 ? 63 : 61,
  };
}

/** Checks scenarios that came from outside (the control API); throws TypeError saying what is wrong. */
export function parseScenarios(value: unknown): RainScenario[] {
  if (value === null) return [];
  const list: unknown = typeof value === 'object' ? (value as { rain?: unknown }).rain : undefined;
  if (!Array.isArray(list) || list.length > MAX_SCENARIOS)
    throw new TypeError(`Expected { "rain": [ ...at most ${MAX_SCENARIOS} scenarios ] } or null.`);
  return list.map((entry: unknown) => {
    const s = entry as Record<string, unknown>;
    const instant = (value: unknown) =>
      typeof value === 'string' ? Date.parse(value) : Number(value);
    const startsAt = instant(s.startsAt);
    const endsAt = s.endsAt === undefined ? undefined : instant(s.endsAt);
    const fields = [s.latitude, s.longitude, s.mmPerHour, startsAt, endsAt ?? startsAt];
    if (!fields.every((f) => typeof f === 'number' && Number.isFinite(f)))
      throw new TypeError(
        'Each rain scenario needs numeric latitude, longitude, mmPerHour and startsAt, and endsAt if any (ISO time or epoch ms).',
      );
    return {
      latitude: s.latitude as number,
      longitude: s.longitude as number,
      startsAt,
      ...(endsAt === undefined ? {} : { endsAt }),
      mmPerHour: Math.max(0, Math.min(200, s.mmPerHour as number)),
    };
  });
}

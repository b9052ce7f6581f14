import type { RouterOutputs } from '@skycast/api';

export type PlaceNormals = RouterOutputs['weather']['normals'];
export type DayNormal = Extract<PlaceNormals, { status: 'fetched' }>['days'][number];

/** How a temperature stands against the date's normal: the difference and the tail it is in. */
export interface Comparison {
  /** °C above (positive) or below the normal mean. */
  difference: number;
  /** Above the 90th percentile, below the 10th, or between. */
  band: 'warmest-10' | 'coldest-10' | 'usual';
}

/**
 * Compares a day's high with the normal highs of its date.
 *
 * @example
 * compareHigh(14, { highMean: 8, highP10: 3, highP90: 12, ... }) // { difference: 6, band: 'warmest-10' }
 */
export function compareHigh(high: number, normal: DayNormal): Comparison {
  return {
    difference: high - normal.highMean,
    band: high > normal.highP90 ? 'warmest-10' : high < normal.highP10 ? 'coldest-10' : 'usual',
  };
}

/** Where `value` sits between `min` and `max`, as a share 0…1 clamped, for a bar. */
export const shareOf = (value: number, min: number, max: number) =>
  max <= min ? 0.5 : Math.min(1, Math.max(0, (value - min) / (max - min)));

export type SeasonPrecipitation = RouterOutputs['weather']['seasonPrecipitation'];

/**
 * The season's observed precipitation as a percentage of its normal, or null
 * where the normal is too dry (under 1 mm) for a percentage to mean anything.
 *
 * @example
 * percentOfNormal(42, 52.5) // 80
 */
export function percentOfNormal(observed: number, normal: number): number | null {
  return normal < 1 ? null : Math.round((observed / normal) * 100);
}

/**
 * Every threshold of the confidence labels, in one place.
 *
 * Each signal is first normalised per variable: a width (p90 − p10 of the
 * ensemble, or the range across models, or a change between runs) divided by
 * the width that makes that variable's forecast "uncertain" for a person
 * planning a day. 4 °C of temperature, 15 km/h of wind and 3 mm of rain in an
 * hour (8 mm in a day) matter about equally. The largest normalised signal
 * decides the label:
 *
 *   score < SURE_BELOW          → sure
 *   score < UNCERTAIN_FROM      → likely
 *   otherwise                   → uncertain
 *
 * Rain is also judged by the share of members that are wet: a split between
 * RAIN_SPLIT_LOW and RAIN_SPLIT_HIGH (neither clearly dry nor clearly wet)
 * counts as uncertain whatever the amounts.
 */
export const CONFIDENCE_THRESHOLDS = {
  /** Width (same unit as the variable) that scores 1. */
  uncertainWidth: {
    temperature: 4,
    wind: 15,
    precipitationHour: 3,
    precipitationDay: 8,
  },
  SURE_BELOW: 0.5,
  UNCERTAIN_FROM: 1,
  /** mm in an hour (or a day) from which a member or model counts as wet. */
  wetFrom: { hour: 0.1, day: 1 },
  RAIN_SPLIT_LOW: 0.25,
  RAIN_SPLIT_HIGH: 0.75,
  /** A day's high that moved this much (°C) between runs is a "forecast changed". */
  changedHighFrom: 2,
  /** "Within 2°" in the accuracy line. */
  accurateWithin: 2,
} as const;

export type ConfidenceLabel = 'sure' | 'likely' | 'uncertain';

export function labelOf(score: number): ConfidenceLabel {
  if (score < CONFIDENCE_THRESHOLDS.SURE_BELOW) return 'sure';
  if (score < CONFIDENCE_THRESHOLDS.UNCERTAIN_FROM) return 'likely';
  return 'uncertain';
}

/** True when the wet share says neither "dry" nor "wet". */
export const rainIsSplit = (wetShare: number) =>
  wetShare > CONFIDENCE_THRESHOLDS.RAIN_SPLIT_LOW &&
  wetShare < CONFIDENCE_THRESHOLDS.RAIN_SPLIT_HIGH;

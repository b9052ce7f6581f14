/**
 * The q-quantile (0 ≤ q ≤ 1) of a sample, interpolating linearly between the
 * order statistics (R's type 7, what NumPy and spreadsheets use by default).
 * Non-finite values are ignored; an empty sample has no quantile.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantile(sample: readonly number[], q: number): number | null {
  const sorted = sample.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** z of the normal distribution's 90th percentile: p10 and p90 sit this many spreads from the mean. */
const Z90 = 1.2815515655446004;

export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

/** p10/p50/p90 of raw members. */
export function bandOfMembers(members: readonly number[]): Band | null {
  const p10 = quantile(members, 0.1);
  const p50 = quantile(members, 0.5);
  const p90 = quantile(members, 0.9);
  return p10 === null || p50 === null || p90 === null ? null : { p10, p50, p90 };
}

/**
 * p10/p50/p90 from an ensemble's mean and spread (standard deviation), taking
 * the members as normally spread; `floor` cuts amounts that cannot go below 0.
 */
export function bandOfMeanAndSpread(mean: number, spread: number, floor = -Infinity): Band {
  const width = Z90 * Math.max(0, spread);
  const clamp = (value: number) => Math.max(floor, value);
  return { p10: clamp(mean - width), p50: clamp(mean), p90: clamp(mean + width) };
}

/** The share of a normal distribution above `threshold`, for the rain share of the mean models. */
export function shareAbove(mean: number, spread: number, threshold: number): number {
  if (spread <= 0) return mean > threshold ? 1 : 0;
  return 1 - normalCdf((threshold - mean) / spread);
}

/** Abramowitz–Stegun 7.1.26, accurate to 1.5e-7: plenty for a share of members. */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Mean and population standard deviation: what Open-Meteo's `X_spread` is. */
export function meanAndSpread(sample: readonly number[]): { mean: number; spread: number } | null {
  const values = sample.filter(Number.isFinite);
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((total, v) => total + (v - mean) ** 2, 0) / values.length;
  return { mean, spread: Math.sqrt(variance) };
}

/**
 * The US EPA's PM2.5 breakpoints as revised in 2024 (µg/m³ → index):
 * [low, high] concentration bands and the index range each maps onto.
 */
const PM2_5_BANDS: readonly (readonly [number, number, number, number])[] = [
  [0.0, 9.0, 0, 50],
  [9.1, 35.4, 51, 100],
  [35.5, 55.4, 101, 150],
  [55.5, 125.4, 151, 200],
  [125.5, 225.4, 201, 300],
  [225.5, 325.4, 301, 500],
];

/**
 * The US AQI for a PM2.5 concentration (µg/m³) by the EPA's formula: the
 * concentration is truncated to 0.1, then interpolated linearly within its
 * band; beyond the scale the index stays at 500.
 *
 * The EPA defines the index on 24-hour averages and reports the highest of
 * several pollutants; fed one hour's PM2.5, it gives PM2.5's part of the
 * index for that hour, which is what a provider without its own US AQI allows.
 *
 * @example
 * usAqiFromPm25(9.0); // 50, the top of "good"
 * usAqiFromPm25(35.5); // 101, "unhealthy for sensitive groups"
 */
export function usAqiFromPm25(concentration: number): number {
  // The epsilon keeps 12.3 from reading as 12.2999… and truncating a tenth too far.
  const c = Math.max(0, Math.floor(concentration * 10 + 1e-9) / 10);
  for (const [low, high, indexLow, indexHigh] of PM2_5_BANDS) {
    if (c <= high) {
      return Math.round(((indexHigh - indexLow) / (high - low)) * (c - low) + indexLow);
    }
  }
  return 500;
}

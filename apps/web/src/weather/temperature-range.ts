export interface RangeBar {
  /** Where the day's bar starts, in percent of the week's range. */
  start: number;
  /** Where it ends, in percent of the week's range. */
  end: number;
}

/**
 * Places one day's min–max on the scale of the whole period, so the days'
 * bars can be compared at a glance.
 *
 * @example
 * rangeBar(10, 15, 5, 25) // { start: 25, end: 50 }
 */
export function rangeBar(min: number, max: number, lowest: number, highest: number): RangeBar {
  const span = highest - lowest;
  if (span <= 0) return { start: 0, end: 100 };
  const clamp = (value: number) => Math.min(100, Math.max(0, value));
  return {
    start: clamp(((min - lowest) / span) * 100),
    end: clamp(((max - lowest) / span) * 100),
  };
}

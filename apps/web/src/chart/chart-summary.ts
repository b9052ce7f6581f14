import type { HourlyEntry, Units } from '../api-types.ts';
import { weekdayOf } from '../weather/local-time.ts';
import { formatHour } from '../weather/units.ts';

export interface ChartSummary {
  lowest: HourlyEntry;
  highest: HourlyEntry;
  /** The hour with the highest chance of precipitation, when the forecast gives chances. */
  wettest: HourlyEntry | undefined;
}

/**
 * The coldest, warmest and wettest hours: what a person reads off the chart,
 * written out for those who cannot see it.
 */
export function summarizeHours(hours: HourlyEntry[]): ChartSummary | undefined {
  const first = hours[0];
  if (!first) return undefined;
  let lowest = first;
  let highest = first;
  let wettest: HourlyEntry | undefined;
  for (const hour of hours) {
    if (hour.temperature < lowest.temperature) lowest = hour;
    if (hour.temperature > highest.temperature) highest = hour;
    if (
      hour.precipitationProbability !== null &&
      (wettest?.precipitationProbability ?? -1) < hour.precipitationProbability
    )
      wettest = hour;
  }
  return { lowest, highest, wettest };
}

/**
 * "Tue 14:00" (or "Tue 2 PM") from "2026-11-24T14:00".
 *
 * @example
 * hourLabel('2026-11-24T14:00', '24h') // 'Tue 14:00'
 */
export function hourLabel(localTime: string, clock: Units['clock']): string {
  return `${weekdayOf(localTime)} ${formatHour(localTime, clock)}`;
}

/**
 * Local wall-clock time as seconds since the epoch, read as if it were UTC:
 * the chart shows the place's clock, whatever the viewer's zone.
 *
 * @example
 * chartSeconds('2026-11-24T14:00') // 1795960800
 */
export function chartSeconds(localTime: string): number {
  return Date.parse(`${localTime}:00Z`) / 1000;
}

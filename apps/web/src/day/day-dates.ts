import { dateFormat } from '../weather/local-time.ts';

// The date is the place's calendar date: read in UTC, it is never shifted by the viewer's zone.
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** @example longDateOf('2026-12-03') // 'Thursday 3 December' (in English) */
export function longDateOf(date: string): string {
  return dateFormat({ weekday: 'long', day: 'numeric', month: 'long' }).format(utc(date));
}

/** @example shortDateOf('2026-12-03') // 'Thu 3 Dec' (in English) */
export function shortDateOf(date: string): string {
  return dateFormat({ weekday: 'short', day: 'numeric', month: 'short' }).format(utc(date));
}

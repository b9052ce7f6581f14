const longFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});
const shortFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

// The date is the place's calendar date: read in UTC, it is never shifted by the viewer's zone.
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** @example longDateOf('2026-12-03') // 'Thursday 3 December' */
export function longDateOf(date: string): string {
  return longFormat.format(utc(date));
}

/** @example shortDateOf('2026-12-03') // 'Thu 3 Dec' */
export function shortDateOf(date: string): string {
  return shortFormat.format(utc(date));
}

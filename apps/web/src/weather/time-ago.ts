const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `then` was, in the words of "Updated … ago". A `then` slightly
 * in the future (the server's clock runs ahead) counts as "just now".
 *
 * @example
 * formatTimeAgo('2026-11-23T10:00:00Z', Date.parse('2026-11-23T10:07:30Z')) // '7 min ago'
 */
export function formatTimeAgo(then: string | number | Date, now: number | Date): string {
  const elapsed = new Date(now).getTime() - new Date(then).getTime();
  if (Number.isNaN(elapsed)) return 'at an unknown time';
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

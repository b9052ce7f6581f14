import { intlLocale, t } from '../i18n/i18n.ts';

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
  if (Number.isNaN(elapsed)) return t('timeAgo.unknown');
  if (elapsed < MINUTE) return t('timeAgo.justNow');
  // Intl words it in the page's language, with its plurals and its order ("vor 7 Min.").
  const format = new Intl.RelativeTimeFormat(intlLocale(), { style: 'short', numeric: 'always' });
  if (elapsed < HOUR) return format.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return format.format(-Math.floor(elapsed / HOUR), 'hour');
  return new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'always' }).format(
    -Math.floor(elapsed / DAY),
    'day',
  );
}

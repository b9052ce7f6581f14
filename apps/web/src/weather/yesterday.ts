import { t, type MessageKey } from '../i18n/i18n.ts';

/**
 * "3° warmer than yesterday at this time": a difference of temperatures in
 * words. Differences under half a degree read as "about as warm".
 *
 * @example
 * comparedWithYesterday(12.4, 9.1) // '3° warmer than yesterday at this time.'
 */
export function comparedWithYesterday(today: number, yesterday: number): string {
  const difference = Math.round(today - yesterday);
  if (difference === 0) return t('yesterday.same');
  return t(difference > 0 ? 'yesterday.warmer' : 'yesterday.colder', {
    difference: Math.abs(difference),
  });
}

/**
 * The message that says how today's high stands against yesterday's: above,
 * below or the same (its values: `difference` and yesterday's `high`).
 *
 * @example
 * againstYesterday(21.2, 18.4) // 'yesterday.highAbove'
 */
export function againstYesterday(today: number, yesterday: number): MessageKey {
  const difference = Math.round(today - yesterday);
  if (difference === 0) return 'yesterday.highSame';
  return difference > 0 ? 'yesterday.highAbove' : 'yesterday.highBelow';
}

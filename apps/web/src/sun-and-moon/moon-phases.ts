import type { RouterOutputs } from '@skycast/api';

import { t, type MessageKey } from '../i18n/i18n.ts';
import type { IconName } from '../weather/icon-names.ts';
import { formatNumber } from '../weather/detail-units.ts';

export type SunAndMoon = RouterOutputs['weather']['sunAndMoon'];
export type SunAndMoonDay = SunAndMoon['days'][number];
export type MoonPhaseName = SunAndMoonDay['moonPhase'];

/** Words and an icon for each phase; the icon is decoration, the words carry the meaning. */
export const MOON_PHASES: Record<MoonPhaseName, { key: MessageKey; icon: IconName }> = {
  'new-moon': { key: 'moon.new', icon: 'moon-new' },
  'waxing-crescent': { key: 'moon.waxingCrescent', icon: 'moon-waxing-crescent' },
  'first-quarter': { key: 'moon.firstQuarter', icon: 'moon-first-quarter' },
  'waxing-gibbous': { key: 'moon.waxingGibbous', icon: 'moon-waxing-gibbous' },
  'full-moon': { key: 'moon.full', icon: 'moon-full' },
  'waning-gibbous': { key: 'moon.waningGibbous', icon: 'moon-waning-gibbous' },
  'last-quarter': { key: 'moon.lastQuarter', icon: 'moon-last-quarter' },
  'waning-crescent': { key: 'moon.waningCrescent', icon: 'moon-waning-crescent' },
};

/** A phase's name in the page's language. @example moonPhaseLabel('full-moon') // 'Full moon' */
export function moonPhaseLabel(phase: MoonPhaseName): string {
  return t(MOON_PHASES[phase].key);
}

/**
 * A length of time as "10 h 42 min".
 *
 * @example
 * formatDuration(38_520) // '10 h 42 min'
 */
export function formatDuration(seconds: number): string {
  const totalMinutes = Math.round(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const values = { hours: formatNumber(hours), minutes: formatNumber(minutes) };
  if (hours === 0) return t('duration.minutes', values);
  return minutes === 0 ? t('duration.hours', values) : t('duration.hoursMinutes', values);
}

/**
 * How much longer or shorter a day is than the one before, as "+2 min 10 s" / "−1 min 5 s".
 *
 * @example
 * formatDayLengthChange(130) // '+2 min 10 s'
 */
export function formatDayLengthChange(seconds: number): string {
  const sign = seconds < 0 ? '−' : '+';
  const abs = Math.abs(Math.round(seconds));
  const minutes = Math.floor(abs / 60);
  const rest = abs % 60;
  const values = { sign, minutes: formatNumber(minutes), seconds: formatNumber(rest) };
  return minutes === 0 ? t('duration.changeSeconds', values) : t('duration.change', values);
}

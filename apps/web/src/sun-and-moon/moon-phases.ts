import type { RouterOutputs } from '@skycast/api';

export type SunAndMoon = RouterOutputs['weather']['sunAndMoon'];
export type SunAndMoonDay = SunAndMoon['days'][number];
export type MoonPhaseName = SunAndMoonDay['moonPhase'];

/** Words and an icon for each phase; the icon is decoration, the words carry the meaning. */
export const MOON_PHASES: Record<MoonPhaseName, { label: string; icon: string }> = {
  'new-moon': { label: 'New moon', icon: '🌑' },
  'waxing-crescent': { label: 'Waxing crescent', icon: '🌒' },
  'first-quarter': { label: 'First quarter', icon: '🌓' },
  'waxing-gibbous': { label: 'Waxing gibbous', icon: '🌔' },
  'full-moon': { label: 'Full moon', icon: '🌕' },
  'waning-gibbous': { label: 'Waning gibbous', icon: '🌖' },
  'last-quarter': { label: 'Last quarter', icon: '🌗' },
  'waning-crescent': { label: 'Waning crescent', icon: '🌘' },
};

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
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
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
  return minutes === 0 ? `${sign}${rest} s` : `${sign}${minutes} min ${rest} s`;
}

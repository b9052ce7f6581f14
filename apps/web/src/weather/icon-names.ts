/**
 * The Meteocons the app shows (file names in `@bybas/weather-icons`): copied
 * as still SVGs by `pnpm --filter @skycast/web weather-icons`.
 */
export const ICON_NAMES = [
  'clear-day',
  'clear-night',
  'partly-cloudy-day',
  'partly-cloudy-night',
  'overcast',
  'haze-day',
  'haze-night',
  'dust-day',
  'dust-night',
  'fog-day',
  'fog-night',
  'thunderstorms-day',
  'thunderstorms-night',
  'wind',
  'tornado',
  'drizzle',
  'rain',
  'sleet',
  'snow',
  'partly-cloudy-day-rain',
  'partly-cloudy-night-rain',
  'partly-cloudy-day-snow',
  'partly-cloudy-night-snow',
  'hail',
  'thunderstorms-day-rain',
  'thunderstorms-night-rain',
  'raindrop',
  'moon-new',
  'moon-waxing-crescent',
  'moon-first-quarter',
  'moon-waxing-gibbous',
  'moon-full',
  'moon-waning-gibbous',
  'moon-last-quarter',
  'moon-waning-crescent',
] as const;

export type IconName = (typeof ICON_NAMES)[number];

import type { IconName } from './icon-names.ts';

/**
 * Each icon's URL: Vite emits the SVGs as files of their own (never inlined,
 * see `assetsInlineLimit` in vite.config.ts), so the JavaScript holds only
 * their names, and the browser fetches an icon the first time it is shown.
 */
const urls = import.meta.glob<string>('./icons/*.svg', {
  eager: true,
  query: '?url',
  import: 'default',
});

/**
 * The URL of one of the app's weather icons.
 *
 * @example
 * <img src={iconUrl('clear-day')} alt="" />
 */
export function iconUrl(name: IconName): string {
  const url = urls[`./icons/${name}.svg`];
  if (!url) throw new Error(`No icon ${name}: run pnpm --filter @skycast/web weather-icons`);
  return url;
}

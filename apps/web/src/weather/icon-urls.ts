import iconFolder from 'virtual:skycast/weather-icons';

import type { IconName } from './icon-names.ts';

/**
 * The URL of one of the app's weather icons. They are files of their own, in
 * one fingerprinted folder (build/weather-icons-plugin.ts), so the JavaScript
 * holds only their names, and the browser fetches an icon the first time it
 * is shown.
 *
 * @example
 * <img src={iconUrl('clear-day')} alt="" />
 */
export function iconUrl(name: IconName): string {
  return `${iconFolder}${name}.svg`;
}

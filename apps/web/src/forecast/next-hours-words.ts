import type { Clock } from '@skycast/validators';

import type { Forecast } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { formatTime } from '../weather/units.ts';

type Next = NonNullable<Forecast['nextTwoHours']>;

/**
 * The server's sentence about the next two hours, worded in the page's
 * language from its parts (`outlook`), its time on the person's clock; in
 * English on a 24-hour clock it reads as the server's.
 *
 * @example
 * outlookWords({ outlook: { change: 'starting', kind: 'rain', intensity: 'light', at: '14:15' }, interpolated: false })
 * // 'Light rain starting around 14:15.'
 */
export function outlookWords(
  next: Pick<Next, 'outlook' | 'interpolated'>,
  clock: Clock = '24h',
): string {
  const { change, kind, intensity } = next.outlook;
  const at = next.outlook.at && formatTime(next.outlook.at, clock);
  const values = { kind, intensity, at, estimated: next.interpolated ? 'yes' : 'no' };
  if (change === 'dry') return t('nextHours.dry', values);
  if (change === 'starting') return t('nextHours.starting', values);
  return t(change === 'stopping' ? 'nextHours.stopping' : 'nextHours.continuing', values);
}

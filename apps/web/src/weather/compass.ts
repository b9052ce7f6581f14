import { t, type MessageKey } from '../i18n/i18n.ts';

/** The 16 points, each with its abbreviation and its words for screen readers in the catalogues. */
const POINTS = [
  ['compass.N', 'compass.from.N'],
  ['compass.NNE', 'compass.from.NNE'],
  ['compass.NE', 'compass.from.NE'],
  ['compass.ENE', 'compass.from.ENE'],
  ['compass.E', 'compass.from.E'],
  ['compass.ESE', 'compass.from.ESE'],
  ['compass.SE', 'compass.from.SE'],
  ['compass.SSE', 'compass.from.SSE'],
  ['compass.S', 'compass.from.S'],
  ['compass.SSW', 'compass.from.SSW'],
  ['compass.SW', 'compass.from.SW'],
  ['compass.WSW', 'compass.from.WSW'],
  ['compass.W', 'compass.from.W'],
  ['compass.WNW', 'compass.from.WNW'],
  ['compass.NW', 'compass.from.NW'],
  ['compass.NNW', 'compass.from.NNW'],
] as const satisfies readonly (readonly [MessageKey, MessageKey])[];

export interface CompassPoint {
  /** "NW" (in the page's language) */
  abbreviation: string;
  /** "from the northwest", for screen readers */
  from: string;
}

/**
 * The nearest of the 16 compass points to a bearing in degrees, in the page's language.
 *
 * @example
 * compassPoint(315) // { abbreviation: 'NW', from: 'from the northwest' }
 */
export function compassPoint(degrees: number): CompassPoint {
  const normalized = ((degrees % 360) + 360) % 360;
  const index = Math.round(normalized / 22.5) % POINTS.length;
  const [abbreviation, from] = POINTS[index] ?? POINTS[0];
  return { abbreviation: t(abbreviation), from: t(from) };
}

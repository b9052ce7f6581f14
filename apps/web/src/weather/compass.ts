const POINTS = [
  ['N', 'north'],
  ['NNE', 'north-northeast'],
  ['NE', 'northeast'],
  ['ENE', 'east-northeast'],
  ['E', 'east'],
  ['ESE', 'east-southeast'],
  ['SE', 'southeast'],
  ['SSE', 'south-southeast'],
  ['S', 'south'],
  ['SSW', 'south-southwest'],
  ['SW', 'southwest'],
  ['WSW', 'west-southwest'],
  ['W', 'west'],
  ['WNW', 'west-northwest'],
  ['NW', 'northwest'],
  ['NNW', 'north-northwest'],
] as const;

export interface CompassPoint {
  /** "NW" */
  abbreviation: (typeof POINTS)[number][0];
  /** "northwest", for screen readers */
  name: (typeof POINTS)[number][1];
}

/**
 * The nearest of the 16 compass points to a bearing in degrees.
 *
 * @example
 * compassPoint(315) // { abbreviation: 'NW', name: 'northwest' }
 */
export function compassPoint(degrees: number): CompassPoint {
  const normalized = ((degrees % 360) + 360) % 360;
  const index = Math.round(normalized / 22.5) % POINTS.length;
  const [abbreviation, name] = POINTS[index] ?? POINTS[0];
  return { abbreviation, name };
}

import type { RouterOutputs } from '@skycast/api';

export type Pollen = NonNullable<RouterOutputs['weather']['airQuality']['pollen']>;
export type PollenType = keyof Pollen;

export interface PollenLevel {
  name: 'None' | 'Low' | 'Moderate' | 'High' | 'Very high';
  color: string;
}

const LEVELS: PollenLevel[] = [
  { name: 'None', color: '#9ca3af' },
  { name: 'Low', color: '#22c55e' },
  { name: 'Moderate', color: '#eab308' },
  { name: 'High', color: '#f97316' },
  { name: 'Very high', color: '#dc2626' },
];

/**
 * Lower bounds (grains/m³) of Low, Moderate, High and Very high. Trees and
 * grass follow the UK Met Office's pollen-count bands (birch; grass); the
 * weeds' are lower because a few ragweed grains already bring on symptoms.
 */
const BOUNDS: Record<PollenType, [number, number, number, number]> = {
  alder: [1, 30, 80, 200],
  birch: [1, 30, 80, 200],
  olive: [1, 30, 80, 200],
  grass: [1, 30, 50, 150],
  mugwort: [1, 10, 40, 100],
  ragweed: [1, 10, 40, 100],
};

export const POLLEN_NAMES: Record<PollenType, string> = {
  alder: 'Alder',
  birch: 'Birch',
  grass: 'Grass',
  mugwort: 'Mugwort',
  olive: 'Olive',
  ragweed: 'Ragweed',
};

/**
 * The level of a pollen count for its type.
 *
 * @example
 * pollenLevel('birch', 120) // { name: 'High', color: '#f97316' }
 */
export function pollenLevel(type: PollenType, grainsPerCubicMetre: number): PollenLevel {
  const passed = BOUNDS[type].filter((bound) => grainsPerCubicMetre >= bound).length;
  return LEVELS[passed]!;
}

/** The bands of a type as words, for the explanation under the counts. */
export function describeBands(type: PollenType): string {
  const [low, moderate, high, veryHigh] = BOUNDS[type];
  return `low ${low}–${moderate - 1}, moderate ${moderate}–${high - 1}, high ${high}–${veryHigh - 1}, very high ${veryHigh} or more`;
}

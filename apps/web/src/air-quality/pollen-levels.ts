import type { RouterOutputs } from '@skycast/api';

import { t, type MessageKey } from '../i18n/i18n.ts';

export type Pollen = NonNullable<RouterOutputs['weather']['airQuality']['pollen']>;
export type PollenType = keyof Pollen;

export interface PollenLevel {
  /** The level in words, in the page's language. */
  name: string;
  color: string;
}

const LEVELS: { key: MessageKey; color: string }[] = [
  { key: 'pollen.none', color: '#9ca3af' },
  { key: 'pollen.low', color: '#22c55e' },
  { key: 'pollen.moderate', color: '#eab308' },
  { key: 'pollen.high', color: '#f97316' },
  { key: 'pollen.veryHigh', color: '#dc2626' },
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

export const POLLEN_TYPES: readonly PollenType[] = [
  'alder',
  'birch',
  'grass',
  'mugwort',
  'olive',
  'ragweed',
];

/** A pollen type's name in the page's language. */
export function pollenName(type: PollenType): string {
  const names = {
    alder: t('pollen.alder'),
    birch: t('pollen.birch'),
    grass: t('pollen.grass'),
    mugwort: t('pollen.mugwort'),
    olive: t('pollen.olive'),
    ragweed: t('pollen.ragweed'),
  } satisfies Record<PollenType, string>;
  return names[type];
}

/**
 * The level of a pollen count for its type.
 *
 * @example
 * pollenLevel('birch', 120) // { name: 'High', color: '#f97316' }
 */
export function pollenLevel(type: PollenType, grainsPerCubicMetre: number): PollenLevel {
  const passed = BOUNDS[type].filter((bound) => grainsPerCubicMetre >= bound).length;
  const { key, color } = LEVELS[passed]!;
  return { name: t(key), color };
}

/** The bands of a type as words, for the explanation under the counts. */
export function describeBands(type: PollenType): string {
  const [low, moderate, high, veryHigh] = BOUNDS[type];
  return t('pollen.bands', {
    low,
    lowEnd: moderate - 1,
    moderate,
    moderateEnd: high - 1,
    high,
    highEnd: veryHigh - 1,
    veryHigh,
  });
}

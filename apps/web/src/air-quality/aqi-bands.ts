import { t, type MessageKey } from '../i18n/i18n.ts';

export interface AqiBand {
  /** The index's own words for the band, in the page's language. */
  name: string;
  /** The index's official colour for the band, shown as a swatch beside the words. */
  color: string;
}

interface Band {
  key: MessageKey;
  color: string;
}

/** Upper bounds (inclusive) and bands of the EEA's European Air Quality Index. */
const EUROPEAN: [number, Band][] = [
  [20, { key: 'aqi.eu.good', color: '#50f0e6' }],
  [40, { key: 'aqi.eu.fair', color: '#50ccaa' }],
  [60, { key: 'aqi.eu.moderate', color: '#f0e641' }],
  [80, { key: 'aqi.eu.poor', color: '#ff5050' }],
  [100, { key: 'aqi.eu.veryPoor', color: '#960032' }],
  [Infinity, { key: 'aqi.eu.extremelyPoor', color: '#7d2181' }],
];

/** Upper bounds (inclusive) and categories of the US EPA's Air Quality Index. */
const US: [number, Band][] = [
  [50, { key: 'aqi.us.good', color: '#00e400' }],
  [100, { key: 'aqi.us.moderate', color: '#ffff00' }],
  [150, { key: 'aqi.us.sensitive', color: '#ff7e00' }],
  [200, { key: 'aqi.us.unhealthy', color: '#ff0000' }],
  [300, { key: 'aqi.us.veryUnhealthy', color: '#8f3f97' }],
  [Infinity, { key: 'aqi.us.hazardous', color: '#7e0023' }],
];

function band(table: [number, Band][], value: number): AqiBand {
  const rounded = Math.round(value);
  const { key, color } = (table.find(([upTo]) => rounded <= upTo) ?? table[table.length - 1]!)[1];
  return { name: t(key), color };
}

/**
 * The band of a European AQI value.
 *
 * @example
 * europeanAqiBand(35) // { name: 'Fair', color: '#50ccaa' }
 */
export function europeanAqiBand(value: number): AqiBand {
  return band(EUROPEAN, value);
}

/**
 * The category of a US AQI value.
 *
 * @example
 * usAqiBand(120) // { name: 'Unhealthy for sensitive groups', color: '#ff7e00' }
 */
export function usAqiBand(value: number): AqiBand {
  return band(US, value);
}

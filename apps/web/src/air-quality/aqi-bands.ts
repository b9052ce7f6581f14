export interface AqiBand {
  /** The index's own words for the band. */
  name: string;
  /** The index's official colour for the band, shown as a swatch beside the words. */
  color: string;
}

/** Upper bounds (inclusive) and bands of the EEA's European Air Quality Index. */
const EUROPEAN: [number, AqiBand][] = [
  [20, { name: 'Good', color: '#50f0e6' }],
  [40, { name: 'Fair', color: '#50ccaa' }],
  [60, { name: 'Moderate', color: '#f0e641' }],
  [80, { name: 'Poor', color: '#ff5050' }],
  [100, { name: 'Very poor', color: '#960032' }],
  [Infinity, { name: 'Extremely poor', color: '#7d2181' }],
];

/** Upper bounds (inclusive) and categories of the US EPA's Air Quality Index. */
const US: [number, AqiBand][] = [
  [50, { name: 'Good', color: '#00e400' }],
  [100, { name: 'Moderate', color: '#ffff00' }],
  [150, { name: 'Unhealthy for sensitive groups', color: '#ff7e00' }],
  [200, { name: 'Unhealthy', color: '#ff0000' }],
  [300, { name: 'Very unhealthy', color: '#8f3f97' }],
  [Infinity, { name: 'Hazardous', color: '#7e0023' }],
];

function band(table: [number, AqiBand][], value: number): AqiBand {
  const rounded = Math.round(value);
  return (table.find(([upTo]) => rounded <= upTo) ?? table[table.length - 1]!)[1];
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

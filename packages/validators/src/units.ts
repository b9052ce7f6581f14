import type { UnitSystem, WindUnit } from './preferences.ts';

/**
 * The one set of unit factors and labels. The server converts a stored
 * forecast into the units it was asked for, the browser converts a served
 * answer into the person's choice; both import these values, so the two can
 * never disagree about how big an inch of mercury is.
 */

/** The temperature scale's symbol for each unit system. */
export const UNIT_SYSTEM_LABELS = { metric: '°C', imperial: '°F' } as const satisfies Record<
  UnitSystem,
  string
>;
/** The wind speed unit's label, as the API reports it, for each choice. */
export const WIND_UNIT_LABELS = {
  kmh: 'km/h',
  ms: 'm/s',
  mph: 'mph',
  kn: 'kn',
} as const satisfies Record<WindUnit, string>;

export type TemperatureLabel = (typeof UNIT_SYSTEM_LABELS)[UnitSystem];
export type WindSpeedLabel = (typeof WIND_UNIT_LABELS)[WindUnit];
export type PrecipitationLabel = 'mm' | 'inch';
export type PressureLabel = 'hPa' | 'inHg' | 'mmHg';
export type DistanceLabel = 'km' | 'mi';

/** The standard factors (NIST): a unit's size in the base unit of its quantity. */
export const KMH_PER: Readonly<Record<WindSpeedLabel, number>> = {
  'km/h': 1,
  'm/s': 3.6,
  mph: 1.609344,
  kn: 1.852,
};
export const MM_PER: Readonly<Record<PrecipitationLabel, number>> = { mm: 1, inch: 25.4 };
export const HPA_PER: Readonly<Record<PressureLabel, number>> = {
  hPa: 1,
  inHg: 33.8638866667,
  mmHg: 1.33322387415,
};
export const KM_PER: Readonly<Record<DistanceLabel, number>> = { km: 1, mi: 1.609344 };

/**
 * Turns a value from one unit into another of the same quantity, unrounded.
 *
 * @example
 * convert.temperature(20, '°C', '°F') // 68
 * convert.pressure(1013.25, 'hPa', 'mmHg') // 760.0…
 */
export const convert = {
  temperature(value: number, from: TemperatureLabel, to: TemperatureLabel): number {
    if (from === to) return value;
    return to === '°F' ? (value * 9) / 5 + 32 : ((value - 32) * 5) / 9;
  },
  windSpeed: (value: number, from: WindSpeedLabel, to: WindSpeedLabel) =>
    from === to ? value : (value * KMH_PER[from]) / KMH_PER[to],
  precipitation: (value: number, from: PrecipitationLabel, to: PrecipitationLabel) =>
    from === to ? value : (value * MM_PER[from]) / MM_PER[to],
  pressure: (value: number, from: PressureLabel, to: PressureLabel) =>
    from === to ? value : (value * HPA_PER[from]) / HPA_PER[to],
  distance: (value: number, from: DistanceLabel, to: DistanceLabel) =>
    from === to ? value : (value * KM_PER[from]) / KM_PER[to],
};

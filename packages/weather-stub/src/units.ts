/** Unit systems as Open-Meteo names them in its query parameters. */
export interface UnitChoice {
  temperature: 'celsius' | 'fahrenheit';
  windSpeed: 'kmh' | 'ms' | 'mph' | 'kn';
  precipitation: 'mm' | 'inch';
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export const celsiusToFahrenheit = (celsius: number) => (celsius * 9) / 5 + 32;
export const celsiusToKelvin = (celsius: number) => celsius + 273.15;

const KMH_PER: Record<UnitChoice['windSpeed'], number> = {
  kmh: 1,
  ms: 3.6,
  mph: 1.609344,
  kn: 1.852,
};

export const fromKmh = (kmh: number, unit: UnitChoice['windSpeed']) => kmh / KMH_PER[unit];

/** Rounds a positive amount without letting it vanish: a little rain stays a little rain. */
export function roundAmount(value: number, decimals: number): number {
  if (value <= 0) return 0;
  return Math.max(10 ** -decimals, round(value, decimals));
}

import { z } from 'zod';

import type { ProviderForecast, Units } from './model.ts';

export const unitSystemSchema = z.enum(['metric', 'imperial']);
export const windUnitSchema = z.enum(['kmh', 'ms', 'mph', 'kn']);
export type UnitSystem = z.infer<typeof unitSystemSchema>;
export type WindUnit = z.infer<typeof windUnitSchema>;

export interface UnitChoice {
  units: UnitSystem;
  windUnit: WindUnit;
}

const WIND_LABEL = { kmh: 'km/h', ms: 'm/s', mph: 'mph', kn: 'kn' } as const;
/** km/h per one of each unit. */
const KMH_PER = { kmh: 1, ms: 3.6, mph: 1.609344, kn: 1.852 } as const;

const round = (value: number, places: number) => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};
const orNull = <T>(value: T | null, convert: (value: T) => number) =>
  value === null ? null : convert(value);

/** The labels for a unit choice, as the API reports them. */
export function unitsFor(choice: UnitChoice): Units {
  const imperial = choice.units === 'imperial';
  return {
    temperature: imperial ? '°F' : '°C',
    windSpeed: WIND_LABEL[choice.windUnit],
    precipitation: imperial ? 'inch' : 'mm',
    pressure: imperial ? 'inHg' : 'hPa',
    visibility: imperial ? 'mi' : 'km',
  };
}

/**
 * Converts a forecast from the canonical units providers are asked for
 * (°C, km/h, mm, hPa, metres) into the caller's choice. Stored data stays
 * canonical, so one stored forecast serves every unit choice.
 *
 * @example
 * const { forecast, units } = convertForecast(stored, { units: 'imperial', windUnit: 'mph' });
 */
export function convertForecast(
  source: ProviderForecast,
  choice: UnitChoice,
): { forecast: ProviderForecast; units: Units } {
  const imperial = choice.units === 'imperial';
  const temperature = (celsius: number) => round(imperial ? (celsius * 9) / 5 + 32 : celsius, 1);
  const wind = (kmh: number) => round(kmh / KMH_PER[choice.windUnit], 1);
  const precipitation = (mm: number) => (imperial ? round(mm / 25.4, 2) : round(mm, 1));
  const pressure = (hpa: number) => (imperial ? round(hpa * 0.02953, 2) : round(hpa, 0));
  const visibility = (metres: number) => round(imperial ? metres / 1609.344 : metres / 1000, 1);

  return {
    units: unitsFor(choice),
    forecast: {
      location: source.location,
      current: {
        ...source.current,
        temperature: temperature(source.current.temperature),
        apparentTemperature: temperature(source.current.apparentTemperature),
        windSpeed: wind(source.current.windSpeed),
        windGusts: orNull(source.current.windGusts, wind),
        precipitation: precipitation(source.current.precipitation),
        pressure: orNull(source.current.pressure, pressure),
        visibility: orNull(source.current.visibility, visibility),
      },
      hourly: source.hourly.map((hour) => ({
        ...hour,
        temperature: temperature(hour.temperature),
        apparentTemperature: orNull(hour.apparentTemperature, temperature),
        precipitation: orNull(hour.precipitation, precipitation),
        windSpeed: wind(hour.windSpeed),
      })),
      daily: source.daily.map((day) => ({
        ...day,
        temperatureMax: temperature(day.temperatureMax),
        temperatureMin: temperature(day.temperatureMin),
        precipitationSum: orNull(day.precipitationSum, precipitation),
      })),
    },
  };
}

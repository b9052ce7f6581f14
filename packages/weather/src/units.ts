import {
  convert,
  UNIT_SYSTEM_LABELS,
  WIND_UNIT_LABELS,
  type UnitChoice,
  type UnitSystem,
} from '@skycast/validators';

import type { ProviderForecast, Units } from './model.ts';

/** Rounds half up; `+ 0` turns -0 into 0, so -0.04 °C does not show as "-0". */
const round = (value: number, places: number) => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor + 0;
};
const orNull = <T>(value: T | null, one: (value: T) => number) =>
  value === null ? null : one(value);

/**
 * An amount of precipitation in mm in the unit system asked for, rounded as a forecast shows it.
 *
 * @example
 * convertPrecipitation(2.54, 'imperial'); // 0.1
 */
export function convertPrecipitation(mm: number, system: UnitSystem): number {
  return system === 'imperial' ? round(convert.precipitation(mm, 'mm', 'inch'), 3) : round(mm, 2);
}

/**
 * A temperature in °C in the unit system asked for, rounded as a forecast shows it.
 *
 * @example
 * convertTemperature(20, 'imperial'); // 68
 */
export function convertTemperature(celsius: number, system: UnitSystem): number {
  return round(convert.temperature(celsius, '°C', UNIT_SYSTEM_LABELS[system]), 1);
}

/**
 * The labels for a unit choice, as the API reports them.
 *
 * @example
 * unitsFor({ units: 'metric', windUnit: 'kmh' });
 * // { temperature: '°C', windSpeed: 'km/h', precipitation: 'mm', pressure: 'hPa', visibility: 'km' }
 */
export function unitsFor(choice: UnitChoice): Units {
  const imperial = choice.units === 'imperial';
  return {
    temperature: UNIT_SYSTEM_LABELS[choice.units],
    windSpeed: WIND_UNIT_LABELS[choice.windUnit],
    precipitation: imperial ? 'inch' : 'mm',
    pressure: imperial ? 'inHg' : 'hPa',
    visibility: imperial ? 'mi' : 'km',
  };
}

/**
 * Converts a forecast from the canonical units providers are asked for
 * (°C, km/h, mm, hPa, metres) into the caller's choice. Stored data stays
 * canonical, so one stored forecast serves every unit choice. Values are
 * rounded to what a display needs; small amounts of rain keep two decimals
 * (three in inches) so that a drizzle does not round away to 0. The 15-minute
 * steps are left out: the service serves them as `nextTwoHours`.
 *
 * @example
 * const { forecast, units } = convertForecast(stored, { units: 'imperial', windUnit: 'mph' });
 */
export function convertForecast(
  source: ProviderForecast,
  choice: UnitChoice,
): { forecast: Omit<ProviderForecast, 'minutely15'>; units: Units } {
  const units = unitsFor(choice);
  const imperial = choice.units === 'imperial';
  const temperature = (celsius: number) => convertTemperature(celsius, choice.units);
  const wind = (kmh: number) => round(convert.windSpeed(kmh, 'km/h', units.windSpeed), 1);
  const precipitation = (mm: number) => convertPrecipitation(mm, choice.units);
  const pressure = (hpa: number) =>
    round(convert.pressure(hpa, 'hPa', units.pressure), imperial ? 2 : 1);
  const visibility = (metres: number) =>
    round(convert.distance(metres / 1000, 'km', units.visibility), 1);

  return {
    units,
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
        windGusts: orNull(hour.windGusts, wind),
        dewPoint: orNull(hour.dewPoint, temperature),
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

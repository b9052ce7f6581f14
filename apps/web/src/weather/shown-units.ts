import type { RouterOutputs } from '@skycast/api';

import type { Forecast, Units } from '../api-types.ts';
import { AMOUNT_HOURS, shownWeatherCode } from './rain-story.ts';
import { converterFor } from './units.ts';

type DayDetail = RouterOutputs['weather']['day'];

/** A forecast as a page shows it: every value in the person's units, which `units` names. */
export type ShownForecast = Omit<Forecast, 'units'> & { units: Units };
export type ShownDayDetail = Omit<DayDetail, 'units'> & { units: Units };

/**
 * The forecast in the person's units, each weather code held to its amount by
 * the page's one rule about rain (`rain-story.ts`). The API is asked in its default units
 * (one cached answer for everyone, in the browser, a CDN and the server's
 * memory) and the page converts; nothing is asked again when a unit changes.
 *
 * @example
 * showForecast(answer, unitsOf(usePreferences())).current.temperature
 */
export function showForecast(forecast: Forecast, units: Units): ShownForecast {
  const to = converterFor(forecast.units, units);
  const served = forecast.units.precipitation;
  return {
    ...forecast,
    units,
    current: {
      ...showMoment(forecast.current, to, served, AMOUNT_HOURS.current),
      pressure: to.pressure(forecast.current.pressure),
      visibility: to.distance(forecast.current.visibility),
    },
    hourly: forecast.hourly.map((hour) => showHour(hour, to, served)),
    daily: forecast.daily.map((day) => showDay(day, to, served)),
    yesterday: forecast.yesterday && {
      ...forecast.yesterday,
      temperature: to.temperature(forecast.yesterday.temperature),
      temperatureMax: to.temperature(forecast.yesterday.temperatureMax),
      temperatureMin: to.temperature(forecast.yesterday.temperatureMin),
    },
    nextTwoHours: forecast.nextTwoHours && {
      ...forecast.nextTwoHours,
      steps: forecast.nextTwoHours.steps.map((step) => ({
        ...step,
        precipitation: to.precipitation(step.precipitation),
      })),
    },
  };
}

/** One day hour by hour in the person's units. */
export function showDayDetail(detail: DayDetail, units: Units): ShownDayDetail {
  const to = converterFor(detail.units, units);
  const served = detail.units.precipitation;
  return {
    ...detail,
    units,
    day: showDay(detail.day, to, served),
    hours: detail.hours.map((hour) => showHour(hour, to, served)),
  };
}

type Converter = ReturnType<typeof converterFor>;
type Served = Forecast['units']['precipitation'];

/** What the current conditions and an hour both hold. */
interface Moment {
  weatherCode: number;
  temperature: number;
  apparentTemperature: number | null;
  precipitation: number | null;
  windSpeed: number;
  windGusts: number | null;
}

/** The current conditions or an hour in the person's units: one rule for both. */
function showMoment<M extends Moment>(moment: M, to: Converter, served: Served, hours: number): M {
  return {
    ...moment,
    weatherCode: shownWeatherCode(moment.weatherCode, moment.precipitation, hours, served),
    temperature: to.temperature(moment.temperature),
    apparentTemperature: to.temperature(moment.apparentTemperature),
    precipitation: to.precipitation(moment.precipitation),
    windSpeed: to.windSpeed(moment.windSpeed),
    windGusts: to.windSpeed(moment.windGusts),
  };
}

function showHour<Hour extends Forecast['hourly'][number]>(
  hour: Hour,
  to: Converter,
  served: Served,
): Hour {
  return {
    ...showMoment(hour, to, served, AMOUNT_HOURS.hour),
    dewPoint: to.temperature(hour.dewPoint),
  };
}

function showDay<Day extends Forecast['daily'][number]>(
  day: Day,
  to: Converter,
  served: Served,
): Day {
  return {
    ...day,
    weatherCode: shownWeatherCode(day.weatherCode, day.precipitationSum, AMOUNT_HOURS.day, served),
    temperatureMax: to.temperature(day.temperatureMax),
    temperatureMin: to.temperature(day.temperatureMin),
    precipitationSum: to.precipitation(day.precipitationSum),
  };
}

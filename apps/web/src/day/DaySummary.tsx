import type { DailyEntry, Units } from '../api-types.ts';
import { WeatherIcon } from '../forecast/WeatherIcon.tsx';
import {
  formatPercent,
  formatPrecipitation,
  formatTemperature,
  formatTime,
  formatUvIndex,
} from '../weather/units.ts';
import { describeWeather } from '../weather/weather-codes.ts';

/** The day at a glance: condition, high and low, precipitation, sun and UV. */
export function DaySummary({ day, units }: { day: DailyEntry; units: Units }) {
  const { label } = describeWeather(day.weatherCode, true);
  return (
    <section className="day-summary card" aria-label="The day at a glance">
      <WeatherIcon code={day.weatherCode} isDay className="day-summary__icon" />
      <div>
        <p className="day-summary__condition">{label}</p>
        <p className="day-summary__range">
          High{' '}
          <span data-temperature>{formatTemperature(day.temperatureMax, units.temperature)}</span> ·
          Low{' '}
          <span data-temperature>{formatTemperature(day.temperatureMin, units.temperature)}</span>
        </p>
      </div>
      <dl className="day-summary__facts">
        {day.precipitationSum !== null && (
          <div>
            <dt>Precipitation</dt>
            <dd>{formatPrecipitation(day.precipitationSum, units.precipitation)}</dd>
          </div>
        )}
        {day.precipitationProbabilityMax !== null && (
          <div>
            <dt>Chance</dt>
            <dd>{formatPercent(day.precipitationProbabilityMax)}</dd>
          </div>
        )}
        {day.sunrise && (
          <div>
            <dt>Sunrise</dt>
            <dd>{formatTime(day.sunrise, units.clock)}</dd>
          </div>
        )}
        {day.sunset && (
          <div>
            <dt>Sunset</dt>
            <dd>{formatTime(day.sunset, units.clock)}</dd>
          </div>
        )}
        {day.uvIndexMax !== null && (
          <div>
            <dt>UV index</dt>
            <dd>{formatUvIndex(day.uvIndexMax)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

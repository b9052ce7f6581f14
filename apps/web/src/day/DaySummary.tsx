import type { DailyEntry, Units } from '../api-types.ts';
import { WeatherIcon } from '../forecast/WeatherIcon.tsx';
import { Fact } from '../ui/Fact.tsx';
import { hourOf } from '../weather/local-time.ts';
import {
  formatPercent,
  formatPrecipitation,
  formatTemperature,
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
          <Fact term="Precipitation">
            {formatPrecipitation(day.precipitationSum, units.precipitation)}
          </Fact>
        )}
        {day.precipitationProbabilityMax !== null && (
          <Fact term="Chance">{formatPercent(day.precipitationProbabilityMax)}</Fact>
        )}
        {day.sunrise && <Fact term="Sunrise">{hourOf(day.sunrise)}</Fact>}
        {day.sunset && <Fact term="Sunset">{hourOf(day.sunset)}</Fact>}
        {day.uvIndexMax !== null && <Fact term="UV index">{formatUvIndex(day.uvIndexMax)}</Fact>}
      </dl>
    </section>
  );
}

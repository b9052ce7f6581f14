import type { CurrentConditions as Current, DailyEntry, Units } from '../api-types.ts';
import { compassPoint } from '../weather/compass.ts';
import {
  formatPercent,
  formatPrecipitation,
  formatTemperature,
  formatWindSpeed,
} from '../weather/units.ts';
import { describeWeather } from '../weather/weather-codes.ts';
import { WeatherIcon } from './WeatherIcon.tsx';
import { WindArrow } from './WindArrow.tsx';
import './CurrentConditions.css';

interface CurrentConditionsProps {
  current: Current;
  /** Today's entry, for the day's high and low. */
  today: DailyEntry | undefined;
  units: Units;
}

/** The weather right now: conditions, temperature, feels like, humidity, wind and precipitation. */
export function CurrentConditions({ current, today, units }: CurrentConditionsProps) {
  const { label } = describeWeather(current.weatherCode, current.isDay);
  const wind = compassPoint(current.windDirection);
  return (
    <section className="current card" aria-labelledby="current-title">
      <h2 id="current-title" className="current__title">
        Right now
      </h2>
      <div className="current__summary">
        <WeatherIcon code={current.weatherCode} isDay={current.isDay} className="current__icon" />
        <div>
          <p className="current__temperature">
            {formatTemperature(current.temperature, units.temperature)}
          </p>
          <p className="current__condition">{label}</p>
          <p className="current__feels">
            Feels like {formatTemperature(current.apparentTemperature, units.temperature)}
          </p>
          {today && (
            <p className="current__high-low">
              High {formatTemperature(today.temperatureMax, units.temperature)} · Low{' '}
              {formatTemperature(today.temperatureMin, units.temperature)}
            </p>
          )}
        </div>
      </div>
      <dl className="current__details">
        <div className="current__detail">
          <dt>Humidity</dt>
          <dd>{formatPercent(current.humidity)}</dd>
        </div>
        <div className="current__detail">
          <dt>Wind</dt>
          <dd>
            <WindArrow fromDegrees={current.windDirection} />
            <span>
              {formatWindSpeed(current.windSpeed, units.windSpeed)}{' '}
              <abbr title={`from the ${wind.name}`}>{wind.abbreviation}</abbr>
              <span className="visually-hidden"> (from the {wind.name})</span>
            </span>
          </dd>
        </div>
        <div className="current__detail">
          <dt>Precipitation</dt>
          <dd>{formatPrecipitation(current.precipitation, units.precipitation)}</dd>
        </div>
      </dl>
    </section>
  );
}

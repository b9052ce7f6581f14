import type { CurrentConditions as Current, DailyEntry, Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { formatTemperature } from '../weather/units.ts';
import { describeWeather } from '../weather/weather-codes.ts';
import { WeatherIcon } from './WeatherIcon.tsx';
import './CurrentConditions.css';

interface CurrentConditionsProps {
  current: Current;
  /** Today's entry, for the day's high and low. */
  today: DailyEntry | undefined;
  units: Units;
  /** The sentence about rain in the next two hours, where the forecast has one. */
  outlook?: string | undefined;
  /** The heading, when these are not the conditions right now (a stored copy, offline). */
  title?: string | undefined;
}

/**
 * The weather right now, the first thing on a phone's screen, in the order a
 * screen reader should read it: temperature, conditions, high and low, feels
 * like, and the next two hours when dry. How it compares with yesterday and
 * the details sit lower on the page (`CurrentDetails`).
 */
export function CurrentConditions({
  current,
  today,
  units,
  outlook,
  title,
}: CurrentConditionsProps) {
  const { label } = describeWeather(current.weatherCode, current.isDay);
  return (
    <section className="current card" aria-labelledby="current-title">
      <h2 id="current-title" className="current__title">
        {title ?? t('current.title')}
      </h2>
      <div className="current__summary">
        <WeatherIcon code={current.weatherCode} isDay={current.isDay} className="current__icon" />
        <p className="current__temperature" data-temperature>
          {formatTemperature(current.temperature, units.temperature)}
        </p>
        <div className="current__words">
          <p className="current__condition">
            {label}
            <span className="current__daylight">
              {' · '}
              {current.isDay ? t('current.day') : t('current.night')}
            </span>
          </p>
          {today && (
            <p className="current__high-low">
              <span>
                {t('current.high')}{' '}
                <span data-temperature>
                  {formatTemperature(today.temperatureMax, units.temperature)}
                </span>
              </span>{' '}
              ·{' '}
              <span>
                {t('current.low')}{' '}
                <span data-temperature>
                  {formatTemperature(today.temperatureMin, units.temperature)}
                </span>
              </span>
            </p>
          )}
          <p className="current__feels">
            {t('current.feelsLike')}{' '}
            <span data-temperature>
              {formatTemperature(current.apparentTemperature, units.temperature)}
            </span>
          </p>
        </div>
      </div>
      {outlook && <p className="current__outlook">{outlook}</p>}
    </section>
  );
}

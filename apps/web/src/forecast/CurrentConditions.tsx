import { Trans } from '@lingui/react';
import type { ReactNode } from 'react';

import type { CurrentConditions as Current, DailyEntry, Forecast, Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { compassPoint } from '../weather/compass.ts';
import {
  formatPercent,
  formatPrecipitation,
  formatPressure,
  formatTemperature,
  formatTime,
  formatUvIndex,
  formatVisibility,
  formatWindSpeed,
} from '../weather/units.ts';
import { describeWeather } from '../weather/weather-codes.ts';
import { againstYesterday, comparedWithYesterday } from '../weather/yesterday.ts';
import { WeatherIcon } from './WeatherIcon.tsx';
import { WindArrow } from './WindArrow.tsx';
import './CurrentConditions.css';

interface CurrentConditionsProps {
  current: Current;
  /** Today's entry, for the day's high and low, sunrise and sunset. */
  today: DailyEntry | undefined;
  /** Yesterday at this time and its high and low; null where the provider has no past. */
  yesterday: Forecast['yesterday'];
  units: Units;
  /** The heading, when these are not the conditions right now (a stored copy, offline). */
  title?: string | undefined;
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="current__detail">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * The weather right now, in the order a screen reader should read it:
 * conditions, temperature, feels like, high and low, then the details.
 */
export function CurrentConditions({
  current,
  today,
  yesterday,
  units,
  title,
}: CurrentConditionsProps) {
  const { label } = describeWeather(current.weatherCode, current.isDay);
  const wind = compassPoint(current.windDirection);
  return (
    <section className="current card" aria-labelledby="current-title">
      <h2 id="current-title" className="current__title">
        {title ?? t('current.title')}
      </h2>
      <div className="current__summary">
        <WeatherIcon code={current.weatherCode} isDay={current.isDay} className="current__icon" />
        <div>
          <p className="current__temperature" data-temperature>
            {formatTemperature(current.temperature, units.temperature)}
          </p>
          <p className="current__condition">
            {label}
            <span className="current__daylight">
              {' · '}
              {current.isDay ? t('current.day') : t('current.night')}
            </span>
          </p>
          <p className="current__feels">
            {t('current.feelsLike')}{' '}
            <span data-temperature>
              {formatTemperature(current.apparentTemperature, units.temperature)}
            </span>
          </p>
          {today && (
            <p className="current__high-low">
              {t('current.high')}{' '}
              <span data-temperature>
                {formatTemperature(today.temperatureMax, units.temperature)}
              </span>{' '}
              · {t('current.low')}{' '}
              <span data-temperature>
                {formatTemperature(today.temperatureMin, units.temperature)}
              </span>
            </p>
          )}
          {yesterday && (
            <p className="current__yesterday">
              {yesterday.temperature !== null &&
                `${comparedWithYesterday(current.temperature, yesterday.temperature)} `}
              {today ? (
                <Trans
                  id={againstYesterday(today.temperatureMax, yesterday.temperatureMax)}
                  values={{
                    difference: Math.abs(
                      Math.round(today.temperatureMax - yesterday.temperatureMax),
                    ),
                    high: formatTemperature(yesterday.temperatureMax, units.temperature),
                  }}
                  components={{ 0: <span data-temperature /> }}
                />
              ) : null}
            </p>
          )}
        </div>
      </div>
      <dl className="current__details">
        <Detail term={t('current.wind')}>
          <WindArrow fromDegrees={current.windDirection} />
          <span data-wind>
            {formatWindSpeed(current.windSpeed, units.windSpeed)}{' '}
            <abbr title={wind.from}>{wind.abbreviation}</abbr>
            <span className="visually-hidden"> ({wind.from})</span>
          </span>
        </Detail>
        {current.windGusts !== null && (
          <Detail term={t('current.gusts')}>
            <span data-wind>{formatWindSpeed(current.windGusts, units.windSpeed)}</span>
          </Detail>
        )}
        <Detail term={t('current.humidity')}>{formatPercent(current.humidity)}</Detail>
        <Detail term={t('current.precipitation')}>
          {formatPrecipitation(current.precipitation, units.precipitation)}
        </Detail>
        {current.uvIndex !== null && (
          <Detail term={t('current.uvIndex')}>{formatUvIndex(current.uvIndex)}</Detail>
        )}
        {current.pressure !== null && (
          <Detail term={t('current.pressure')}>
            {formatPressure(current.pressure, units.pressure)}
          </Detail>
        )}
        {current.visibility !== null && (
          <Detail term={t('current.visibility')}>
            {formatVisibility(current.visibility, units.visibility)}
          </Detail>
        )}
        {today?.sunrise && (
          <Detail term={t('current.sunrise')}>{formatTime(today.sunrise, units.clock)}</Detail>
        )}
        {today?.sunset && (
          <Detail term={t('current.sunset')}>{formatTime(today.sunset, units.clock)}</Detail>
        )}
      </dl>
    </section>
  );
}

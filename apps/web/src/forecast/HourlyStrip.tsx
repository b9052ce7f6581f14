import { Suspense } from 'react';

import type { DailyEntry, HourlyEntry, Units } from '../api-types.ts';
import { LazyHourlyChart } from '../chart/lazy-chart.ts';
import { t } from '../i18n/i18n.ts';
import { ImageIcon } from '../ui/ImageIcon.tsx';
import { dateOf, hourOf, isDaytime, weekdayOf } from '../weather/local-time.ts';
import { formatHour, formatPercent, formatShortTemperature } from '../weather/units.ts';
import { WeatherIcon } from './WeatherIcon.tsx';
import './HourlyStrip.css';

const HOURS_SHOWN = 48;

interface HourlyStripProps {
  /** Starts at the current hour (the API trims the past). */
  hourly: HourlyEntry[];
  /** For sunrise and sunset, when an hour does not say whether it is day. */
  daily: DailyEntry[];
  units: Units;
}

/**
 * The next 48 hours: a strip that scrolls sideways with time, icon,
 * temperature and chance per hour, then a chart of temperature and chance of
 * precipitation.
 */
export function HourlyStrip({ hourly, daily, units }: HourlyStripProps) {
  const hours = hourly.slice(0, HOURS_SHOWN);
  const days = new Map(daily.map((day) => [day.date, day]));
  return (
    <section className="hourly" aria-labelledby="hourly-title">
      <h2 id="hourly-title" className="section-title">
        {t('hourly.title', { count: hours.length })}
      </h2>
      {/* Focusable so that keyboard users can scroll it. */}
      <ol className="hourly__list card" tabIndex={0} aria-labelledby="hourly-title">
        {hours.map((hour, index) => {
          const day = days.get(dateOf(hour.time));
          const isDay = hour.isDay ?? isDaytime(hour.time, day?.sunrise, day?.sunset);
          const startsDay = index > 0 && hourOf(hour.time) === '00:00';
          return (
            <li key={hour.time} className={startsDay ? 'hour hour--starts-day' : 'hour'}>
              <span className="hour__day">
                {startsDay ? weekdayOf(hour.time) : index === 0 ? t('time.today') : ''}
              </span>
              <span className="hour__time">
                {index === 0 ? t('time.now') : formatHour(hour.time, units.clock)}
              </span>
              <WeatherIcon code={hour.weatherCode} isDay={isDay} labelled className="hour__icon" />
              <span className="hour__temperature" data-temperature>
                {formatShortTemperature(hour.temperature, units.temperature)}
              </span>
              <span className="hour__precipitation">
                {hour.precipitationProbability !== null && (
                  <>
                    <ImageIcon name="raindrop" className="drop" />
                    {formatPercent(hour.precipitationProbability)}
                    <span className="visually-hidden"> {t('forecast.chanceOfPrecipitation')}</span>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      <Suspense fallback={null}>
        <LazyHourlyChart hours={hours} units={units} />
      </Suspense>
    </section>
  );
}

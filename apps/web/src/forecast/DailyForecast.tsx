import { useState, type CSSProperties } from 'react';

import type { DailyEntry, Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { ImageIcon } from '../ui/ImageIcon.tsx';
import { weekdayOf } from '../weather/local-time.ts';
import { rangeBar } from '../weather/temperature-range.ts';
import { formatPercent, formatShortTemperature } from '../weather/units.ts';
import { describeWeather } from '../weather/weather-codes.ts';
import { WeatherIcon } from './WeatherIcon.tsx';
import './DailyForecast.css';

/** Days shown at first; the rest (up to the provider's 16) behind a button. */
const DAYS_SHOWN = 10;

interface DailyForecastProps {
  /** Starts today (the API drops past days). */
  daily: DailyEntry[];
  /** Today's date at the place, `YYYY-MM-DD`. */
  today: string;
  units: Units;
  /** The path of a day's detail page: each row links there. */
  dayHref: (date: string) => string;
}

/**
 * The coming days, one row each: weekday, icon, chance of precipitation, low
 * and high on a shared scale. Each row is a link to that day hour by hour.
 */
export function DailyForecast({ daily, today, units, dayHref }: DailyForecastProps) {
  const [showAll, setShowAll] = useState(false);
  const days = showAll ? daily : daily.slice(0, DAYS_SHOWN);
  const lowest = Math.min(...days.map((day) => day.temperatureMin));
  const highest = Math.max(...days.map((day) => day.temperatureMax));
  return (
    <section className="daily" aria-labelledby="daily-title">
      <h2 id="daily-title" className="section-title">
        {t('daily.title', { count: days.length })}
      </h2>
      <ol className="daily__list card">
        {days.map((day) => {
          const { label } = describeWeather(day.weatherCode, true);
          const bar = rangeBar(day.temperatureMin, day.temperatureMax, lowest, highest);
          const barStyle = { '--start': `${bar.start}%`, '--end': `${bar.end}%` } as CSSProperties;
          return (
            <li key={day.date} className="day">
              <AppLink href={dayHref(day.date)} className="day__name">
                {day.date === today ? (
                  t('time.today')
                ) : (
                  <abbr title={weekdayOf(day.date, 'long')}>{weekdayOf(day.date)}</abbr>
                )}
                <span className="visually-hidden">{t('daily.hourByHour')}</span>
              </AppLink>
              <WeatherIcon code={day.weatherCode} isDay className="day__icon" />
              <span className="day__condition">{label}</span>
              <span className="day__precipitation">
                {day.precipitationProbabilityMax !== null && (
                  <>
                    <ImageIcon name="raindrop" className="drop" />
                    {formatPercent(day.precipitationProbabilityMax)}
                    <span className="visually-hidden"> {t('forecast.chanceOfPrecipitation')}</span>
                  </>
                )}
              </span>
              <span className="day__low">
                <span className="visually-hidden">{t('current.low')} </span>
                <span data-temperature>
                  {formatShortTemperature(day.temperatureMin, units.temperature)}
                </span>
              </span>
              <span className="day__bar" style={barStyle} aria-hidden="true" />
              <span className="day__high">
                <span className="visually-hidden">{t('current.high')} </span>
                <span data-temperature>
                  {formatShortTemperature(day.temperatureMax, units.temperature)}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
      {daily.length > DAYS_SHOWN && (
        <button
          type="button"
          className="button button--quiet daily__more"
          aria-expanded={showAll}
          onClick={() => setShowAll((shown) => !shown)}
        >
          {showAll
            ? t('daily.showFewer', { count: DAYS_SHOWN })
            : t('daily.showAll', { count: daily.length })}
        </button>
      )}
    </section>
  );
}

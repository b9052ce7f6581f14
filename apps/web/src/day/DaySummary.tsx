import type { DailyEntry, Units } from '../api-types.ts';
import { WeatherIcon } from '../forecast/WeatherIcon.tsx';
import { t } from '../i18n/i18n.ts';
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
    <section className="day-summary card" aria-label={t('day.atAGlance')}>
      <WeatherIcon code={day.weatherCode} isDay className="day-summary__icon" />
      <div>
        <p className="day-summary__condition">{label}</p>
        <p className="day-summary__range">
          {t('current.high')}{' '}
          <span data-temperature>{formatTemperature(day.temperatureMax, units.temperature)}</span> ·{' '}
          {t('current.low')}{' '}
          <span data-temperature>{formatTemperature(day.temperatureMin, units.temperature)}</span>
        </p>
      </div>
      <dl className="day-summary__facts">
        {day.precipitationSum !== null && (
          <div>
            <dt>{t('current.precipitation')}</dt>
            <dd>{formatPrecipitation(day.precipitationSum, units.precipitation)}</dd>
          </div>
        )}
        {day.precipitationProbabilityMax !== null && (
          <div>
            <dt>{t('day.chance')}</dt>
            <dd>{formatPercent(day.precipitationProbabilityMax)}</dd>
          </div>
        )}
        {day.sunrise && (
          <div>
            <dt>{t('current.sunrise')}</dt>
            <dd>{hourOf(day.sunrise)}</dd>
          </div>
        )}
        {day.sunset && (
          <div>
            <dt>{t('current.sunset')}</dt>
            <dd>{hourOf(day.sunset)}</dd>
          </div>
        )}
        {day.uvIndexMax !== null && (
          <div>
            <dt>{t('current.uvIndex')}</dt>
            <dd>{formatUvIndex(day.uvIndexMax)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

import type { DailyEntry, Units } from '../api-types.ts';
import { WeatherIcon } from '../forecast/WeatherIcon.tsx';
import { t } from '../i18n/i18n.ts';
import { Fact } from '../ui/Fact.tsx';
import {
  formatPercent,
  formatPrecipitation,
  formatTemperature,
  formatTime,
} from '../weather/units.ts';
import { formatUvIndex } from '../weather/detail-units.ts';
import { describeWeather } from '../weather/weather-codes.ts';

/**
 * The day at a glance: condition, high and low, precipitation, sun and UV.
 * Sunrise and sunset come from the sun and moon answer, the page's one source
 * of them; they show once it is there.
 */
export function DaySummary({
  day,
  sun,
  units,
}: {
  day: DailyEntry;
  sun: { sunrise: string | null; sunset: string | null } | undefined;
  units: Units;
}) {
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
          <Fact term={t('current.precipitation')}>
            {formatPrecipitation(day.precipitationSum, units.precipitation)}
          </Fact>
        )}
        {day.precipitationProbabilityMax !== null && (
          <Fact term={t('day.chance')}>{formatPercent(day.precipitationProbabilityMax)}</Fact>
        )}
        {day.polar && (
          <Fact term={t('sun.title')}>
            {day.polar === 'polar-night' ? t('day.polarNight') : t('day.midnightSun')}
          </Fact>
        )}
        {sun?.sunrise && (
          <Fact term={t('current.sunrise')}>{formatTime(sun.sunrise, units.clock)}</Fact>
        )}
        {sun?.sunset && (
          <Fact term={t('current.sunset')}>{formatTime(sun.sunset, units.clock)}</Fact>
        )}
        {day.uvIndexMax !== null && (
          <Fact term={t('current.uvIndex')}>{formatUvIndex(day.uvIndexMax)}</Fact>
        )}
      </dl>
    </section>
  );
}

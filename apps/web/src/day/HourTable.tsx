import type { HourlyEntry, Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { hourOf } from '../weather/local-time.ts';
import {
  formatPercent,
  formatPrecipitation,
  formatShortTemperature,
  formatUvIndex,
  formatWindSpeed,
} from '../weather/units.ts';

const DASH = '—';
const or = <T,>(value: T | null, format: (value: T) => string) =>
  value === null ? DASH : format(value);

/**
 * Every hour of the day with every value the chart leaves out: the table a
 * screen reader or a keyboard can walk, row by row.
 */
export function HourTable({ hours, units }: { hours: HourlyEntry[]; units: Units }) {
  const temperature = (value: number) => formatShortTemperature(value, units.temperature);
  const wind = (value: number) => formatWindSpeed(value, units.windSpeed);
  return (
    <section>
      <h2 id="hour-table-title" className="section-title">
        {t('day.everyHour')}
      </h2>
      <div
        className="hour-table__wrap card"
        tabIndex={0}
        role="region"
        aria-labelledby="hour-table-title"
      >
        <table className="hour-table">
          <thead>
            <tr>
              <th scope="col">{t('day.hour')}</th>
              <th scope="col">{t('preferences.temperature')}</th>
              <th scope="col">{t('current.feelsLike')}</th>
              <th scope="col">{t('current.precipitation')}</th>
              <th scope="col">{t('day.chance')}</th>
              <th scope="col">{t('current.wind')}</th>
              <th scope="col">{t('current.gusts')}</th>
              <th scope="col">{t('day.cloudCover')}</th>
              <th scope="col">{t('day.dewPoint')}</th>
              <th scope="col">{t('current.uvIndex')}</th>
            </tr>
          </thead>
          <tbody>
            {hours.map((hour) => (
              <tr key={hour.time}>
                <th scope="row">
                  <time dateTime={hour.time}>{hourOf(hour.time)}</time>
                </th>
                <td data-temperature>{temperature(hour.temperature)}</td>
                <td data-temperature>{or(hour.apparentTemperature, temperature)}</td>
                <td>
                  {or(hour.precipitation, (value) =>
                    formatPrecipitation(value, units.precipitation),
                  )}
                </td>
                <td>{or(hour.precipitationProbability, formatPercent)}</td>
                <td data-wind>{wind(hour.windSpeed)}</td>
                <td data-wind>{or(hour.windGusts, wind)}</td>
                <td>{or(hour.cloudCover, formatPercent)}</td>
                <td data-temperature>{or(hour.dewPoint, temperature)}</td>
                <td>{or(hour.uvIndex, formatUvIndex)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

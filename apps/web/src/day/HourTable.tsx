import type { HourlyEntry, Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { DataTable } from '../ui/DataTable.tsx';
import {
  formatHour,
  formatPercent,
  formatPrecipitation,
  formatShortTemperature,
} from '../weather/units.ts';
import { formatUvIndex, formatWindSpeed } from '../weather/detail-units.ts';

const DASH = '—';
/** The columns' headings, in the page's language. */
const columns = () => [
  t('day.hour'),
  t('preferences.temperature'),
  t('current.feelsLike'),
  t('current.precipitation'),
  t('day.chance'),
  t('current.wind'),
  t('current.gusts'),
  t('day.cloudCover'),
  t('day.dewPoint'),
  t('current.uvIndex'),
];
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
      <DataTable labelledBy="hour-table-title" columns={columns()} className="hour-table card">
        {hours.map((hour) => (
          <tr key={hour.time}>
            <th scope="row">
              <time dateTime={hour.time}>{formatHour(hour.time, units.clock)}</time>
            </th>
            <td data-temperature>{temperature(hour.temperature)}</td>
            <td data-temperature>{or(hour.apparentTemperature, temperature)}</td>
            <td>
              {or(hour.precipitation, (value) => formatPrecipitation(value, units.precipitation))}
            </td>
            <td>{or(hour.precipitationProbability, formatPercent)}</td>
            <td data-wind>{wind(hour.windSpeed)}</td>
            <td data-wind>{or(hour.windGusts, wind)}</td>
            <td>{or(hour.cloudCover, formatPercent)}</td>
            <td data-temperature>{or(hour.dewPoint, temperature)}</td>
            <td>{or(hour.uvIndex, formatUvIndex)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

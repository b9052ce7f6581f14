import type { HourlyEntry, Units } from '../api-types.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { hourOf } from '../weather/local-time.ts';
import {
  formatPercent,
  formatPrecipitation,
  formatShortTemperature,
  formatUvIndex,
  formatWindSpeed,
} from '../weather/units.ts';

const DASH = '—';
const COLUMNS = [
  'Hour',
  'Temperature',
  'Feels like',
  'Precipitation',
  'Chance',
  'Wind',
  'Gusts',
  'Cloud cover',
  'Dew point',
  'UV index',
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
        Every hour
      </h2>
      <DataTable labelledBy="hour-table-title" columns={COLUMNS} className="hour-table card">
        {hours.map((hour) => (
          <tr key={hour.time}>
            <th scope="row">
              <time dateTime={hour.time}>{hourOf(hour.time)}</time>
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

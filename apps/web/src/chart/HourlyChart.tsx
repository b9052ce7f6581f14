import { lazy, Suspense, useId } from 'react';

import type { HourlyEntry, Units } from '../api-types.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Disclosure } from '../ui/Disclosure.tsx';
import { formatPercent, formatShortTemperature } from '../weather/units.ts';
import { hourLabel, summarizeHours } from './chart-summary.ts';
import './HourlyChart.css';

const loadChart = () => import('./TemperatureChart.tsx');
const TemperatureChart = lazy(loadChart);

/** Starts loading the chart's code early, alongside the forecast, instead of after it. */
export function preloadChart(): void {
  void loadChart().catch(() => undefined);
}

interface HourlyChartProps {
  hours: HourlyEntry[];
  units: Units;
}

/**
 * Temperature and chance of precipitation over the next hours: a chart for
 * the eye, a written summary and a table for everyone else.
 */
export function HourlyChart({ hours, units }: HourlyChartProps) {
  const id = useId();
  const summary = summarizeHours(hours);
  if (!summary) return null;
  const temperature = (value: number) => formatShortTemperature(value, units.temperature);

  return (
    <figure className="hourly-chart card" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="hourly-chart__caption">
        Lowest <span data-temperature>{temperature(summary.lowest.temperature)}</span> at{' '}
        {hourLabel(summary.lowest.time)}, highest{' '}
        <span data-temperature>{temperature(summary.highest.temperature)}</span> at{' '}
        {hourLabel(summary.highest.time)}
        {summary.wettest?.precipitationProbability != null &&
          `; ${summary.wettest.precipitationProbability > 0 ? `precipitation most likely (${formatPercent(summary.wettest.precipitationProbability)}) at ${hourLabel(summary.wettest.time)}` : 'no precipitation expected'}`}
        .
      </figcaption>
      <div className="hourly-chart__legend" aria-hidden="true">
        <span className="hourly-chart__key hourly-chart__key--temperature">Temperature</span>
        <span className="hourly-chart__key hourly-chart__key--rain">Chance of precipitation</span>
      </div>
      <div aria-hidden="true">
        <Suspense fallback={<div className="skeleton hourly-chart__placeholder" />}>
          <TemperatureChart hours={hours} units={units} />
        </Suspense>
      </div>
      <Disclosure summary="Show the chart as a table" className="hourly-chart__details">
        <DataTable
          label="Temperature and chance of precipitation by hour"
          columns={['Hour', 'Temperature', 'Chance of precipitation']}
          className="hourly-chart__table"
        >
          {hours.map((hour) => (
            <tr key={hour.time}>
              <th scope="row">{hourLabel(hour.time)}</th>
              <td data-temperature>{temperature(hour.temperature)}</td>
              <td>
                {hour.precipitationProbability === null
                  ? '—'
                  : formatPercent(hour.precipitationProbability)}
              </td>
            </tr>
          ))}
        </DataTable>
      </Disclosure>
    </figure>
  );
}

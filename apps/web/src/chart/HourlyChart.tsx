import { Trans } from '@lingui/react';
import { Suspense, useId } from 'react';

import type { HourlyEntry, Units } from '../api-types.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Disclosure } from '../ui/Disclosure.tsx';
import { formatPercent, formatShortTemperature } from '../weather/units.ts';
import { hourLabel, summarizeHours } from './chart-summary.ts';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';
import './HourlyChart.css';

const loadChart = () => import('./TemperatureChart.tsx');
const TemperatureChart = lazyWithWords(loadChart);

/** Starts loading the chart's code early, alongside the forecast, instead of after it. */
export function preloadChart(): void {
  void loadChart().catch(() => undefined);
}

/** One whole sentence per case, so every language can order it as it needs. */
function summaryKey(wettest: number | null): MessageKey {
  if (wettest === null) return 'chart.summary';
  return wettest > 0 ? 'chart.summaryWet' : 'chart.summaryDry';
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
  const wettest = summary.wettest?.precipitationProbability ?? null;

  return (
    <figure className="hourly-chart card" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="hourly-chart__caption">
        <Trans
          id={summaryKey(wettest)}
          values={{
            lowest: temperature(summary.lowest.temperature),
            lowestAt: hourLabel(summary.lowest.time, units.clock),
            highest: temperature(summary.highest.temperature),
            highestAt: hourLabel(summary.highest.time, units.clock),
            chance: wettest ? formatPercent(wettest) : '',
            wettestAt: summary.wettest ? hourLabel(summary.wettest.time, units.clock) : '',
          }}
          components={{ 0: <span data-temperature />, 1: <span data-temperature /> }}
        />
      </figcaption>
      <div className="hourly-chart__legend" aria-hidden="true">
        <span className="hourly-chart__key hourly-chart__key--temperature">
          {t('preferences.temperature')}
        </span>
        <span className="hourly-chart__key hourly-chart__key--rain">{t('chart.chance')}</span>
      </div>
      <div aria-hidden="true">
        <Suspense fallback={<div className="skeleton hourly-chart__placeholder" />}>
          <TemperatureChart hours={hours} units={units} />
        </Suspense>
      </div>
      <Disclosure summary={t('chart.asTable')} className="hourly-chart__details">
        <DataTable
          label={t('chart.tableLabel')}
          columns={[t('day.hour'), t('preferences.temperature'), t('chart.chance')]}
          className="hourly-chart__table"
        >
          {hours.map((hour) => (
            <tr key={hour.time}>
              <th scope="row">{hourLabel(hour.time, units.clock)}</th>
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

import { Suspense } from 'react';

import type { Units } from '../api-types.ts';
import { hourLabel } from '../chart/chart-summary.ts';
import { t } from '../i18n/i18n.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Disclosure } from '../ui/Disclosure.tsx';
import { ConfidenceChip } from './ConfidenceChip.tsx';
import { confidenceUnits, reasonText, type ConfidenceHour } from './confidence-words.ts';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';

const ConfidenceChart = lazyWithWords(() => import('./ConfidenceChart.tsx'));

/**
 * The ensemble's likely range of temperature over some hours: a band (p10 to
 * p90) around the middle run on a chart, and the same hour by hour in a table.
 */
export function ConfidenceBand({
  hours,
  units,
  title,
}: {
  hours: ConfidenceHour[];
  units: Units;
  title: string;
}) {
  const shown = confidenceUnits(units);
  const withBand = hours.filter((hour) => hour.temperature !== null);
  if (withBand.length === 0) return null;
  const at = (pick: 'p10' | 'p50' | 'p90') =>
    withBand.map((hour) => shown.temperature(hour.temperature![pick]));
  return (
    <div role="group" className="confidence-band card" aria-label={title}>
      <p className="confidence-band__caption">
        <strong>{title}</strong> {t('confidence.bandCaption')}
      </p>
      <div aria-hidden="true">
        <Suspense fallback={<div className="skeleton confidence-band__placeholder" />}>
          <ConfidenceChart
            times={withBand.map((hour) => hour.time)}
            band={{ low: at('p10'), high: at('p90'), color: '--range-warm' }}
            lines={[
              {
                label: t('confidence.table.middle'),
                values: at('p50'),
                color: '--range-warm',
                width: 2,
              },
            ]}
            units={units}
          />
        </Suspense>
      </div>
      <Disclosure summary={t('confidence.asTable')} className="confidence-band__details">
        <DataTable
          label={title}
          columns={[
            t('day.hour'),
            t('confidence.table.low'),
            t('confidence.table.middle'),
            t('confidence.table.high'),
            t('confidence.column.label'),
          ]}
        >
          {withBand.map((hour) => (
            <tr key={hour.time}>
              <th scope="row">{hourLabel(hour.time, units.clock)}</th>
              <td data-temperature>{shown.formatTemperature(hour.temperature!.p10)}</td>
              <td data-temperature>{shown.formatTemperature(hour.temperature!.p50)}</td>
              <td data-temperature>{shown.formatTemperature(hour.temperature!.p90)}</td>
              <td>
                <ConfidenceChip label={hour.label} /> {reasonText(hour.reason, units)}
              </td>
            </tr>
          ))}
        </DataTable>
      </Disclosure>
    </div>
  );
}

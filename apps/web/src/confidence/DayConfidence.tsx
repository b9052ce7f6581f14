import { useQuery } from '@tanstack/react-query';
import { Suspense, type CSSProperties } from 'react';

import type { Coordinates } from '../api-types.ts';
import { hourLabel } from '../chart/chart-summary.ts';
import { t } from '../i18n/i18n.ts';
import { useUnits } from '../preferences/use-units.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Disclosure } from '../ui/Disclosure.tsx';
import { ConfidenceBand } from './ConfidenceBand.tsx';
import { ConfidenceChip } from './ConfidenceChip.tsx';
import { confidenceQuery } from './confidence-query.ts';
import { changeText, confidenceUnits, MODEL_NAMES, reasonText } from './confidence-words.ts';
import { AccuracyLine } from './ForecastConfidence.tsx';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';
import './Confidence.css';

const ConfidenceChart = lazyWithWords(() => import('./ConfidenceChart.tsx'));

/** Each model's line its own colour; the blend drawn thick in the text colour. */
const MODEL_COLORS = [
  '--range-warm',
  '--rain',
  '--accent',
  '--range-cold',
  '--muted',
  '--warning-text',
  '--danger-text',
];

/**
 * One day's confidence on its page: the label and why, the likely range of
 * temperature through the day, and the "Models" view (one line per model
 * plus the blend), each with a table.
 */
export function DayConfidence({ at, date }: { at: Coordinates; date: string }) {
  const query = useQuery(confidenceQuery(at));
  const units = useUnits();
  const answer = query.data;
  const day = answer?.days.find((entry) => entry.date === date);
  if (!answer || !day) return null;
  const shown = confidenceUnits(units);
  const change = changeText(day, units);
  const hourIndexes = answer.models.times
    .map((time, index) => ({ time, index }))
    .filter((entry) => entry.time.startsWith(date));
  const times = hourIndexes.map((entry) => entry.time);
  const convert = (values: (number | null)[]) =>
    hourIndexes.map(({ index }) => {
      const value = values[index] ?? null;
      return value === null ? null : shown.temperature(value);
    });
  const blendNote =
    answer.models.weightedBy === 'skill'
      ? t('confidence.models.blendSkill')
      : t('confidence.models.blendEqual');
  return (
    <section className="confidence" aria-labelledby="day-confidence-title">
      <h2 id="day-confidence-title" className="section-title">
        {t('confidence.title')}
      </h2>
      <p className="confidence__summary card">
        <ConfidenceChip label={day.label} />{' '}
        <span className="confidence__reason">{reasonText(day.reason, units)}</span>
        {change && <span className="confidence__change">{change}</span>}
      </p>
      <AccuracyLine accuracy={answer.accuracy} />
      <ConfidenceBand
        hours={answer.hours.filter((hour) => hour.time.startsWith(date))}
        units={units}
        title={t('confidence.bandDay')}
      />
      <div role="group" className="confidence-band card" aria-labelledby="day-models-title">
        <p className="confidence-band__caption">
          <strong id="day-models-title">{t('confidence.models.title')}</strong> {blendNote}
        </p>
        <ul className="confidence__legend" aria-hidden="true">
          {answer.models.series.map((series, i) => (
            <li
              key={series.model}
              style={{ '--key': `var(${MODEL_COLORS[i % MODEL_COLORS.length]})` } as CSSProperties}
            >
              {MODEL_NAMES[series.model]}
            </li>
          ))}
          <li className="confidence__legend-blend">{t('confidence.models.blend')}</li>
        </ul>
        <div aria-hidden="true">
          <Suspense fallback={<div className="skeleton confidence-band__placeholder" />}>
            <ConfidenceChart
              times={times}
              lines={[
                ...answer.models.series.map((series, i) => ({
                  label: MODEL_NAMES[series.model],
                  values: convert(series.temperature),
                  color: MODEL_COLORS[i % MODEL_COLORS.length]!,
                  width: 1,
                })),
                {
                  label: t('confidence.models.blend'),
                  values: convert(answer.models.blend),
                  color: '--text',
                  width: 3,
                },
              ]}
              units={units}
            />
          </Suspense>
        </div>
        <Disclosure summary={t('confidence.models.asTable')} className="confidence-band__details">
          <DataTable
            label={t('confidence.models.tableLabel')}
            columns={[
              t('day.hour'),
              ...answer.models.series.map((series) => MODEL_NAMES[series.model]),
              t('confidence.models.blend'),
            ]}
          >
            {hourIndexes.map(({ time, index }) => (
              <tr key={time}>
                <th scope="row">{hourLabel(time, units.clock)}</th>
                {answer.models.series.map((series) => {
                  const value = series.temperature[index] ?? null;
                  return (
                    <td key={series.model} data-temperature>
                      {value === null ? '—' : shown.formatTemperature(value)}
                    </td>
                  );
                })}
                <td data-temperature>
                  {answer.models.blend[index] == null
                    ? '—'
                    : shown.formatTemperature(answer.models.blend[index])}
                </td>
              </tr>
            ))}
          </DataTable>
        </Disclosure>
      </div>
    </section>
  );
}

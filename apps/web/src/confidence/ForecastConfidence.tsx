import { useQuery } from '@tanstack/react-query';

import type { Coordinates } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { useUnits } from '../preferences/use-units.ts';
import { weekdayOf } from '../weather/local-time.ts';
import { ConfidenceBand } from './ConfidenceBand.tsx';
import { ConfidenceChip } from './ConfidenceChip.tsx';
import { confidenceQuery } from './confidence-query.ts';
import { changeText, reasonText, type ConfidenceAnswer } from './confidence-words.ts';
import './Confidence.css';

/** Hours of the band on the place page. */
const BAND_HOURS = 48;

/** "Next-day high within 2° on 26 of the last 30 days here", or that there is no record yet. */
export function AccuracyLine({ accuracy }: { accuracy: ConfidenceAnswer['accuracy'] }) {
  return (
    <p className="confidence__accuracy">
      {accuracy
        ? t('confidence.accuracy', { within: accuracy.daysWithin, days: accuracy.days })
        : t('confidence.accuracyNone')}
    </p>
  );
}

/**
 * How sure the forecast is at a place: each day's label with its reason and
 * any change between runs, the place's accuracy record, and the likely range
 * of temperature over the next 48 hours. Shows nothing while it loads or when
 * the server has no confidence to give: the forecast stands without it.
 */
export function ForecastConfidence({ at, today }: { at: Coordinates; today: string }) {
  const query = useQuery(confidenceQuery(at));
  const units = useUnits();
  const answer = query.data;
  if (!answer) return null;
  const days = answer.days.filter((day) => day.date >= today);
  const firstHour = answer.hours.findIndex((hour) => hour.time.slice(0, 10) >= today);
  const changes = days.map((day) => changeText(day, units)).filter((text) => text !== null);
  return (
    <section className="confidence" aria-labelledby="confidence-title">
      <h2 id="confidence-title" className="section-title">
        {t('confidence.title')}
      </h2>
      <ol className="confidence__days card" aria-label={t('confidence.daysLabel')}>
        {days.map((day) => (
          <li key={day.date} className="confidence__day">
            <span className="confidence__weekday">
              {day.date === today ? t('time.today') : weekdayOf(day.date, 'long')}
            </span>
            <ConfidenceChip label={day.label} />
            <span className="confidence__reason">{reasonText(day.reason, units)}</span>
          </li>
        ))}
      </ol>
      {changes.length > 0 && (
        <ul className="confidence__changes" aria-label={t('confidence.changesLabel')}>
          {changes.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      <AccuracyLine accuracy={answer.accuracy} />
      <ConfidenceBand
        hours={answer.hours.slice(Math.max(0, firstHour), Math.max(0, firstHour) + BAND_HOURS)}
        units={units}
        title={t('confidence.band48')}
      />
    </section>
  );
}

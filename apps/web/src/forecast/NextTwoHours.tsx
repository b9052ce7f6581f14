import type { CSSProperties } from 'react';

import type { Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { formatPrecipitation, formatTime } from '../weather/units.ts';
import type { ShownForecast } from '../weather/shown-units.ts';
import { outlookWords } from './next-hours-words.ts';
import './NextTwoHours.css';

type Next = NonNullable<ShownForecast['nextTwoHours']>;
type Step = Next['steps'][number];

/** Bar heights by intensity: amounts differ by unit, the words do not. */
const HEIGHT: Record<Step['intensity'], number> = { none: 0, light: 34, moderate: 67, heavy: 100 };
function stepWords(step: Step, units: Units): string {
  const time = formatTime(step.time, units.clock);
  if (step.kind === 'none') return t('nextHours.stepDry', { time });
  // One message per kind and intensity, so each language can order and inflect them.
  return t('nextHours.step', {
    time,
    kind: step.kind,
    intensity: step.intensity,
    amount: formatPrecipitation(step.precipitation, units.precipitation),
  });
}

/**
 * Rain in the next two hours: the server's sentence (in the page's language), then a strip of eight
 * 15-minute bars (height by intensity, snow hatched, each with its words for
 * screen readers).
 */
export function NextTwoHours({ next, units }: { next: Next; units: Units }) {
  const first = next.steps[0];
  const last = next.steps.at(-1);
  return (
    <section className="next-hours card" aria-labelledby="next-hours-title">
      <h2 id="next-hours-title" className="section-title">
        {t('nextHours.title')}
      </h2>
      <p className="next-hours__summary">{outlookWords(next, units.clock)}</p>
      <ol className="next-hours__bars" aria-label={t('nextHours.bars')}>
        {next.steps.map((step) => (
          <li key={step.time} className="next-hours__step">
            <span
              className={`next-hours__bar next-hours__bar--${step.kind}`}
              style={{ '--height': `${HEIGHT[step.intensity]}%` } as CSSProperties}
              aria-hidden="true"
            />
            <span className="visually-hidden">{stepWords(step, units)}</span>
          </li>
        ))}
      </ol>
      {first && last && (
        <p className="next-hours__axis" aria-hidden="true">
          <span>{t('time.now')}</span>
          <span>{formatTime(last.time, units.clock)}</span>
        </p>
      )}
    </section>
  );
}

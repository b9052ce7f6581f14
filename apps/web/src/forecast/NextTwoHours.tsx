import type { CSSProperties } from 'react';

import type { Units } from '../api-types.ts';
import { formatPrecipitation, formatTime, timesOnClock } from '../weather/units.ts';
import type { ShownForecast } from '../weather/shown-units.ts';
import './NextTwoHours.css';

type Next = NonNullable<ShownForecast['nextTwoHours']>;
type Step = Next['steps'][number];

/** Bar heights by intensity: amounts differ by unit, the words do not. */
const HEIGHT: Record<Step['intensity'], number> = { none: 0, light: 34, moderate: 67, heavy: 100 };
const KIND: Record<Step['kind'], string> = {
  none: 'dry',
  rain: 'rain',
  snow: 'snow',
  'rain-and-snow': 'rain and snow',
};

function stepWords(step: Step, units: Units): string {
  const until = formatTime(step.time, units.clock);
  if (step.kind === 'none') return `until ${until}: dry`;
  return `until ${until}: ${step.intensity} ${KIND[step.kind]}, ${formatPrecipitation(step.precipitation, units.precipitation)}`;
}

/**
 * Rain in the next two hours: the server's sentence, then a strip of eight
 * 15-minute bars (height by intensity, snow hatched, each with its words for
 * screen readers).
 */
export function NextTwoHours({ next, units }: { next: Next; units: Units }) {
  const first = next.steps[0];
  const last = next.steps.at(-1);
  return (
    <section className="next-hours card" aria-labelledby="next-hours-title">
      <h2 id="next-hours-title" className="section-title">
        Rain in the next 2 hours
      </h2>
      <p className="next-hours__summary">{timesOnClock(next.summary, units.clock)}</p>
      <ol className="next-hours__bars" aria-label="Precipitation every 15 minutes">
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
          <span>Now</span>
          <span>{formatTime(last.time, units.clock)}</span>
        </p>
      )}
    </section>
  );
}

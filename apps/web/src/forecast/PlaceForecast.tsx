import { Suspense, useEffect } from 'react';

import { useOffline } from '../offline/connection.ts';
import { offlineMessages } from '../offline/offline-messages.ts';
import { OfflineBanner } from '../offline/OfflineBanner.tsx';
import type { ShownForecast } from '../weather/shown-units.ts';
import { clockTimeAt, dateOf } from '../weather/local-time.ts';
import { formatTime } from '../weather/units.ts';
import { CurrentConditions } from './CurrentConditions.tsx';
import { HourlyStrip } from './HourlyStrip.tsx';
import { outlookWords } from './next-hours-words.ts';
import { NextTwoHours } from './NextTwoHours.tsx';
import { StaleBanner } from './StaleBanner.tsx';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';
import './PlaceForecast.css';

// Below the first screen: each loads after the first paint, in a chunk of its own.
const DailyForecast = lazyWithWords(() =>
  import('./DailyForecast.tsx').then((module) => ({ default: module.DailyForecast })),
);
const CurrentDetails = lazyWithWords(() =>
  import('./CurrentDetails.tsx').then((module) => ({ default: module.CurrentDetails })),
);
const ForecastConfidence = lazyWithWords(() =>
  import('../confidence/ForecastConfidence.tsx').then((module) => ({
    default: module.ForecastConfidence,
  })),
);

/**
 * A User Timing mark set when the first forecast is on screen, so a benchmark
 * can read the time from navigation to forecast with
 * `performance.getEntriesByName('skycast:forecast-visible')`.
 */
export const FORECAST_VISIBLE_MARK = 'skycast:forecast-visible';

/**
 * Everything the forecast says about a place, phone first: now (temperature,
 * conditions, high and low, the next-two-hours sentence), the coming hours,
 * the coming days, and only then the details. The 15-minute rain strip shows
 * only when something falls; a dry one folds into the sentence.
 */
export function PlaceForecast({
  forecast,
  dayHref,
}: {
  forecast: ShownForecast;
  /** The path of a day's detail page. */
  dayHref: (date: string) => string;
}) {
  const today = dateOf(forecast.current.time);
  const next = forecast.nextTwoHours;
  const wetSoon = next?.steps.some((step) => step.kind !== 'none') ?? false;
  const offline = useOffline();
  useEffect(() => {
    if (performance.getEntriesByName(FORECAST_VISIBLE_MARK).length === 0)
      performance.mark(FORECAST_VISIBLE_MARK);
  }, []);
  return (
    <div className="place-forecast">
      {offline ? (
        <OfflineBanner
          fetchedAt={forecast.fetchedAt}
          timeZone={forecast.location.timezone}
          clock={forecast.units.clock}
        />
      ) : (
        forecast.stale && (
          <StaleBanner
            fetchedAt={forecast.fetchedAt}
            timeZone={forecast.location.timezone}
            clock={forecast.units.clock}
          />
        )
      )}
      <CurrentConditions
        title={
          offline
            ? offlineMessages.currentAsOf(
                formatTime(
                  clockTimeAt(forecast.fetchedAt, forecast.location.timezone),
                  forecast.units.clock,
                ),
              )
            : undefined
        }
        current={forecast.current}
        today={forecast.daily.find((day) => day.date === today)}
        units={forecast.units}
        outlook={next && !wetSoon ? outlookWords(next, forecast.units.clock) : undefined}
      />
      {next && wetSoon && <NextTwoHours next={next} units={forecast.units} />}
      <HourlyStrip hourly={forecast.hourly} daily={forecast.daily} units={forecast.units} />
      {/* One boundary each: the days never wait for the confidence's code. */}
      <Suspense fallback={null}>
        <DailyForecast
          daily={forecast.daily}
          today={today}
          units={forecast.units}
          dayHref={dayHref}
        />
      </Suspense>
      <Suspense fallback={null}>
        <CurrentDetails
          current={forecast.current}
          today={forecast.daily.find((day) => day.date === today)}
          yesterday={forecast.yesterday}
          units={forecast.units}
        />
      </Suspense>
      <Suspense fallback={null}>
        <ForecastConfidence at={forecast.location} today={today} />
      </Suspense>
    </div>
  );
}

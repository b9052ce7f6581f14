import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo, useRef } from 'react';

import { formatCoordinates } from '@skycast/validators';

import { HourlyChart } from '../chart/HourlyChart.tsx';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { arrivedInApp } from '../navigation/use-location.ts';
import { useOffline } from '../offline/connection.ts';
import { offlineMessages } from '../offline/offline-messages.ts';
import { OfflineBanner } from '../offline/OfflineBanner.tsx';
import { formatPlacePath, type PlaceRoute } from '../place/place-path.ts';
import { useUnits } from '../preferences/use-units.ts';
import { trpc } from '../trpc.ts';
import { ErrorMessage, QueryErrorMessage } from '../ui/ErrorMessage.tsx';
import { LoadingStatus } from '../ui/LoadingStatus.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { showDayDetail } from '../weather/shown-units.ts';
import { longDateOf, shortDateOf } from './day-dates.ts';
import { useSunAndMoon } from '../sun-and-moon/use-sun-and-moon.ts';
import { DaySummary } from './DaySummary.tsx';
import { HourTable } from './HourTable.tsx';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';
import './DayPage.css';

// Below the first screen: each loads after the first paint, in a chunk of its own.
const DayConfidence = lazyWithWords(() =>
  import('../confidence/DayConfidence.tsx').then((module) => ({ default: module.DayConfidence })),
);
const ClimateNormalsCard = lazyWithWords(() =>
  import('../normals/ClimateNormalsCard.tsx').then((module) => ({
    default: module.ClimateNormalsCard,
  })),
);

/**
 * One day of a place's forecast in detail, at `/place/<lat>,<lon>/<Name>/day/<date>`:
 * the day's summary, the hourly chart with its text alternative, and every
 * hour's values in a table. Loaded only when opened (its own chunk).
 */
export default function DayPage({ route }: { route: PlaceRoute & { day: string } }) {
  const coordinates = { latitude: route.latitude, longitude: route.longitude };
  // Asked in the API's default units, one cached answer for everyone; shown in the person's.
  const query = useQuery(trpc.weather.day.queryOptions({ ...coordinates, date: route.day }));
  // Sun times from the page's one source of them; the forecast covers 16 days, so does this.
  const sun = useSunAndMoon(coordinates, 16).data?.days.find((day) => day.date === route.day);
  const units = useUnits();
  const shown = useMemo(() => query.data && showDayDetail(query.data, units), [query.data, units]);
  const offline = useOffline();
  const name = route.name ?? formatCoordinates(coordinates);
  const placePath = formatPlacePath({ ...route, day: undefined });
  const dayPath = (day: string) => formatPlacePath({ ...route, day });
  useDocumentTitle(t('day.documentTitle', { date: longDateOf(route.day), name }));

  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Choosing a day moves a screen reader to it, as a new place does.
    if (arrivedInApp()) heading.current?.focus({ preventScroll: true });
  }, []);

  let body;
  if (shown) {
    const detail = shown;
    body = (
      <>
        <nav className="day-page__nav" aria-label={t('day.otherDays')}>
          {detail.previousDate && (
            <AppLink href={dayPath(detail.previousDate)} rel="prev">
              <span className="flip-in-rtl" aria-hidden="true">
                ←{' '}
              </span>
              {shortDateOf(detail.previousDate)}
            </AppLink>
          )}
          {detail.nextDate && (
            <AppLink href={dayPath(detail.nextDate)} rel="next" className="day-page__next">
              {shortDateOf(detail.nextDate)}
              <span className="flip-in-rtl" aria-hidden="true">
                {' '}
                →
              </span>
            </AppLink>
          )}
        </nav>
        {offline && (
          <OfflineBanner
            fetchedAt={detail.fetchedAt}
            timeZone={detail.location.timezone}
            clock={detail.units.clock}
          />
        )}
        <DaySummary day={detail.day} sun={sun} units={detail.units} />
        <section aria-labelledby="day-chart-title">
          <h2 id="day-chart-title" className="section-title">
            {t('day.hourByHour')}
          </h2>
          <HourlyChart hours={detail.hours} units={detail.units} />
        </section>
        <HourTable hours={detail.hours} units={detail.units} />
        <Suspense fallback={null}>
          <DayConfidence at={coordinates} date={route.day} />
        </Suspense>
        <Suspense fallback={null}>
          <ClimateNormalsCard coordinates={coordinates} date={route.day} />
        </Suspense>
      </>
    );
  } else if (offline) {
    body = (
      <ErrorMessage
        title={offlineMessages.noStoredForecastTitle}
        message={offlineMessages.noStoredForecast}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  } else if (query.isError) {
    body = <QueryErrorMessage title={t('day.failed')} query={query} />;
  } else {
    body = (
      <LoadingStatus label={t('day.loading')}>
        <div className="skeleton day-page__skeleton" aria-hidden="true" />
      </LoadingStatus>
    );
  }

  return (
    <article className="day-page">
      <header className="day-page__header">
        <AppLink href={placePath} className="day-page__back">
          <span className="flip-in-rtl" aria-hidden="true">
            ←{' '}
          </span>
          {t('day.allDays', { name })}
        </AppLink>
        <h1 ref={heading} tabIndex={-1} className="day-page__title">
          {longDateOf(route.day)}
        </h1>
        <p className="day-page__place">{name}</p>
      </header>
      <div className="day-page__sections">{body}</div>
    </article>
  );
}

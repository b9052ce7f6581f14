import { useQuery } from '@tanstack/react-query';

import type { Coordinates, Units } from '../api-types.ts';
import { forecastQuery } from '../forecast/forecast-query.ts';
import { t } from '../i18n/i18n.ts';
import { useUnits } from '../preferences/use-units.ts';
import { trpc } from '../trpc.ts';
import { QueryErrorMessage } from '../ui/ErrorMessage.tsx';
import { Fact } from '../ui/Fact.tsx';
import { dateOf } from '../weather/local-time.ts';
import { convert, formatPercent, formatPrecipitation } from '../weather/units.ts';
import { ComingDays } from './ComingDays.tsx';
import { type DayNormal, type PlaceNormals } from './compare-to-normal.ts';
import { comparisonText, shown } from './normal-text.ts';
import { SeasonToDate } from './SeasonToDate.tsx';
import { useOffline } from '../offline/connection.ts';
import { offlineMessages } from '../offline/offline-messages.ts';
import './ClimateNormalsCard.css';

/** Normals never change once fetched; "not fetched yet" is asked again now and then. */
const STALE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function NotFetched({
  reason,
}: {
  reason: Extract<PlaceNormals, { status: 'not-fetched' }>['reason'];
}) {
  return (
    <p className="normals__pending">
      {reason === 'failed'
        ? t('normals.unavailable')
        : reason === 'waiting-for-budget'
          ? t('normals.laterToday')
          : t('normals.notFetched')}
    </p>
  );
}

function DayFacts({
  normal,
  forecastHigh,
  units,
}: {
  normal: DayNormal;
  forecastHigh: number | null | undefined;
  units: Units;
}) {
  return (
    <>
      {forecastHigh !== null && forecastHigh !== undefined && (
        <p className="normals__headline">
          <span className="normals__term">{t('normals.forecastHigh')}</span>{' '}
          {shown(forecastHigh, units.temperature)}:{' '}
          <strong>{comparisonText(forecastHigh, normal, units.temperature)}</strong>
        </p>
      )}
      <dl className="normals__facts">
        <Fact term={t('normals.normalHigh')}>
          {t('normals.range', {
            low: shown(normal.highP10, units.temperature),
            high: shown(normal.highP90, units.temperature),
          })}
        </Fact>
        <Fact term={t('normals.normalLow')}>
          {t('normals.range', {
            low: shown(normal.lowP10, units.temperature),
            high: shown(normal.lowP90, units.temperature),
          })}
        </Fact>
        <Fact term={t('normals.recordHigh')}>
          {t('normals.record', {
            value: shown(normal.recordHigh, units.temperature),
            year: String(normal.recordHighYear),
          })}
        </Fact>
        <Fact term={t('normals.recordLow')}>
          {t('normals.record', {
            value: shown(normal.recordLow, units.temperature),
            year: String(normal.recordLowYear),
          })}
        </Fact>
        <Fact term={t('normals.wetDays')}>
          {t('normals.wetDaysValue', {
            share: formatPercent(normal.wetDayFrequency * 100),
            amount: formatPrecipitation(
              convert.precipitation(normal.precipitationMean, 'mm', units.precipitation),
              units.precipitation,
            ),
          })}
        </Fact>
      </dl>
    </>
  );
}

/**
 * How a day compares with the 1991–2020 normal for its date and place, and
 * the date's records; on the place page also the coming days against their
 * normal range. Loads on its own: the normals come from the API's table, and
 * the forecast from the page's shared query.
 */
export function ClimateNormalsCard({
  coordinates,
  date,
}: {
  coordinates: Coordinates;
  /** The day page's date; the place page leaves it out and means today and the coming days. */
  date?: string;
}) {
  const offline = useOffline();
  const units = useUnits();
  const forecast = useQuery(forecastQuery(coordinates));
  const today = forecast.data ? dateOf(forecast.data.current.time) : undefined;
  const from = date ?? today;
  const query = useQuery({
    ...trpc.weather.normals.queryOptions({
      ...coordinates,
      from: from ?? '1970-01-01',
      to: from ? addDays(from, date ? 0 : 15) : '1970-01-01',
    }),
    enabled: from !== undefined,
    staleTime: STALE_MS,
  });
  // The place page only, once the normals are there: it costs one cached archive call.
  const season = useQuery({
    ...trpc.weather.seasonPrecipitation.queryOptions(coordinates),
    enabled: !date && query.data?.status === 'fetched',
    staleTime: STALE_MS,
  });

  let body;
  if (query.data?.status === 'not-fetched') {
    body = <NotFetched reason={query.data.reason} />;
  } else if (query.data?.status === 'fetched' && from) {
    const byDate = new Map(query.data.days.map((day) => [day.date, day]));
    const normal = byDate.get(from);
    const daily = forecast.data?.daily ?? [];
    body = normal && (
      <>
        <DayFacts
          normal={normal}
          forecastHigh={daily.find((day) => day.date === from)?.temperatureMax}
          units={units}
        />
        {!date && season.data && season.data.status !== 'not-fetched' && (
          <SeasonToDate season={season.data} unit={units.precipitation} />
        )}
        {!date && (
          <ComingDays
            days={daily.filter((day) => day.date > from)}
            normals={byDate}
            units={units}
          />
        )}
        <p className="normals__source">
          {t('normals.source')}
          {query.data.simulated && ` · ${t('normals.simulated')}`}
        </p>
      </>
    );
  } else if (query.isError) {
    body = <QueryErrorMessage title={t('normals.failed')} query={query} />;
  } else if (offline) {
    // Never stored on this device: say so rather than a placeholder that waits for ever.
    body = <p className="normals__empty">{offlineMessages.sectionNotStored}</p>;
  } else {
    body = <div className="skeleton normals__skeleton" aria-hidden="true" />;
  }

  return (
    <section className="normals" aria-labelledby="normals-title">
      <h2 id="normals-title" className="section-title">
        {t('normals.title')}
      </h2>
      <div className="card normals__card">{body}</div>
    </section>
  );
}

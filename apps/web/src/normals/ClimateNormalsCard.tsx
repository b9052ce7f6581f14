import { useQuery } from '@tanstack/react-query';

import type { Coordinates, DailyEntry, Units } from '../api-types.ts';
import { forecastQuery } from '../forecast/forecast-query.ts';
import { t } from '../i18n/i18n.ts';
import { useUnits } from '../preferences/use-units.ts';
import { trpc } from '../trpc.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Disclosure } from '../ui/Disclosure.tsx';
import { QueryErrorMessage } from '../ui/ErrorMessage.tsx';
import { Fact } from '../ui/Fact.tsx';
import { dateFormat, dateOf } from '../weather/local-time.ts';
import {
  convert,
  formatPercent,
  formatPrecipitation,
  formatShortTemperature,
  formatTemperature,
} from '../weather/units.ts';
import {
  compareHigh,
  percentOfNormal,
  shareOf,
  type DayNormal,
  type PlaceNormals,
  type SeasonPrecipitation,
} from './compare-to-normal.ts';
import { useOffline } from '../offline/connection.ts';
import { offlineMessages } from '../offline/offline-messages.ts';
import './ClimateNormalsCard.css';

/** Normals never change once fetched; "not fetched yet" is asked again now and then. */
const STALE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const dayAndMonth = (date: string) =>
  dateFormat({ day: 'numeric', month: 'short' }).format(new Date(`${date}T00:00:00Z`));
const shortDay = (date: string) =>
  dateFormat({ weekday: 'short', day: 'numeric' }).format(new Date(`${date}T00:00:00Z`));

/** A temperature served in °C, in the person's unit. */
const shown = (celsius: number, unit: Units['temperature']) =>
  formatTemperature(convert.temperature(celsius, '°C', unit), unit);
const shownDifference = (celsius: number, unit: Units['temperature']) =>
  formatShortTemperature(Math.abs(unit === '°F' ? (celsius * 9) / 5 : celsius), unit);

/** "6° above normal · warmest 10 % for the date". */
function comparisonText(high: number, normal: DayNormal, unit: Units['temperature']): string {
  const { difference, band } = compareHigh(high, normal);
  const delta = shownDifference(difference, unit);
  const first =
    Math.abs(difference) < 0.5
      ? t('normals.near')
      : difference > 0
        ? t('normals.above', { delta })
        : t('normals.below', { delta });
  if (band === 'usual') return first;
  return `${first} · ${band === 'warmest-10' ? t('normals.warmest10') : t('normals.coldest10')}`;
}

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

const SEASON_NAMES = {
  winter: () => t('normals.season.winter'),
  spring: () => t('normals.season.spring'),
  summer: () => t('normals.season.summer'),
  autumn: () => t('normals.season.autumn'),
} as const;

/** "Since 1 Dec (meteorological winter): 42 mm, 80 % of normal (52 mm)". */
function SeasonToDate({
  season,
  unit,
}: {
  season: Exclude<SeasonPrecipitation, { status: 'not-fetched' }>;
  unit: Units['precipitation'];
}) {
  const since = t('normals.seasonSince', {
    start: dayAndMonth(season.seasonStart),
    season: SEASON_NAMES[season.season](),
  });
  if (season.status === 'not-yet') {
    return (
      <p className="normals__season">
        <span className="normals__term">{since}:</span> {t('normals.seasonNotYet')}
      </p>
    );
  }
  const amount = (mm: number) => formatPrecipitation(convert.precipitation(mm, 'mm', unit), unit);
  const share = percentOfNormal(season.observed, season.normal);
  return (
    <p className="normals__season">
      <span className="normals__term">{since}:</span>{' '}
      <strong>
        {share === null
          ? t('normals.seasonAmount', {
              amount: amount(season.observed),
              normal: amount(season.normal),
            })
          : t('normals.seasonShare', {
              amount: amount(season.observed),
              share: formatPercent(share),
              normal: amount(season.normal),
            })}
      </strong>
      <span className="normals__season-through">
        {t('normals.seasonThrough', { date: dayAndMonth(season.through) })}
      </span>
    </p>
  );
}

/** Each coming day's forecast high against the shaded 10–90 % band of normal highs. */
function ComingDays({
  days,
  normals,
  units,
}: {
  days: DailyEntry[];
  normals: Map<string, DayNormal>;
  units: Units;
}) {
  const rows = days.flatMap((day) => {
    const normal = normals.get(day.date);
    return normal ? [{ day, normal, high: day.temperatureMax }] : [];
  });
  if (rows.length === 0) return null;
  const min = Math.min(...rows.flatMap(({ normal, high }) => [normal.highP10, high])) - 1;
  const max = Math.max(...rows.flatMap(({ normal, high }) => [normal.highP90, high])) + 1;
  return (
    <Disclosure summary={t('normals.comingDays', { count: rows.length })} className="normals__days">
      <DataTable
        label={t('normals.comingDaysLabel')}
        columns={[
          t('normals.day'),
          t('normals.forecastHigh'),
          t('normals.normalHigh'),
          t('normals.againstNormal'),
        ]}
      >
        {rows.map(({ day, normal, high }) => (
          <tr key={day.date}>
            <th scope="row">{shortDay(day.date)}</th>
            <td>{shown(high, units.temperature)}</td>
            <td>
              {t('normals.range', {
                low: shown(normal.highP10, units.temperature),
                high: shown(normal.highP90, units.temperature),
              })}
            </td>
            <td className="normals__bar-cell">
              <span className="normals__against">
                {comparisonText(high, normal, units.temperature)}
              </span>
              <span className="normals__bar" aria-hidden="true">
                <span
                  className="normals__band"
                  style={{
                    insetInlineStart: `${shareOf(normal.highP10, min, max) * 100}%`,
                    width: `${(shareOf(normal.highP90, min, max) - shareOf(normal.highP10, min, max)) * 100}%`,
                  }}
                />
                <span
                  className="normals__mark"
                  style={{ insetInlineStart: `${shareOf(high, min, max) * 100}%` }}
                />
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    </Disclosure>
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

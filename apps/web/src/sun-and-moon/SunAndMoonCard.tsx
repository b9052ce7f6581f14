import { useQuery } from '@tanstack/react-query';

import type { Coordinates } from '../api-types.ts';
import { trpc } from '../trpc.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Disclosure } from '../ui/Disclosure.tsx';
import { Fact } from '../ui/Fact.tsx';
import { QueryErrorMessage } from '../ui/ErrorMessage.tsx';
import { hourOf, weekdayOf } from '../weather/local-time.ts';
import {
  formatDayLengthChange,
  formatDuration,
  MOON_PHASES,
  type SunAndMoonDay,
} from './moon-phases.ts';
import './SunAndMoonCard.css';

/** As many days as the 10-day list shows. */
const DAYS = 10;
/** Computed, not forecast: it changes only when the place's day does. */
const STALE_MS = 30 * 60_000;

const time = (localTime: string | null, none: string) =>
  localTime === null ? none : <time dateTime={localTime}>{hourOf(localTime)}</time>;

function Today({ today, tomorrow }: { today: SunAndMoonDay; tomorrow?: SunAndMoonDay }) {
  const phase = MOON_PHASES[today.moonPhase];
  const polar =
    today.sunrise === null && today.sunset === null
      ? today.dayLength > 0
        ? 'The sun does not set today.'
        : 'The sun does not rise today.'
      : null;
  return (
    <div className="sun-moon__today">
      <div className="sun-moon__half">
        <h3 className="sun-moon__heading">
          <span className="emoji" aria-hidden="true">
            ☀️
          </span>{' '}
          Sun
        </h3>
        {polar && <p className="sun-moon__polar">{polar}</p>}
        <dl className="sun-moon__facts">
          <Fact term="Sunrise">{time(today.sunrise, '—')}</Fact>
          <Fact term="Sunset">{time(today.sunset, '—')}</Fact>
          <Fact term="Daylight">
            {formatDuration(today.dayLength)}
            {tomorrow && (
              <span className="sun-moon__change">
                {' '}
                ({formatDayLengthChange(tomorrow.dayLength - today.dayLength)} tomorrow)
              </span>
            )}
          </Fact>
        </dl>
      </div>
      <div className="sun-moon__half">
        <h3 className="sun-moon__heading">
          <span className="emoji" aria-hidden="true">
            {phase.icon}
          </span>{' '}
          Moon
        </h3>
        <dl className="sun-moon__facts">
          <Fact term="Phase">{phase.label}</Fact>
          <Fact term="Lit">{Math.round(today.moonIllumination * 100)}%</Fact>
          <Fact term="Moonrise">{time(today.moonrise, 'none today')}</Fact>
          <Fact term="Moonset">{time(today.moonset, 'none today')}</Fact>
        </dl>
      </div>
    </div>
  );
}

/**
 * Sunrise, sunset and daylight today and for the coming days, and the moon:
 * phase (words and icon), how much of it is lit, when it rises and sets.
 * Computed by the API from the coordinates, so it loads on its own and never
 * waits for the forecast.
 */
export function SunAndMoonCard({ coordinates }: { coordinates: Coordinates }) {
  const query = useQuery({
    ...trpc.weather.sunAndMoon.queryOptions({ ...coordinates, days: DAYS }),
    staleTime: STALE_MS,
  });

  let body;
  if (query.data) {
    const [today, ...later] = query.data.days;
    body = today && (
      <>
        <Today today={today} tomorrow={later[0]} />
        <Disclosure
          summary={`Sun and moon for the next ${later.length} days`}
          className="sun-moon__details"
        >
          <DataTable
            label="Sun and moon by day"
            columns={['Day', 'Sunrise', 'Sunset', 'Daylight', 'Moon']}
            className="sun-moon__table"
          >
            {later.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  <abbr title={weekdayOf(day.date, 'long')}>{weekdayOf(day.date)}</abbr>{' '}
                  {Number(day.date.slice(8, 10))}
                </th>
                <td>{time(day.sunrise, '—')}</td>
                <td>{time(day.sunset, '—')}</td>
                <td>{formatDuration(day.dayLength)}</td>
                <td>
                  <span className="emoji" aria-hidden="true">
                    {MOON_PHASES[day.moonPhase].icon}
                  </span>{' '}
                  {MOON_PHASES[day.moonPhase].label}, {Math.round(day.moonIllumination * 100)}% lit
                </td>
              </tr>
            ))}
          </DataTable>
        </Disclosure>
      </>
    );
  } else if (query.isError) {
    body = <QueryErrorMessage title="Sun and moon could not be loaded" query={query} />;
  } else {
    body = <div className="skeleton sun-moon__skeleton" aria-hidden="true" />;
  }

  return (
    <section className="sun-moon" aria-labelledby="sun-moon-title">
      <h2 id="sun-moon-title" className="section-title">
        Sun and moon
      </h2>
      <div className="card sun-moon__card">{body}</div>
    </section>
  );
}

import type { Coordinates, Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { useOffline } from '../offline/connection.ts';
import { offlineMessages } from '../offline/offline-messages.ts';
import { useUnits } from '../preferences/use-units.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Disclosure } from '../ui/Disclosure.tsx';
import { Fact } from '../ui/Fact.tsx';
import { ImageIcon } from '../ui/ImageIcon.tsx';
import { QueryErrorMessage } from '../ui/ErrorMessage.tsx';
import { dateFormat } from '../weather/local-time.ts';
import { formatPercent, formatTime } from '../weather/units.ts';
import {
  formatDayLengthChange,
  formatDuration,
  MOON_PHASES,
  moonPhaseLabel,
  type SunAndMoonDay,
} from './moon-phases.ts';
import { useSunAndMoon } from './use-sun-and-moon.ts';
import './SunAndMoonCard.css';

/** As many days as the 10-day list shows. */
const DAYS = 10;

const utc = (date: string) => new Date(`${date}T00:00:00Z`);
/** "Thu 3" and "Thursday 3 December", in the page's language. */
const shortDay = (date: string) =>
  dateFormat({ weekday: 'short', day: 'numeric' }).format(utc(date));
const longDay = (date: string) =>
  dateFormat({ weekday: 'long', day: 'numeric', month: 'long' }).format(utc(date));

const timeOn = (clock: Units['clock']) => (localTime: string | null, none: string) =>
  localTime === null ? none : <time dateTime={localTime}>{formatTime(localTime, clock)}</time>;

function Today({
  today,
  tomorrow,
  time,
}: {
  today: SunAndMoonDay;
  tomorrow?: SunAndMoonDay;
  time: ReturnType<typeof timeOn>;
}) {
  const phase = MOON_PHASES[today.moonPhase];
  const polar =
    today.sunrise === null && today.sunset === null
      ? today.dayLength > 0
        ? t('sun.noSunset')
        : t('sun.noSunrise')
      : null;
  return (
    <div className="sun-moon__today">
      <div className="sun-moon__half">
        <h3 className="sun-moon__heading">
          <ImageIcon name="clear-day" className="sun-moon__icon" />
          {t('sun.title')}
        </h3>
        {polar && <p className="sun-moon__polar">{polar}</p>}
        <dl className="sun-moon__facts">
          <Fact term={t('current.sunrise')}>{time(today.sunrise, '—')}</Fact>
          <Fact term={t('current.sunset')}>{time(today.sunset, '—')}</Fact>
          <Fact term={t('sun.daylight')}>
            {formatDuration(today.dayLength)}
            {tomorrow && (
              <span className="sun-moon__change">
                {' '}
                (
                {t('sun.tomorrow', {
                  change: formatDayLengthChange(tomorrow.dayLength - today.dayLength),
                })}
                )
              </span>
            )}
          </Fact>
        </dl>
      </div>
      <div className="sun-moon__half">
        <h3 className="sun-moon__heading">
          <ImageIcon name={phase.icon} className="sun-moon__icon" />
          {t('moon.title')}
        </h3>
        <dl className="sun-moon__facts">
          <Fact term={t('moon.phase')}>{moonPhaseLabel(today.moonPhase)}</Fact>
          <Fact term={t('moon.lit')}>{formatPercent(today.moonIllumination * 100)}</Fact>
          <Fact term={t('moon.rise')}>{time(today.moonrise, t('moon.noneToday'))}</Fact>
          <Fact term={t('moon.set')}>{time(today.moonset, t('moon.noneToday'))}</Fact>
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
  const query = useSunAndMoon(coordinates, DAYS);
  const time = timeOn(useUnits().clock);
  const offline = useOffline();

  let body;
  if (query.data) {
    const [today, ...later] = query.data.days;
    body = today && (
      <>
        <Today today={today} tomorrow={later[0]} time={time} />
        <Disclosure
          summary={t('sunMoon.nextDays', { count: later.length })}
          className="sun-moon__details"
        >
          <DataTable
            label={t('sunMoon.byDay')}
            columns={[
              t('sunMoon.day'),
              t('current.sunrise'),
              t('current.sunset'),
              t('sun.daylight'),
              t('moon.title'),
            ]}
            className="sun-moon__table"
          >
            {later.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  <abbr title={longDay(day.date)}>{shortDay(day.date)}</abbr>
                </th>
                <td>{time(day.sunrise, '—')}</td>
                <td>{time(day.sunset, '—')}</td>
                <td>{formatDuration(day.dayLength)}</td>
                <td>
                  <ImageIcon name={MOON_PHASES[day.moonPhase].icon} className="sun-moon__icon" />{' '}
                  {t('moon.phaseLit', {
                    phase: moonPhaseLabel(day.moonPhase),
                    lit: formatPercent(day.moonIllumination * 100),
                  })}
                </td>
              </tr>
            ))}
          </DataTable>
        </Disclosure>
      </>
    );
  } else if (query.isError) {
    body = <QueryErrorMessage title={t('sunMoon.failed')} query={query} />;
  } else if (offline) {
    // Nothing stored and no network: a skeleton would promise what cannot come.
    body = <p className="sun-moon__not-stored">{offlineMessages.sectionNotStored}</p>;
  } else {
    body = <div className="skeleton sun-moon__skeleton" aria-hidden="true" />;
  }

  return (
    <section className="sun-moon" aria-labelledby="sun-moon-title">
      <h2 id="sun-moon-title" className="section-title">
        {t('sunMoon.title')}
      </h2>
      <div className="card sun-moon__card">{body}</div>
    </section>
  );
}

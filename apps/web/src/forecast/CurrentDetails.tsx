import { Trans } from '@lingui/react';
import type { ReactNode } from 'react';

import type { CurrentConditions as Current, DailyEntry, Forecast, Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { compassPoint } from '../weather/compass.ts';
import { formatPercent, formatPrecipitation, formatTemperature } from '../weather/units.ts';
import {
  formatPressure,
  formatUvIndex,
  formatVisibility,
  formatWindSpeed,
} from '../weather/detail-units.ts';
import { againstYesterday, comparedWithYesterday } from '../weather/yesterday.ts';
import { WindArrow } from './WindArrow.tsx';
import './CurrentConditions.css';

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="current__detail">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface CurrentDetailsProps {
  current: Current;
  /** Today's entry, for comparing its high with yesterday's. */
  today: DailyEntry | undefined;
  /** Yesterday at this time and its high and low; null where the provider has no past. */
  yesterday: Forecast['yesterday'];
  units: Units;
}

/**
 * The rest of "Right now": how it compares with yesterday, then tiles for
 * wind, gusts, humidity, precipitation, UV, pressure and visibility. Below the
 * hours and days, since a glance needs them less. Sunrise and sunset are in
 * the sun and moon card, their one source.
 */
export function CurrentDetails({ current, today, yesterday, units }: CurrentDetailsProps) {
  const wind = compassPoint(current.windDirection);
  return (
    <section className="current-details" aria-labelledby="current-details-title">
      <h2 id="current-details-title" className="section-title">
        {t('current.details')}
      </h2>
      {yesterday && (
        <p className="current__yesterday">
          {yesterday.temperature !== null &&
            `${comparedWithYesterday(current.temperature, yesterday.temperature)} `}
          {today ? (
            <Trans
              id={againstYesterday(today.temperatureMax, yesterday.temperatureMax)}
              values={{
                difference: Math.abs(Math.round(today.temperatureMax - yesterday.temperatureMax)),
                high: formatTemperature(yesterday.temperatureMax, units.temperature),
              }}
              components={{ 0: <span data-temperature /> }}
            />
          ) : null}
        </p>
      )}
      <dl className="current__details">
        <Detail term={t('current.wind')}>
          <WindArrow fromDegrees={current.windDirection} />
          <span data-wind>
            {formatWindSpeed(current.windSpeed, units.windSpeed)}{' '}
            <abbr title={wind.from}>{wind.abbreviation}</abbr>
            <span className="visually-hidden"> ({wind.from})</span>
          </span>
        </Detail>
        {current.windGusts !== null && (
          <Detail term={t('current.gusts')}>
            <span data-wind>{formatWindSpeed(current.windGusts, units.windSpeed)}</span>
          </Detail>
        )}
        <Detail term={t('current.humidity')}>{formatPercent(current.humidity)}</Detail>
        <Detail term={t('current.precipitation')}>
          {formatPrecipitation(current.precipitation, units.precipitation)}
        </Detail>
        {current.uvIndex !== null && (
          <Detail term={t('current.uvIndex')}>{formatUvIndex(current.uvIndex)}</Detail>
        )}
        {current.pressure !== null && (
          <Detail term={t('current.pressure')}>
            {formatPressure(current.pressure, units.pressure)}
          </Detail>
        )}
        {current.visibility !== null && (
          <Detail term={t('current.visibility')}>
            {formatVisibility(current.visibility, units.visibility)}
          </Detail>
        )}
      </dl>
    </section>
  );
}

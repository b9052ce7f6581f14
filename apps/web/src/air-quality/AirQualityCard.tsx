import { Trans } from '@lingui/react';
import { useQuery } from '@tanstack/react-query';
import type { CSSProperties, ReactNode } from 'react';

import type { Coordinates } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { useUnits } from '../preferences/use-units.ts';
import { useOffline } from '../offline/connection.ts';
import { offlineMessages } from '../offline/offline-messages.ts';
import { trpc } from '../trpc.ts';
import { QueryErrorMessage } from '../ui/ErrorMessage.tsx';
import { LoadingStatus } from '../ui/LoadingStatus.tsx';
import { clockTimeAt } from '../weather/local-time.ts';
import { formatTime } from '../weather/units.ts';
import { formatNumber } from '../weather/detail-units.ts';
import { europeanAqiBand, usAqiBand, type AqiBand } from './aqi-bands.ts';
import { PollenList } from './PollenList.tsx';
import './AirQualityCard.css';

const MICROGRAMS = 'µg/m³';
/** Formulas written with their subscripts, as the pollutants' short names. */
const OZONE = (
  <>
    O<sub>3</sub>
  </>
);
const NITROGEN_DIOXIDE = (
  <>
    NO<sub>2</sub>
  </>
);

function Index({ name, value, band }: { name: string; value: number; band: AqiBand }) {
  return (
    <div className="aqi">
      <p className="aqi__name">{name}</p>
      <p className="aqi__value">
        <span className="aqi__number">{formatNumber(Math.round(value))}</span>
        <span
          className="aqi__swatch"
          style={{ '--band': band.color } as CSSProperties}
          aria-hidden="true"
        />
        <span className="aqi__band">{band.name}</span>
      </p>
    </div>
  );
}

function Pollutant({
  label,
  name,
  value,
}: {
  label: ReactNode;
  name: string;
  value: number | null;
}) {
  if (value === null) return null;
  return (
    <div className="pollutant">
      <dt>
        <abbr title={name}>{label}</abbr>
      </dt>
      <dd>
        {formatNumber(Math.round(value))} <span className="pollutant__unit">{MICROGRAMS}</span>
      </dd>
    </div>
  );
}

/** A grey stand-in of the card while it loads. */
function AirQualitySkeleton() {
  return (
    <div className="air-quality__body" aria-hidden="true">
      <div className="skeleton air-quality__skeleton-index" />
      <div className="skeleton air-quality__skeleton-index" />
      <div className="skeleton air-quality__skeleton-values" />
    </div>
  );
}

/**
 * Air quality at the place now: the European and US indexes (where given)
 * with their band's words and colour, then PM2.5, PM10, O₃ and NO₂. Loads and
 * fails apart from the forecast, with its own skeleton and retry.
 */
export function AirQualityCard({ coordinates }: { coordinates: Coordinates }) {
  const query = useQuery(trpc.weather.airQuality.queryOptions(coordinates));
  const { clock } = useUnits();
  const offline = useOffline();

  let body;
  if (query.data) {
    const { current, stale, fetchedAt, location } = query.data;
    const hasAny =
      current.europeanAqi !== null ||
      current.usAqi !== null ||
      [current.pm2_5, current.pm10, current.ozone, current.nitrogenDioxide].some((v) => v !== null);
    body = hasAny ? (
      <>
        {offline ? (
          <p className="air-quality__stale">
            {offlineMessages.storedAt(formatTime(clockTimeAt(fetchedAt, location.timezone), clock))}
          </p>
        ) : (
          stale && (
            <p className="air-quality__stale">
              <Trans
                id="airQuality.stale"
                values={{ time: formatTime(clockTimeAt(fetchedAt, location.timezone), clock) }}
                components={{ 0: <time dateTime={fetchedAt} /> }}
              />
            </p>
          )
        )}
        <div className="air-quality__body">
          {current.europeanAqi !== null && (
            <Index
              name={t('airQuality.european')}
              value={current.europeanAqi}
              band={europeanAqiBand(current.europeanAqi)}
            />
          )}
          {current.usAqi !== null && (
            <Index
              name={t('airQuality.us')}
              value={current.usAqi}
              band={usAqiBand(current.usAqi)}
            />
          )}
          <dl className="air-quality__pollutants">
            <Pollutant label="PM2.5" name={t('airQuality.pm25')} value={current.pm2_5} />
            <Pollutant label="PM10" name={t('airQuality.pm10')} value={current.pm10} />
            <Pollutant label={OZONE} name={t('airQuality.ozone')} value={current.ozone} />
            <Pollutant
              label={NITROGEN_DIOXIDE}
              name={t('airQuality.no2')}
              value={current.nitrogenDioxide}
            />
          </dl>
        </div>
        {query.data.pollen && <PollenList pollen={query.data.pollen} />}
      </>
    ) : (
      <p className="air-quality__empty">{t('airQuality.none')}</p>
    );
  } else if (query.isError) {
    body = <QueryErrorMessage title={t('airQuality.failed')} query={query} />;
  } else if (offline) {
    // Nothing stored and no network: a skeleton would promise what cannot come.
    body = <p className="air-quality__empty">{offlineMessages.sectionNotStored}</p>;
  } else {
    body = (
      <LoadingStatus label={t('airQuality.loading')}>
        <AirQualitySkeleton />
      </LoadingStatus>
    );
  }

  return (
    <section className="air-quality" aria-labelledby="air-quality-title">
      <h2 id="air-quality-title" className="section-title">
        {t('airQuality.title')}
      </h2>
      <div className="card air-quality__card">{body}</div>
    </section>
  );
}

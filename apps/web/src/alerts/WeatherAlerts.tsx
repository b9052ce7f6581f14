import { Trans, useLingui } from '@lingui/react';
import { useState } from 'react';

import type { Coordinates } from '../api-types.ts';
import { currentLanguage, t } from '../i18n/i18n.ts';
import { useUnits } from '../preferences/use-units.ts';
import { useNow } from '../ui/use-now.ts';
import { clockTimeAt } from '../weather/local-time.ts';
import { formatTime } from '../weather/units.ts';
import {
  alertPeriod,
  alertWords,
  languageName,
  severityLabel,
  SOURCES,
  urgencyAndCertainty,
  type AlertsSource,
  type WeatherAlert,
} from './alert-display.ts';
import { SeverityIcon } from './SeverityIcon.tsx';
import { useWeatherAlerts } from './use-weather-alerts.ts';
import './WeatherAlerts.css';

/** Some issuers name events in lower case ("storm gusts"); a title starts with a capital. */
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function Alert({
  alert,
  source,
  timeZone,
  now,
}: {
  alert: WeatherAlert;
  source: AlertsSource;
  timeZone: string;
  now: number;
}) {
  const period = alertPeriod(alert, timeZone, now, useUnits().clock);
  const likelihood = urgencyAndCertainty(alert);
  const service = SOURCES[source];
  const titleId = `alert-${alert.id.replace(/[^\w-]/g, '_')}`;
  const reader = currentLanguage();
  const choice = alertWords(alert, reader);
  const [originalShown, setOriginalShown] = useState(false);
  const words = originalShown && choice.original ? choice.original : choice.shown;
  const lang = words.language ?? undefined;
  // A compact banner (severity, event, until when) that opens to the full text.
  return (
    <li className={`alert alert--${alert.severity}`} aria-labelledby={titleId}>
      <details className="alert__details">
        <summary className="alert__top">
          <SeverityIcon severity={alert.severity} />
          <span className="alert__summary">
            <h3 className="alert__event" id={titleId}>
              <span className="alert__severity">{severityLabel(alert.severity)}</span>{' '}
              <span className="alert__name" lang={lang}>
                {capitalised(words.event)}
              </span>
            </h3>
            {period && <span className="alert__period">{period}</span>}
          </span>
          <span className="alert__more">{t('alerts.details')}</span>
        </summary>
        {choice.shownLanguageName && (
          <p className="alert__language">
            {t('alerts.inLanguage', { language: choice.shownLanguageName })}
          </p>
        )}
        {choice.original?.language && (
          <button
            type="button"
            className="alert__language"
            onClick={() => setOriginalShown(!originalShown)}
          >
            {originalShown
              ? t('alerts.showTranslation', { language: languageName(reader) })
              : t('alerts.showOriginal', { language: languageName(choice.original.language) })}
          </button>
        )}
        {words.headline && (
          <p className="alert__headline" lang={lang}>
            {words.headline}
          </p>
        )}
        {words.description && (
          <p className="alert__text" lang={lang}>
            {words.description}
          </p>
        )}
        {words.instruction && (
          <>
            <h4 className="alert__subheading">{t('alerts.whatToDo')}</h4>
            <p className="alert__text" lang={lang}>
              {words.instruction}
            </p>
          </>
        )}
        <dl className="alert__facts">
          {alert.area && (
            <div>
              <dt>{t('alerts.area')}</dt>
              <dd>{alert.area}</dd>
            </div>
          )}
          {likelihood && (
            <div>
              <dt>{t('alerts.urgencyAndCertainty')}</dt>
              <dd>{likelihood}</dd>
            </div>
          )}
        </dl>
        <p className="alert__sender">
          {alert.sender === service.name ? (
            t('alerts.issuedBy', { sender: alert.sender })
          ) : (
            <Trans
              id="alerts.issuedByVia"
              values={{ sender: alert.sender, service: service.name }}
              components={{ 0: <a href={service.href} /> }}
            />
          )}
        </p>
      </details>
    </li>
  );
}

/**
 * Official warnings at a place, most severe first, shown above the rest of
 * the page as compact banners, the severe ones more prominent than the minor. A place with none — or whose warnings are still loading — shows
 * nothing at all; warnings that cannot be loaded are said to be unknown, and
 * a list missing some the service could not give is said to be incomplete.
 */
export function WeatherAlerts({
  coordinates,
  timeZone,
}: {
  coordinates: Coordinates;
  /** The place's zone once the forecast names it; the viewer's until then. */
  timeZone: string | undefined;
}) {
  const query = useWeatherAlerts(coordinates);
  const now = useNow(60_000);
  const { clock } = useUnits();
  useLingui();
  if (query.isError && !query.data) {
    return (
      <p className="alerts__unknown" role="status">
        {t('alerts.unknown')}
      </p>
    );
  }
  const report = query.data;
  const source = report?.source;
  // Warnings the service listed here but that could not be read: said, never silently left out.
  const unreadable = report?.unreadable ?? 0;
  if (!report || !source || (report.alerts.length === 0 && unreadable === 0)) return null;
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const count = report.alerts.length;
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      {/* The banners speak for themselves; the count is for screen readers. */}
      <h2 id="alerts-title" className="visually-hidden">
        {t('alerts.title', { count })}
      </h2>
      {report.stale && (
        <p className="alerts__stale">
          <Trans
            id="alerts.stale"
            values={{ time: formatTime(clockTimeAt(report.fetchedAt, zone), clock) }}
            components={{ 0: <time dateTime={report.fetchedAt} /> }}
          />
        </p>
      )}
      {unreadable > 0 && (
        <p className="alerts__unreadable" role="status">
          {t('alerts.unreadable', { count: unreadable })}
        </p>
      )}
      {count > 0 && (
        <ul className="alerts__list">
          {report.alerts.map((alert) => (
            <Alert key={alert.id} alert={alert} source={source} timeZone={zone} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

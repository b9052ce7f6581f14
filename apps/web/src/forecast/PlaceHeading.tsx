import { useEffect, useRef, type ReactNode } from 'react';

import type { Forecast } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { arrivedInApp } from '../navigation/use-location.ts';
import { UpdatedAgo } from './UpdatedAgo.tsx';
import './PlaceHeading.css';

interface PlaceHeadingProps {
  name: string;
  /** Region and country, or the coordinates. */
  subtitle: string | undefined;
  /** Absent while the forecast loads, or when it failed to. */
  forecast: Forecast | undefined;
  loading: boolean;
  /** A control beside the name, such as saving the place. */
  action?: ReactNode;
}

/** The place's name as the page's heading, and how fresh its forecast is. */
export function PlaceHeading({ name, subtitle, forecast, loading, action }: PlaceHeadingProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // After a search or back/forward, screen readers start at the new place.
    if (arrivedInApp()) heading.current?.focus({ preventScroll: true });
  }, []);

  return (
    <header className="place-heading">
      <div className="place-heading__top">
        <div>
          <h1 ref={heading} tabIndex={-1} className="place-heading__name">
            {name}
          </h1>
          {subtitle && (
            <p className="place-heading__subtitle">
              {/* Isolated, so coordinates ("51.51° N") keep their order in a right-to-left page. */}
              <bdi>{subtitle}</bdi>
            </p>
          )}
        </div>
        {action}
      </div>
      <p className="place-heading__meta">
        {forecast ? (
          <>
            <UpdatedAgo fetchedAt={forecast.fetchedAt} />
            {forecast.simulated && <span className="tag">{t('forecast.simulated')}</span>}
          </>
        ) : (
          loading && <span className="skeleton place-heading__meta-skeleton" aria-hidden="true" />
        )}
      </p>
    </header>
  );
}

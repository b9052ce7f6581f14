import { t } from '../i18n/i18n.ts';
import { LoadingStatus } from '../ui/LoadingStatus.tsx';
import './ForecastSkeleton.css';

/** The forecast's layout in grey while it loads, so the page does not jump when it arrives. */
export function ForecastSkeleton() {
  return (
    <div className="forecast-skeleton">
      <LoadingStatus label={t('forecast.loading')} />
      <div className="card skeleton-card" aria-hidden="true">
        <div className="skeleton-row">
          <div className="skeleton skeleton--circle" />
          <div className="skeleton-stack">
            <div className="skeleton skeleton--big" />
            <div className="skeleton skeleton--line" />
            <div className="skeleton skeleton--line skeleton--short" />
          </div>
        </div>
        <div className="skeleton-tiles">
          <div className="skeleton skeleton--tile" />
          <div className="skeleton skeleton--tile" />
          <div className="skeleton skeleton--tile" />
        </div>
      </div>
      <div className="skeleton skeleton--title" aria-hidden="true" />
      <div className="card skeleton-chart" aria-hidden="true">
        <div className="skeleton skeleton--line" />
        <div className="skeleton skeleton-chart__plot" />
      </div>
      <div className="card skeleton-strip" aria-hidden="true">
        {Array.from({ length: 12 }, (_, index) => (
          <div key={index} className="skeleton skeleton--hour" />
        ))}
      </div>
      <div className="skeleton skeleton--title" aria-hidden="true" />
      <div className="card skeleton-days" aria-hidden="true">
        {Array.from({ length: 7 }, (_, index) => (
          <div key={index} className="skeleton skeleton--line" />
        ))}
      </div>
    </div>
  );
}

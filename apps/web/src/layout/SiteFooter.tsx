import { useQuery } from '@tanstack/react-query';

import type { Coordinates } from '../api-types.ts';
import { Attribution } from '../forecast/Attribution.tsx';
import { forecastQuery } from '../forecast/forecast-query.ts';
import './SiteFooter.css';

/** Credits: the provider of the forecast on screen, when there is one. */
export function SiteFooter({ coordinates }: { coordinates: Coordinates | undefined }) {
  return (
    <footer className="site-footer">
      <div className="page site-footer__inner">
        {coordinates && <ForecastCredit coordinates={coordinates} />}
        <span>Skycast</span>
      </div>
    </footer>
  );
}

function ForecastCredit({ coordinates }: { coordinates: Coordinates }) {
  // Reads the page's query from the cache: no second request.
  const { data } = useQuery(forecastQuery(coordinates));
  return data ? <Attribution source={data.source} /> : null;
}

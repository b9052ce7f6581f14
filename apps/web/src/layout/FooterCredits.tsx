import { useQuery } from '@tanstack/react-query';

import type { Coordinates } from '../api-types.ts';
import { Attribution } from '../forecast/Attribution.tsx';
import { forecastQuery } from '../forecast/forecast-query.ts';
import { currentLanguage, t } from '../i18n/i18n.ts';
import { trpc } from '../trpc.ts';

/** The credits of a place's page: the forecast's provider, and OpenStreetMap's for a located name. */
export default function FooterCredits({ coordinates }: { coordinates: Coordinates }) {
  return (
    <>
      <ForecastCredit coordinates={coordinates} />
      <NameCredit coordinates={coordinates} />
    </>
  );
}

function ForecastCredit({ coordinates }: { coordinates: Coordinates }) {
  // Reads the page's query from the cache: no second request.
  const { data } = useQuery(forecastQuery(coordinates));
  return data ? <Attribution source={data.source} /> : null;
}

/** OpenStreetMap's licence asks for credit where a name came from its data (a located place). */
function NameCredit({ coordinates }: { coordinates: Coordinates }) {
  // Only what the place page asked already: never a request of its own.
  const { data } = useQuery({
    ...trpc.weather.nearestPlace.queryOptions({ ...coordinates, language: currentLanguage() }),
    enabled: false,
  });
  return data ? (
    <span>
      <a href="https://www.openstreetmap.org/copyright">{t('footer.placeNameCredit')}</a>
    </span>
  ) : null;
}

import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo } from 'react';

import { formatCoordinates } from '@skycast/validators';

import { useWeatherAlerts } from '../alerts/use-weather-alerts.ts';
import { preloadChart } from '../chart/lazy-chart.ts';
import { t } from '../i18n/i18n.ts';
import { useHistoryState } from '../navigation/use-location.ts';
import { useOffline } from '../offline/connection.ts';
import { offlineMessages } from '../offline/offline-messages.ts';
import { rememberPlace } from '../place/last-place.ts';
import { formatPlacePath, type PlaceRoute } from '../place/place-path.ts';
import { regionFromHistory } from '../place/place-region.ts';
import { usePlaceName } from '../place/use-place-name.ts';
import { PlaceSwitcher } from '../places/PlaceSwitcher.tsx';
import { SavePlaceButton } from '../places/SavePlaceButton.tsx';
import { useUnits } from '../preferences/use-units.ts';
import { ErrorMessage, QueryErrorMessage } from '../ui/ErrorMessage.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { showForecast } from '../weather/shown-units.ts';
import { forecastQuery } from './forecast-query.ts';
import { ForecastSkeleton } from './ForecastSkeleton.tsx';
import { PlaceForecast } from './PlaceForecast.tsx';
import { PlaceHeading } from './PlaceHeading.tsx';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';

// Warnings are asked for at the first render (below); their code follows in a chunk of its
// own, fetched meanwhile, and shows nothing until the answer names one.
const WeatherAlerts = lazyWithWords(() =>
  import('../alerts/WeatherAlerts.tsx').then((module) => ({ default: module.WeatherAlerts })),
);
// Below the first screen: each loads after the first paint, in a chunk of its own.
const WatchesSection = lazyWithWords(() =>
  import('../watches/WatchesSection.tsx').then((module) => ({ default: module.WatchesSection })),
);
const AirQualityCard = lazyWithWords(() =>
  import('../air-quality/AirQualityCard.tsx').then((module) => ({
    default: module.AirQualityCard,
  })),
);
const SunAndMoonCard = lazyWithWords(() =>
  import('../sun-and-moon/SunAndMoonCard.tsx').then((module) => ({
    default: module.SunAndMoonCard,
  })),
);
const ClimateNormalsCard = lazyWithWords(() =>
  import('../normals/ClimateNormalsCard.tsx').then((module) => ({
    default: module.ClimateNormalsCard,
  })),
);

/** The server refreshes a forecast every ten minutes; an open page follows. */
const REFRESH_MS = 10 * 60_000;

/**
 * A place's page: its name, any weather warnings, then its forecast (grey
 * placeholders while it loads) and its air quality. The queries and the
 * chart's code start at once, so nothing waits on anything else.
 */
export function PlacePage({ route }: { route: PlaceRoute }) {
  const coordinates = { latitude: route.latitude, longitude: route.longitude };
  const forecast = useQuery({ ...forecastQuery(coordinates), refetchInterval: REFRESH_MS });
  const units = useUnits();
  // A change of units converts what is here: nothing is asked again.
  const shown = useMemo(
    () => forecast.data && showForecast(forecast.data, units),
    [forecast.data, units],
  );
  const offline = useOffline();
  useWeatherAlerts(coordinates);
  usePlaceName(route);
  const region = regionFromHistory(useHistoryState());
  const name = route.name ?? formatCoordinates(coordinates);
  // "Land Berlin, Germany" → "Germany": what a saved place shows under its name.
  const country = region?.split(', ').at(-1);
  useDocumentTitle(t('place.documentTitle', { name }));

  const path = formatPlacePath(route);
  useEffect(() => {
    preloadChart();
    rememberPlace(path);
  }, [path]);

  let body;
  if (shown)
    body = <PlaceForecast forecast={shown} dayHref={(day) => formatPlacePath({ ...route, day })} />;
  else if (offline)
    // Offline with nothing stored: a skeleton would promise a forecast that cannot come.
    body = (
      <ErrorMessage
        title={offlineMessages.noStoredForecastTitle}
        message={offlineMessages.noStoredForecast}
        onRetry={() => void forecast.refetch()}
        retrying={forecast.isFetching}
      />
    );
  else if (forecast.isError)
    body = <QueryErrorMessage title={t('forecast.failed')} query={forecast} />;
  else body = <ForecastSkeleton />;

  return (
    <article className="place">
      <PlaceSwitcher current={coordinates} />
      <PlaceHeading
        name={name}
        subtitle={region ?? (route.name ? formatCoordinates(coordinates) : undefined)}
        forecast={forecast.data}
        loading={forecast.isPending && !offline}
        action={
          <SavePlaceButton
            place={{
              name: name.slice(0, 100),
              ...coordinates,
              ...(country ? { country } : {}),
              ...(forecast.data ? { timezone: forecast.data.location.timezone } : {}),
            }}
          />
        }
      />
      <div className="place__sections">
        <Suspense fallback={null}>
          <WeatherAlerts coordinates={coordinates} timeZone={forecast.data?.location.timezone} />
        </Suspense>
        {body}
        <Suspense fallback={null}>
          <ClimateNormalsCard coordinates={coordinates} />
        </Suspense>
        <Suspense fallback={null}>
          <AirQualityCard coordinates={coordinates} />
          <SunAndMoonCard coordinates={coordinates} />
        </Suspense>
        <Suspense fallback={null}>
          <WatchesSection place={{ ...coordinates, name }} />
        </Suspense>
      </div>
    </article>
  );
}

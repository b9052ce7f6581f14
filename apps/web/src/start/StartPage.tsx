import { Trans } from '@lingui/react';

import { formatCoordinates } from '@skycast/validators';

import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { SavedPlaceList } from '../places/SavedPlaceList.tsx';
import { useSavedPlaces } from '../places/use-saved-places.ts';
import { lastPlacePath } from '../place/last-place.ts';
import { formatPlacePath, parsePlacePath } from '../place/place-path.ts';
import { useMyLocation } from '../place/use-my-location.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Glyph } from '../ui/Glyph.tsx';
import { ImageIcon } from '../ui/ImageIcon.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import './StartPage.css';

const EXAMPLES = [
  { name: 'Berlin', latitude: 52.52, longitude: 13.41 },
  { name: 'London', latitude: 51.51, longitude: -0.13 },
  { name: 'New York', latitude: 40.71, longitude: -74.01 },
  { name: 'Tokyo', latitude: 35.69, longitude: 139.69 },
  { name: 'Sydney', latitude: -33.87, longitude: 151.21 },
];

/** The page without a place: what to do, the person's saved places, and a few places to start from. */
export function StartPage() {
  useDocumentTitle(t('start.documentTitle'));
  const location = useMyLocation();
  // Someone with saved places came for them: the welcome shrinks so they show first.
  const saved = useSavedPlaces({ withWeather: true });
  const hasPlaces = (saved.places?.length ?? 0) > 0;
  // The start page is where a person's places are; the last place viewed is one link here, never a redirect.
  const lastPath = lastPlacePath();
  const last = lastPath ? parsePlacePath(lastPath) : null;
  const showLast = last && !saved.find(last);
  return (
    <div className={hasPlaces ? 'start start--with-places' : 'start'}>
      {!hasPlaces && (
        <p className="start__icon">
          <ImageIcon name="partly-cloudy-day" />
        </p>
      )}
      <h1 className="start__title">{t('start.title')}</h1>
      {/* Always here, so that it keeps its state (the undo of a removal) when the last place goes. */}
      <SavedPlaceList saved={saved} />
      {!hasPlaces && <p className="start__lead">{t('start.lead')}</p>}
      {showLast && lastPath && (
        <p className="start__last">
          <Trans
            id="start.lastViewed"
            values={{ name: last.name ?? formatCoordinates(last) }}
            components={{ 0: <AppLink href={lastPath} /> }}
          />
        </p>
      )}
      <div className="start__locate">
        <button
          type="button"
          className="button"
          onClick={location.locate}
          disabled={location.state.status === 'locating'}
        >
          <Glyph name="pin" />
          {location.state.status === 'locating' ? t('start.locating') : t('start.useMyLocation')}
        </button>
        {location.state.status === 'failed' && (
          <ErrorMessage
            title={t('start.locationUnavailable')}
            message={location.state.message}
            onRetry={location.locate}
          />
        )}
      </div>
      <h2 className="start__examples-title">{t('start.examples')}</h2>
      <ul className="start__examples">
        {EXAMPLES.map((place) => (
          <li key={place.name}>
            <AppLink className="start__example" href={formatPlacePath(place)}>
              {place.name}
            </AppLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

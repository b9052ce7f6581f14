import { placeKey } from '@skycast/validators';

import type { Coordinates } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { formatPlacePath } from '../place/place-path.ts';
import { useSavedPlaces } from './use-saved-places.ts';
import './PlaceSwitcher.css';

/**
 * The person's saved places as a row of links on a place page, the current
 * one marked: one tap to the next place, without going back to the start.
 * Shown once there is somewhere else to go.
 */
export function PlaceSwitcher({ current }: { current: Coordinates }) {
  const { places } = useSavedPlaces({ withWeather: false });
  const here = placeKey(current);
  if (!places?.some((place) => place.key !== here)) return null;
  return (
    <nav className="place-switcher" aria-label={t('switcher.label')}>
      <ul className="place-switcher__list">
        {places.map((place) => (
          <li key={place.key}>
            <AppLink
              className="place-switcher__place"
              href={formatPlacePath(place)}
              aria-current={place.key === here ? 'page' : undefined}
            >
              {place.name}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

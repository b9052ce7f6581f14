import { useState } from 'react';

import { t } from '../i18n/i18n.ts';
import { navigate } from '../navigation/use-location.ts';
import { formatPlacePath } from './place-path.ts';

export type LocationState =
  { status: 'idle' } | { status: 'locating' } | { status: 'failed'; message: string };

/**
 * What to tell a person whose location could not be had.
 *
 * @example
 * locationErrorMessage(1) // 'Skycast was not allowed to use your location. …'
 */
export function locationErrorMessage(code: number | 'unsupported'): string {
  switch (code) {
    case 1:
      return t('location.denied');
    case 3:
      return t('location.timeout');
    case 'unsupported':
      return t('location.unsupported');
    default:
      return t('location.failed');
  }
}

/** "Use my location": asks the browser where the visitor is, then opens that place's page. */
export function useMyLocation(): { state: LocationState; locate: () => void } {
  const [state, setState] = useState<LocationState>({ status: 'idle' });

  function locate() {
    if (!('geolocation' in navigator)) {
      setState({ status: 'failed', message: locationErrorMessage('unsupported') });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setState({ status: 'idle' });
        navigate(
          formatPlacePath({
            latitude: position.coords.latitude,
            longitude: position.coords.longitude,
            name: undefined,
          }),
        );
      },
      (error) => setState({ status: 'failed', message: locationErrorMessage(error.code) }),
      // A town-level fix is enough for the weather, and much faster than GPS.
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 10 * 60_000 },
    );
  }

  return { state, locate };
}

import { useState } from 'react';

import { t } from '../i18n/i18n.ts';
import { Glyph } from '../ui/Glyph.tsx';
import type { PlaceToSave } from './local-places.ts';
import { placesErrorMessage, useSavedPlaces } from './use-saved-places.ts';
import './SavePlaceButton.css';

/** Saves the place on screen to the person's places (account or browser), or removes it. */
export function SavePlaceButton({ place }: { place: PlaceToSave }) {
  const saved = useSavedPlaces({ withWeather: false });
  const existing = saved.find(place);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string>();

  async function toggle() {
    setFailure(undefined);
    try {
      if (existing) {
        await saved.remove(existing);
        setStatus(t('savePlace.removed', { name: place.name }));
      } else {
        await saved.add(place);
        setStatus(
          saved.keptIn === 'account'
            ? t('savePlace.saved', { name: place.name })
            : t('savePlace.savedHere', { name: place.name }),
        );
      }
    } catch (error) {
      setFailure(placesErrorMessage(error));
    }
  }

  return (
    <div className="save-place">
      <button
        type="button"
        className="pill save-place__button"
        aria-pressed={Boolean(existing)}
        disabled={saved.pending || saved.places === undefined}
        onClick={() => void toggle()}
      >
        <Glyph name={existing ? 'star' : 'star-outline'} className="save-place__star" />
        <span className="save-place__label">
          {existing ? t('savePlace.isSaved') : t('savePlace.save')}
        </span>
      </button>
      {failure && (
        <p className="save-place__error" role="alert">
          {failure}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

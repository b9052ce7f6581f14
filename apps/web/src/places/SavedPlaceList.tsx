import { useEffect, useRef, useState, type FormEvent } from 'react';

import { Trans } from '@lingui/react';

import { WeatherIcon } from '../forecast/WeatherIcon.tsx';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { useOffline } from '../offline/connection.ts';
import { formatPlacePath } from '../place/place-path.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Glyph } from '../ui/Glyph.tsx';
import { describeWeather } from '../weather/weather-codes.ts';
import { useUnits } from '../preferences/use-units.ts';
import { convert, formatShortTemperature, formatTemperature } from '../weather/units.ts';
import { placesErrorMessage, type SavedPlace, type SavedPlaces } from './use-saved-places.ts';
import '../ui/TextField.css';
import './SavedPlaceList.css';

/**
 * "Your places" on the start page (from `useSavedPlaces({ withWeather: true })`):
 * each saved place with its weather now, and
 * ways to rename, reorder and remove them. Nothing shows until there is a place.
 */
export function SavedPlaceList({ saved }: { saved: SavedPlaces }) {
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string>();
  // The last place removed and where it was, until it is put back or another change is made.
  const [removed, setRemoved] = useState<{ place: SavedPlace; index: number }>();
  const heading = useRef<HTMLHeadingElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  // A place just removed: the keyboard goes to the way to put it back once that is on screen
  // (a frame's wait could come before React has rendered it).
  useEffect(() => {
    if (removed) undoButton.current?.focus();
  }, [removed]);

  if (saved.failure) {
    return (
      <section className="saved" aria-labelledby="saved-title">
        <h2 id="saved-title" className="saved__title">
          {t('saved.title')}
        </h2>
        <ErrorMessage
          title={t('saved.failed')}
          message={saved.failure.message}
          onRetry={saved.failure.retry}
        />
      </section>
    );
  }
  if (!saved.places) {
    return saved.keptIn === 'account' ? <div className="saved saved--loading skeleton" /> : null;
  }
  if (saved.places.length === 0 && !removed) {
    return saved.keptIn === 'account' ? (
      <section className="saved" aria-labelledby="saved-title">
        <h2 id="saved-title" className="saved__title">
          {t('saved.title')}
        </h2>
        <p className="saved__empty">
          <Trans id="saved.empty" components={{ 0: <strong /> }} />
        </p>
      </section>
    ) : null;
  }

  async function run(change: () => Promise<void>, done: string): Promise<boolean> {
    setFailure(undefined);
    setRemoved(undefined);
    try {
      await change();
      setStatus(done);
      return true;
    } catch (error) {
      setFailure(placesErrorMessage(error));
      return false;
    }
  }

  async function undoRemove() {
    if (!removed) return;
    const { place, index } = removed;
    if (await run(() => saved.restore(place, index), t('saved.restored', { name: place.name })))
      requestAnimationFrame(() => heading.current?.focus());
  }

  const count = saved.places.length;
  return (
    <section className="saved" aria-labelledby="saved-title">
      <h2 id="saved-title" className="saved__title" ref={heading} tabIndex={-1}>
        {t('saved.title')}
      </h2>
      {saved.keptIn === 'browser' && (
        <p className="saved__note">
          <Trans id="saved.inBrowser" components={{ 0: <AppLink href="/sign-up" /> }} />
        </p>
      )}
      {failure && (
        <p className="notice notice--error saved__error" role="alert">
          {failure}
        </p>
      )}
      {removed && (
        <p className="notice notice--done saved__undo">
          {t('saved.removed', { name: removed.place.name })}{' '}
          <button
            type="button"
            ref={undoButton}
            className="button button--quiet"
            onClick={() => void undoRemove()}
          >
            {t('saved.undo')}
          </button>
        </p>
      )}
      <ol className="saved__list" hidden={count === 0}>
        {saved.places.map((place, index) => (
          <SavedPlaceRow
            key={place.key}
            place={place}
            first={index === 0}
            last={index === count - 1}
            onRename={async (name) => {
              await run(() => saved.rename(place, name), t('saved.renamed', { name: name.trim() }));
            }}
            onMove={async (offset) => {
              await run(
                () => saved.move(place, offset),
                t('saved.moved', { name: place.name, position: index + 1 + offset, count }),
              );
            }}
            onRemove={async () => {
              const done = await run(
                () => saved.remove(place),
                t('saved.removed', { name: place.name }),
              );
              // Its row is gone: the keyboard goes to the way to put it back (above), or to the
              // heading when it could not be removed.
              if (done) setRemoved({ place, index });
              else requestAnimationFrame(() => heading.current?.focus());
            }}
          />
        ))}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

interface SavedPlaceRowProps {
  place: SavedPlace;
  first: boolean;
  last: boolean;
  onRename: (name: string) => Promise<void>;
  onMove: (offset: number) => Promise<void>;
  onRemove: () => Promise<void>;
}

function SavedPlaceRow({ place, first, last, onRename, onMove, onRemove }: SavedPlaceRowProps) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(place.name);
  const renameButton = useRef<HTMLButtonElement>(null);
  const upButton = useRef<HTMLButtonElement>(null);
  const downButton = useRef<HTMLButtonElement>(null);

  // The row moves in the list and may reach an end, where the button pressed is
  // disabled: keep the keyboard on this place, on a button that still works.
  async function move(offset: number) {
    await onMove(offset);
    requestAnimationFrame(() => {
      const [pressed, other] =
        offset < 0
          ? [upButton.current, downButton.current]
          : [downButton.current, upButton.current];
      (pressed && !pressed.disabled ? pressed : other)?.focus();
    });
  }

  async function submitRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await onRename(name);
    setEditing(false);
    requestAnimationFrame(() => renameButton.current?.focus());
  }

  return (
    <li className="saved__item card">
      {editing ? (
        <form className="saved__rename" onSubmit={(event) => void submitRename(event)}>
          <label className="visually-hidden" htmlFor={`rename-${place.key}`}>
            {t('saved.newName', { name: place.name })}
          </label>
          <input
            id={`rename-${place.key}`}
            className="field__input saved__rename-input"
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setEditing(false);
                setName(place.name);
              }
            }}
            autoFocus
          />
          <button type="submit" className="button">
            {t('saved.save')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setEditing(false);
              setName(place.name);
            }}
          >
            {t('saved.cancel')}
          </button>
        </form>
      ) : (
        <AppLink className="saved__link" href={formatPlacePath(place)}>
          <span className="saved__name">{place.name}</span>
          {place.country && <span className="saved__country">{place.country}</span>}
          <PlaceWeather weather={place.weather} />
        </AppLink>
      )}
      <div className="saved__actions">
        <button
          type="button"
          ref={renameButton}
          className="saved__action"
          aria-label={t('saved.renameLabel', { name: place.name })}
          title={t('saved.rename')}
          onClick={() => setEditing(true)}
          hidden={editing}
        >
          <Glyph name="pencil" />
        </button>
        <button
          type="button"
          className="saved__action"
          aria-label={t('saved.moveUpLabel', { name: place.name })}
          title={t('saved.moveUp')}
          ref={upButton}
          disabled={first}
          onClick={() => void move(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="saved__action"
          aria-label={t('saved.moveDownLabel', { name: place.name })}
          title={t('saved.moveDown')}
          ref={downButton}
          disabled={last}
          onClick={() => void move(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="saved__action"
          aria-label={t('saved.removeLabel', { name: place.name })}
          title={t('saved.remove')}
          onClick={() => void onRemove()}
        >
          <Glyph name="close" />
        </button>
      </div>
    </li>
  );
}

function PlaceWeather({ weather }: { weather: SavedPlace['weather'] }) {
  const units = useUnits();
  const offline = useOffline();
  if (weather === undefined)
    return <span className="saved__weather skeleton saved__weather--loading" />;
  if (weather === null)
    return <span className="saved__weather saved__weather--none">{t('saved.noData')}</span>;
  const { label } = describeWeather(weather.weatherCode, weather.isDay);
  const unit = units.temperature;
  const shown = (value: number) => convert.temperature(value, weather.units.temperature, unit);
  return (
    <span className="saved__weather">
      <WeatherIcon code={weather.weatherCode} isDay={weather.isDay} className="saved__icon" />
      <span className="saved__temperature">
        {formatTemperature(shown(weather.temperature), unit)}
      </span>
      <span className="saved__condition">
        {label}
        {weather.high !== null && weather.low !== null && (
          <>
            {' · '}
            <span>
              {t('saved.highLow', {
                high: formatShortTemperature(shown(weather.high), unit),
                low: formatShortTemperature(shown(weather.low), unit),
              })}
            </span>
          </>
        )}
        {(weather.stale || offline) && ` · ${t('saved.notUpToDate')}`}
      </span>
    </span>
  );
}

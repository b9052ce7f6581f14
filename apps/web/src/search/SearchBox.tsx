import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

import { formatCoordinates } from '@skycast/validators';

import type { Place } from '../api-types.ts';
import { errorMessage } from '../error-message.ts';
import { currentLanguage, t } from '../i18n/i18n.ts';
import { navigate } from '../navigation/use-location.ts';
import { useOffline } from '../offline/connection.ts';
import { offlineMessages } from '../offline/offline-messages.ts';
import { parseTypedCoordinates } from '../place/coordinates.ts';
import { formatPlacePath } from '../place/place-path.ts';
import { placeRegion, type PlaceHistoryState } from '../place/place-region.ts';
import { queryClient, trpc } from '../trpc.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { nextActiveOption } from './active-option.ts';
import { SearchOption } from './SearchOption.tsx';
import { useDebouncedValue } from './use-debounced-value.ts';
import './SearchBox.css';

const MIN_QUERY_LENGTH = 2;
const DEBOUNCE_MS = 200;
const RESULT_LIMIT = 8;
/** Places keep their names: a search answered within the hour is not asked again. */
const SEARCH_STALE_MS = 60 * 60_000;

type SearchStatus = 'idle' | 'offline' | 'searching' | 'results' | 'empty' | 'error';

/** The id of the option that opens typed coordinates, which no geocoder gives. */
const TYPED_POINT_ID = 'typed-coordinates';

/** Where choosing a place leads, and the region its page shows under the name. */
function placeAddress(place: Place): { path: string; state: PlaceHistoryState | null } {
  // Typed coordinates open unnamed: the place page asks for the town there.
  if (place.id === TYPED_POINT_ID)
    return {
      path: formatPlacePath({
        latitude: place.latitude,
        longitude: place.longitude,
        name: undefined,
      }),
      state: null,
    };
  return {
    path: formatPlacePath({
      latitude: place.latitude,
      longitude: place.longitude,
      name: place.name,
    }),
    state: { region: placeRegion(place) },
  };
}

/**
 * The place search: an ARIA 1.2 combobox with a listbox popup. Typing searches
 * after a short pause; ↑/↓ move through the places, Enter opens one, Escape
 * closes the list (and, pressed again, clears the text).
 */
export function SearchBox() {
  const id = useId();
  const inputId = `${id}-input`;
  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const inputRef = useRef<HTMLInputElement>(null);

  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  // The active option belongs to one search: a new search starts with none.
  const [active, setActive] = useState({ query: '', index: -1 });
  // The text as last typed, for an answer that arrives after Enter: is it still what was asked?
  const latestText = useRef('');

  const offline = useOffline();
  const typed = text.trim();
  const point = parseTypedCoordinates(typed);
  const query = useDebouncedValue(typed, DEBOUNCE_MS);
  const search = useQuery({
    ...trpc.weather.searchLocations.queryOptions({
      query,
      limit: RESULT_LIMIT,
      language: currentLanguage(),
    }),
    // Coordinates name no place the geocoder could find; a postal code does (Open-Meteo matches them).
    enabled: query.length >= MIN_QUERY_LENGTH && !parseTypedCoordinates(query),
    placeholderData: keepPreviousData,
    staleTime: SEARCH_STALE_MS,
  });

  const places: Place[] = point
    ? [
        {
          id: TYPED_POINT_ID,
          name: formatCoordinates(point),
          admin1: t('search.coordinates'),
          country: '',
          countryCode: '',
          latitude: point.latitude,
          longitude: point.longitude,
          timezone: '',
        },
      ]
    : typed.length >= MIN_QUERY_LENGTH
      ? (search.data ?? [])
      : [];
  const upToDate =
    Boolean(point) || (query === typed && search.isSuccess && !search.isPlaceholderData);
  const activeIndex = active.query === query && active.index < places.length ? active.index : -1;

  let status: SearchStatus;
  if (point) status = 'results';
  else if (typed.length < MIN_QUERY_LENGTH) status = 'idle';
  // Answers are never stored for search: without a network it cannot work, so it says so.
  else if (offline && !upToDate) status = 'offline';
  else if (search.isError) status = 'error';
  else if (places.length > 0) status = 'results';
  else if (upToDate) status = 'empty';
  else status = 'searching';
  const expanded = open && status !== 'idle';

  useEffect(() => {
    if (activeIndex >= 0)
      document.getElementById(`${id}-option-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, activeIndex]);

  function choose(place: Place) {
    const { path, state } = placeAddress(place);
    navigate(path, state);
    setText('');
    latestText.current = '';
    setOpen(false);
  }

  /** Enter before the suggestions came: search now, and go to the best match unless the text changed meanwhile. */
  async function searchAndGo(asked: string) {
    setOpen(true);
    const found = await queryClient
      .fetchQuery({
        ...trpc.weather.searchLocations.queryOptions({
          query: asked,
          limit: RESULT_LIMIT,
          language: currentLanguage(),
        }),
        staleTime: SEARCH_STALE_MS,
      })
      // A failure shows in the list, from the same query.
      .catch(() => []);
    const best = found[0];
    // No match: the list says so, and the text stays to be corrected.
    if (best && latestText.current === asked) choose(best);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          return;
        }
        const direction = event.key === 'ArrowDown' ? 'down' : 'up';
        setActive({ query, index: nextActiveOption(activeIndex, places.length, direction) });
        return;
      }
      case 'Enter': {
        // Without an active option, Enter takes the best match of the text as typed,
        // now if its suggestions are here, else as soon as they are.
        const place = activeIndex >= 0 ? places[activeIndex] : upToDate ? places[0] : undefined;
        if (place) {
          event.preventDefault();
          choose(place);
        } else if (typed.length >= MIN_QUERY_LENGTH) {
          event.preventDefault();
          void searchAndGo(typed);
        }
        return;
      }
      case 'Escape': {
        event.preventDefault();
        if (expanded) setOpen(false);
        else setText('');
        return;
      }
    }
  }

  function handleBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
  }

  function retry() {
    inputRef.current?.focus();
    void search.refetch();
  }

  return (
    <div className="search" onBlur={handleBlur}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('search.label')}
      </label>
      <div className="search__field">
        <svg className="search__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="10.5" cy="10.5" r="6.5" />
          <path d="m15.5 15.5 5 5" />
        </svg>
        <input
          ref={inputRef}
          id={inputId}
          className="search__input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="search"
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            latestText.current = event.target.value.trim();
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onKeyDown={handleKeyDown}
        />
      </div>
      <div className="search__popup" hidden={!expanded}>
        <ul
          id={listboxId}
          role="listbox"
          aria-label={t('search.places')}
          className="search__listbox"
          hidden={status !== 'results'}
        >
          {places.map((place, index) => (
            <SearchOption
              key={place.id}
              id={optionId(index)}
              place={place}
              active={index === activeIndex}
              onChoose={() => choose(place)}
              onPoint={() => setActive({ query, index })}
            />
          ))}
        </ul>
        {status === 'searching' && <p className="search__message">{t('search.searching')}</p>}
        {status === 'offline' && (
          <p className="search__message">{offlineMessages.searchNeedsNetwork}</p>
        )}
        {status === 'empty' && (
          <p className="search__message">{t('search.noMatch', { query: typed })}</p>
        )}
        {status === 'error' && (
          <div className="search__error">
            <ErrorMessage
              title={t('search.failed')}
              message={errorMessage(search.error)}
              onRetry={retry}
              retrying={search.isFetching}
              announce={false}
            />
          </div>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {expanded ? announcement(status, places.length, typed, search.error) : ''}
      </p>
    </div>
  );
}

function announcement(status: SearchStatus, count: number, typed: string, error: unknown): string {
  switch (status) {
    case 'results':
      return t('search.found', { count });
    case 'empty':
      return t('search.noMatch', { query: typed });
    case 'error':
      return `${t('search.failed')}. ${errorMessage(error)}`;
    case 'offline':
      return offlineMessages.searchNeedsNetwork;
    default:
      return '';
  }
}

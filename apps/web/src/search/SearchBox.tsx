import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

import type { Place } from '../api-types.ts';
import { errorMessage } from '../error-message.ts';
import { currentLanguage, t } from '../i18n/i18n.ts';
import { navigate } from '../navigation/use-location.ts';
import { useOffline } from '../offline/connection.ts';
import { offlineMessages } from '../offline/offline-messages.ts';
import { formatPlacePath } from '../place/place-path.ts';
import { placeRegion, type PlaceHistoryState } from '../place/place-region.ts';
import { trpc } from '../trpc.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { nextActiveOption } from './active-option.ts';
import { SearchOption } from './SearchOption.tsx';
import { useDebouncedValue } from './use-debounced-value.ts';
import './SearchBox.css';

const MIN_QUERY_LENGTH = 2;
const DEBOUNCE_MS = 200;
const RESULT_LIMIT = 8;

type SearchStatus = 'idle' | 'offline' | 'searching' | 'results' | 'empty' | 'error';

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

  const offline = useOffline();
  const typed = text.trim();
  const query = useDebouncedValue(typed, DEBOUNCE_MS);
  const search = useQuery({
    ...trpc.weather.searchLocations.queryOptions({
      query,
      limit: RESULT_LIMIT,
      language: currentLanguage(),
    }),
    enabled: query.length >= MIN_QUERY_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 60 * 60_000,
  });

  const places: Place[] = typed.length >= MIN_QUERY_LENGTH ? (search.data ?? []) : [];
  const upToDate = query === typed && search.isSuccess && !search.isPlaceholderData;
  const activeIndex = active.query === query && active.index < places.length ? active.index : -1;

  let status: SearchStatus;
  if (typed.length < MIN_QUERY_LENGTH) status = 'idle';
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
    const state: PlaceHistoryState = { region: placeRegion(place) };
    navigate(
      formatPlacePath({ latitude: place.latitude, longitude: place.longitude, name: place.name }),
      state,
    );
    setText('');
    setOpen(false);
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
        // Without an active option, Enter takes the best match, but only of the text as typed.
        const place = activeIndex >= 0 ? places[activeIndex] : upToDate ? places[0] : undefined;
        if (!expanded || !place) return;
        event.preventDefault();
        choose(place);
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

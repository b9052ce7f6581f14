import type { Place } from '../api-types.ts';
import { placeRegion } from '../place/place-region.ts';

interface SearchOptionProps {
  id: string;
  place: Place;
  active: boolean;
  onChoose: () => void;
  onPoint: () => void;
}

/** One place in the search's list: its name, then region and country to tell namesakes apart. */
export function SearchOption({ id, place, active, onChoose, onPoint }: SearchOptionProps) {
  const region = placeRegion(place);
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={active ? 'search-option search-option--active' : 'search-option'}
      // Keeps the focus in the text box, so the list is not closed by its blur.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onChoose}
      onMouseMove={active ? undefined : onPoint}
    >
      <span className="search-option__name">{place.name}</span>
      {region && <span className="search-option__region">{region}</span>}
    </li>
  );
}

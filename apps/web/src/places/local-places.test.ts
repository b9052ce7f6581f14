import { describe, expect, it } from 'vitest';

import {
  MAX_LOCAL_PLACES,
  movedPlace,
  parseLocalPlaces,
  placeKey,
  withPlace,
} from './local-places.ts';

const berlin = { name: 'Berlin', latitude: 52.52, longitude: 13.41 };
const paris = { name: 'Paris', latitude: 48.86, longitude: 2.35, country: 'France' };
const oslo = { name: 'Oslo', latitude: 59.91, longitude: 10.75 };

describe('parseLocalPlaces', () => {
  it('reads what the app saved', () => {
    expect(parseLocalPlaces(JSON.stringify([berlin, paris]))).toEqual([berlin, paris]);
  });

  it('drops what is not a place, duplicates and unknown fields, and survives garbage', () => {
    const stored = [
      berlin,
      7,
      { name: '', latitude: 1, longitude: 1 },
      { ...berlin, name: 'Again' },
    ];
    stored.push({ ...oslo, latitude: 95 }, { ...paris, extra: '<script>' } as never);
    expect(parseLocalPlaces(JSON.stringify(stored))).toEqual([berlin, paris]);
    expect(parseLocalPlaces('{not json')).toEqual([]);
    expect(parseLocalPlaces('{"name":"Berlin"}')).toEqual([]);
    expect(parseLocalPlaces(null)).toEqual([]);
  });
});

describe('changing the list', () => {
  it('adds a place once, and no more than the cap', () => {
    expect(withPlace([berlin], paris)).toEqual([berlin, paris]);
    expect(withPlace([berlin], { ...berlin, name: 'Berlin again', latitude: 52.5201 })).toEqual([
      berlin,
    ]);
    const full = Array.from({ length: MAX_LOCAL_PLACES }, (_, i) => ({
      name: `P${i}`,
      latitude: i,
      longitude: i,
    }));
    expect(withPlace(full, oslo)).toBe(full);
  });

  it('moves a place within the bounds of the list', () => {
    const list = [berlin, paris, oslo];
    expect(movedPlace(list, placeKey(oslo), -1)).toEqual([berlin, oslo, paris]);
    expect(movedPlace(list, placeKey(berlin), -1)).toBe(list);
    expect(movedPlace(list, placeKey(berlin), 5)).toEqual([paris, oslo, berlin]);
    expect(movedPlace(list, 'nowhere', 1)).toBe(list);
  });

  it('keys a place by its coordinates at the precision of its URL', () => {
    expect(placeKey({ latitude: 52.5201, longitude: 13.4049 })).toBe('52.52,13.4');
    expect(placeKey({ latitude: -0.001, longitude: 0 })).toBe('0,0');
  });
});

import { describe, expect, it } from 'vitest';

import { formatPlacePath, parsePlacePath } from './place-path.ts';

describe('formatPlacePath', () => {
  it('writes coordinates to two decimals and the name', () => {
    expect(formatPlacePath({ latitude: 52.52437, longitude: 13.41053, name: 'Berlin' })).toBe(
      '/place/52.52,13.41/Berlin',
    );
  });

  it('escapes names with spaces, accents and slashes', () => {
    expect(formatPlacePath({ latitude: -23.5475, longitude: -46.63611, name: 'São Paulo' })).toBe(
      '/place/-23.55,-46.64/S%C3%A3o%20Paulo',
    );
    expect(formatPlacePath({ latitude: 1, longitude: 2, name: 'A/B' })).toBe('/place/1,2/A%2FB');
  });

  it('drops trailing zeros and never writes minus zero', () => {
    expect(formatPlacePath({ latitude: 51.5, longitude: -0.001, name: 'Greenwich' })).toBe(
      '/place/51.5,0/Greenwich',
    );
  });

  it('leaves the name out when there is none', () => {
    expect(formatPlacePath({ latitude: 10, longitude: 20, name: undefined })).toBe('/place/10,20');
  });
});

describe('parsePlacePath', () => {
  it('reads coordinates and name', () => {
    expect(parsePlacePath('/place/52.52,13.41/Berlin')).toEqual({
      latitude: 52.52,
      longitude: 13.41,
      name: 'Berlin',
    });
  });

  it('round-trips what formatPlacePath writes', () => {
    const place = { latitude: -23.55, longitude: -46.64, name: 'São Paulo' };
    expect(parsePlacePath(formatPlacePath(place))).toEqual(place);
  });

  it('accepts coordinates without a name and a trailing slash', () => {
    expect(parsePlacePath('/place/10,20')).toEqual({
      latitude: 10,
      longitude: 20,
      name: undefined,
    });
    expect(parsePlacePath('/place/10,20/')).toEqual({
      latitude: 10,
      longitude: 20,
      name: undefined,
    });
    expect(parsePlacePath('/place/10,20/Somewhere/')).toEqual({
      latitude: 10,
      longitude: 20,
      name: 'Somewhere',
    });
  });

  it('keeps a malformed escape as typed instead of failing', () => {
    expect(parsePlacePath('/place/10,20/Bad%E0')?.name).toBe('Bad%E0');
  });

  it('refuses other paths and coordinates off the globe', () => {
    expect(parsePlacePath('/')).toBeNull();
    expect(parsePlacePath('/place/')).toBeNull();
    expect(parsePlacePath('/place/abc,def/X')).toBeNull();
    expect(parsePlacePath('/place/91,0/X')).toBeNull();
    expect(parsePlacePath('/place/0,181/X')).toBeNull();
    expect(parsePlacePath('/place/1,2/a/b')).toBeNull();
  });
});

describe('a day in detail', () => {
  it('adds /day/<date> to the place path, with or without a name, and reads it back', () => {
    const berlin = { latitude: 52.52, longitude: 13.41, name: 'Berlin', day: '2026-12-03' };
    expect(formatPlacePath(berlin)).toBe('/place/52.52,13.41/Berlin/day/2026-12-03');
    expect(parsePlacePath('/place/52.52,13.41/Berlin/day/2026-12-03')).toEqual(berlin);
    const unnamed = { latitude: 1, longitude: 2, name: undefined, day: '2026-12-03' };
    expect(formatPlacePath(unnamed)).toBe('/place/1,2/day/2026-12-03');
    expect(parsePlacePath('/place/1,2/day/2026-12-03')).toEqual(unnamed);
  });

  it('still reads a place called "Day" as a name, and refuses a malformed day', () => {
    expect(parsePlacePath('/place/1,2/day')).toEqual({ latitude: 1, longitude: 2, name: 'day' });
    expect(parsePlacePath('/place/1,2/Berlin/day/tomorrow')).toBeNull();
  });
});

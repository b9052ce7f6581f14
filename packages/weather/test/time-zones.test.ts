import { describe, expect, it } from 'vitest';

import { fixedOffsetZone, utcOffsetSeconds, zoneAtCoordinates } from '../src/time-zones.ts';

const WINTER = Date.parse('2026-02-23T12:37:12Z');
const SUMMER = Date.parse('2026-07-01T12:00:00Z');

describe('fixedOffsetZone', () => {
  it.each([
    [0, 'UTC'],
    [3600, 'Etc/GMT-1'],
    [-5 * 3600, 'Etc/GMT+5'],
    [14 * 3600, 'Etc/GMT-14'],
    [-12 * 3600, 'Etc/GMT+12'],
    [20_700, '+05:45'],
    [-12_600, '-03:30'],
  ])('names offset %i as %s, a zone Intl accepts with that offset', (offset, zone) => {
    expect(fixedOffsetZone(offset)).toBe(zone);
    expect(utcOffsetSeconds(zone, WINTER)).toBe(offset);
    expect(utcOffsetSeconds(zone, SUMMER)).toBe(offset);
  });
});

describe('zoneAtCoordinates', () => {
  it('finds the IANA zone of a place from its coordinates alone', () => {
    expect(zoneAtCoordinates(52.52, 13.41)).toBe('Europe/Berlin');
    expect(zoneAtCoordinates(42.98339, -81.23304)).toBe('America/Toronto');
    expect(zoneAtCoordinates(27.7, 85.32)).toBe('Asia/Kathmandu');
  });

  it('answers undefined for coordinates that are not on Earth', () => {
    expect(zoneAtCoordinates(91, 0)).toBeUndefined();
    expect(zoneAtCoordinates(Number.NaN, 0)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';

import { formatCoordinates } from '@skycast/validators';

import { placeRegion, regionFromHistory } from './place-region.ts';

describe('placeRegion', () => {
  it('tells two Londons apart', () => {
    expect(placeRegion({ admin1: 'England', country: 'United Kingdom' })).toBe(
      'England, United Kingdom',
    );
    expect(placeRegion({ admin1: 'Ontario', country: 'Canada' })).toBe('Ontario, Canada');
  });

  it('leaves out a missing region', () => {
    expect(placeRegion({ admin1: undefined, country: 'Monaco' })).toBe('Monaco');
  });
});

describe('regionFromHistory', () => {
  it('reads the region the app stored', () => {
    expect(regionFromHistory({ region: 'Ontario, Canada' })).toBe('Ontario, Canada');
  });

  it('ignores history state it did not write', () => {
    expect(regionFromHistory(null)).toBeUndefined();
    expect(regionFromHistory({ region: 42 })).toBeUndefined();
    expect(regionFromHistory('Ontario')).toBeUndefined();
  });
});

describe('formatCoordinates', () => {
  it('writes hemispheres instead of signs', () => {
    expect(formatCoordinates({ latitude: -33.87, longitude: 151.21 })).toBe('33.87° S, 151.21° E');
    expect(formatCoordinates({ latitude: 52.52, longitude: -0.13 })).toBe('52.52° N, 0.13° W');
  });
});

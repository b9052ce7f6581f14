import { describe, expect, it } from 'vitest';

import { formatCoordinates } from '@skycast/validators';

import { parseTypedCoordinates } from './coordinates.ts';

describe('parseTypedCoordinates', () => {
  it.each([
    ['48.85, 2.35', 48.85, 2.35],
    ['48.85 2.35', 48.85, 2.35],
    ['  -33.87;151.21 ', -33.87, 151.21],
    ['33.87° S, 151.21° E', -33.87, 151.21],
    ['40.71N 74.01W', 40.71, -74.01],
    ['2.35 E, 48.85 N', 48.85, 2.35],
    ['48,85; 2,35', 48.85, 2.35],
    ['48,2', 48, 2],
  ])('reads %j as a point', (typed, latitude, longitude) => {
    expect(parseTypedCoordinates(typed)).toEqual({ latitude, longitude });
  });

  it.each(['Paris', '10001', 'SW1A 1AA', '91, 0', '0, 181', '48.85', '1, 2, 3', ''])(
    'leaves %j to the place search',
    (typed) => {
      expect(parseTypedCoordinates(typed)).toBeNull();
    },
  );

  it('reads back what formatCoordinates writes', () => {
    const point = { latitude: -12.05, longitude: -77.03 };
    expect(parseTypedCoordinates(formatCoordinates(point))).toEqual(point);
  });
});

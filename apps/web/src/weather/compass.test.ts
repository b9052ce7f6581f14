import { describe, expect, it } from 'vitest';

import { compassPoint } from './compass.ts';

describe('compassPoint', () => {
  it('names the cardinal and intercardinal directions', () => {
    expect(compassPoint(0).abbreviation).toBe('N');
    expect(compassPoint(90).abbreviation).toBe('E');
    expect(compassPoint(180).abbreviation).toBe('S');
    expect(compassPoint(270).abbreviation).toBe('W');
    expect(compassPoint(315)).toEqual({ abbreviation: 'NW', from: 'from the northwest' });
    expect(compassPoint(22.5).abbreviation).toBe('NNE');
  });

  it('rounds to the nearest of 16 points', () => {
    expect(compassPoint(11).abbreviation).toBe('N');
    expect(compassPoint(12).abbreviation).toBe('NNE');
    expect(compassPoint(348.75).abbreviation).toBe('N');
    expect(compassPoint(348).abbreviation).toBe('NNW');
  });

  it('accepts bearings of 360 and beyond, or below zero', () => {
    expect(compassPoint(360).abbreviation).toBe('N');
    expect(compassPoint(405).abbreviation).toBe('NE');
    expect(compassPoint(-90).abbreviation).toBe('W');
  });
});

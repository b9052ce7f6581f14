import { describe, expect, it } from 'vitest';

import { formatDayLengthChange, formatDuration } from './moon-phases.ts';

describe('formatDuration', () => {
  it.each([
    [38_520, '10 h 42 min'],
    [86_400, '24 h'],
    [0, '0 min'],
    [1_800, '30 min'],
  ])('writes %i seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatDayLengthChange', () => {
  it.each([
    [130, '+2 min 10 s'],
    [-65, '−1 min 5 s'],
    [12, '+12 s'],
  ])('writes a change of %i seconds as %s', (seconds, text) => {
    expect(formatDayLengthChange(seconds)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';

import { usAqiFromPm25 } from '../src/index.ts';

describe('usAqiFromPm25', () => {
  it.each([
    [0, 0],
    [4.5, 25],
    [9.0, 50],
    [9.1, 51],
    [12.0, 56],
    [35.4, 100],
    [35.5, 101],
    [55.4, 150],
    [55.5, 151],
    [125.4, 200],
    [125.5, 201],
    [225.4, 300],
    [225.5, 301],
    [325.4, 500],
  ])('reads %d µg/m³ as %d on the EPA scale of 2024', (concentration, index) => {
    expect(usAqiFromPm25(concentration)).toBe(index);
  });

  it('truncates to a tenth before looking up the band, as the EPA does', () => {
    // 9.09 is 9.0 (good, 50), not 9.1 (moderate, 51).
    expect(usAqiFromPm25(9.09)).toBe(50);
    expect(usAqiFromPm25(35.49)).toBe(100);
    expect(usAqiFromPm25(12.3)).toBe(usAqiFromPm25(12.35));
  });

  it('stays at 500 beyond the scale and at 0 for a reading below zero', () => {
    expect(usAqiFromPm25(500)).toBe(500);
    expect(usAqiFromPm25(-1)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';

import { rangeBar } from './temperature-range.ts';

describe('rangeBar', () => {
  it('places a day within the period’s lowest and highest temperatures', () => {
    expect(rangeBar(10, 15, 5, 25)).toEqual({ start: 25, end: 50 });
    expect(rangeBar(5, 25, 5, 25)).toEqual({ start: 0, end: 100 });
  });

  it('fills the whole bar when every day has the same temperature', () => {
    expect(rangeBar(7, 7, 7, 7)).toEqual({ start: 0, end: 100 });
  });
});

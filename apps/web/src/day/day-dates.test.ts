import { describe, expect, it } from 'vitest';

import { longDateOf, shortDateOf } from './day-dates.ts';

describe('day dates', () => {
  it('writes the place’s calendar date whatever the viewer’s zone', () => {
    expect(longDateOf('2026-12-03')).toBe('Thursday 3 December');
    expect(shortDateOf('2026-12-03')).toBe('Thu 3 Dec');
  });
});

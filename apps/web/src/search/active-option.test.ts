import { describe, expect, it } from 'vitest';

import { nextActiveOption } from './active-option.ts';

describe('nextActiveOption', () => {
  it('starts at the first option going down and the last going up', () => {
    expect(nextActiveOption(-1, 5, 'down')).toBe(0);
    expect(nextActiveOption(-1, 5, 'up')).toBe(4);
  });

  it('moves one option at a time and wraps around', () => {
    expect(nextActiveOption(1, 5, 'down')).toBe(2);
    expect(nextActiveOption(4, 5, 'down')).toBe(0);
    expect(nextActiveOption(0, 5, 'up')).toBe(4);
  });

  it('has no active option in an empty list', () => {
    expect(nextActiveOption(-1, 0, 'down')).toBe(-1);
  });

  it('recovers when the list shrank under the active option', () => {
    expect(nextActiveOption(7, 3, 'down')).toBe(0);
  });
});

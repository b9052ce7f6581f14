import { describe, expect, it } from 'vitest';

import { describeBands, pollenLevel } from './pollen-levels.ts';

describe('pollenLevel', () => {
  it.each([
    ['birch', 0, 'None'],
    ['birch', 0.4, 'None'],
    ['birch', 12, 'Low'],
    ['birch', 30, 'Moderate'],
    ['birch', 120, 'High'],
    ['birch', 450, 'Very high'],
    ['grass', 60, 'High'],
    ['ragweed', 12, 'Moderate'],
    ['ragweed', 100, 'Very high'],
  ] as const)('puts %s at %d grains/m³ at %s', (type, count, level) => {
    expect(pollenLevel(type, count).name).toBe(level);
  });
});

describe('describeBands', () => {
  it('writes a type’s bands out', () => {
    expect(describeBands('grass')).toBe(
      'low 1–29, moderate 30–49, high 50–149, very high 150 or more',
    );
  });
});

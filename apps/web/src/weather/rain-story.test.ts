import { describe, expect, it } from 'vitest';

import { isWet, shownWeatherCode } from './rain-story.ts';

describe('the one rule about rain', () => {
  it('calls 0.05 mm in 15 minutes (shown as 0.1 mm) wet, and less dry', () => {
    expect(isWet(0.05, 0.25, 'mm')).toBe(true);
    expect(isWet(0.04, 0.25, 'mm')).toBe(false);
    expect(isWet(0.2, 1, 'mm')).toBe(true);
    expect(isWet(0.19, 1, 'mm')).toBe(false);
    // The same amount in inches.
    expect(isWet(0.2 / 25.4, 1, 'inch')).toBe(true);
  });

  it('never calls a time with too little to measure "drizzle" or "rain"', () => {
    expect(shownWeatherCode(51, 0.01, 0.25, 'mm')).toBe(3);
    expect(shownWeatherCode(80, 0, 1, 'mm')).toBe(3);
    expect(shownWeatherCode(71, 0.1, 1, 'mm')).toBe(3);
    expect(shownWeatherCode(95, 0, 1, 'mm')).toBe(17);
  });

  it('keeps the code where the amount matches it, is unknown, or nothing falls', () => {
    expect(shownWeatherCode(51, 0.05, 0.25, 'mm')).toBe(51);
    expect(shownWeatherCode(63, 2, 1, 'mm')).toBe(63);
    expect(shownWeatherCode(61, null, 1, 'mm')).toBe(61);
    expect(shownWeatherCode(2, 0, 1, 'mm')).toBe(2);
    expect(shownWeatherCode(45, 0, 1, 'mm')).toBe(45);
  });
});

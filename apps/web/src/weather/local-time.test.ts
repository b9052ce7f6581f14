import { describe, expect, it } from 'vitest';

import { clockTimeAt, dateOf, hourOf, isDaytime, weekdayOf } from './local-time.ts';

describe('local times', () => {
  it('shows the hour of a local time as it is', () => {
    expect(hourOf('2026-11-23T14:00')).toBe('14:00');
    expect(dateOf('2026-11-23T14:00')).toBe('2026-11-23');
  });

  it('names the weekday of a date whatever the viewer’s time zone', () => {
    expect(weekdayOf('2026-11-23')).toBe('Mon');
    expect(weekdayOf('2026-11-29', 'long')).toBe('Sunday');
  });

  it('shows an instant on the place’s clocks', () => {
    expect(clockTimeAt('2026-11-23T13:05:00Z', 'Europe/Berlin')).toBe('14:05');
    expect(clockTimeAt('2026-11-23T13:05:00Z', 'Asia/Tokyo')).toBe('22:05');
  });

  it('falls back to UTC for a time zone the browser does not know', () => {
    expect(clockTimeAt('2026-11-23T13:05:00Z', 'Mars/Olympus_Mons')).toBe('13:05');
  });

  it('tells day from night by sunrise and sunset, or by the clock when they are missing', () => {
    expect(isDaytime('2026-11-23T07:00', '2026-11-23T07:45', '2026-11-23T16:00')).toBe(false);
    expect(isDaytime('2026-11-23T08:00', '2026-11-23T07:45', '2026-11-23T16:00')).toBe(true);
    expect(isDaytime('2026-11-23T16:00', '2026-11-23T07:45', '2026-11-23T16:00')).toBe(false);
    expect(isDaytime('2026-11-23T12:00', null, null)).toBe(true);
    expect(isDaytime('2026-11-23T20:00', null, null)).toBe(false);
  });
});

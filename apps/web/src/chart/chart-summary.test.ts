import { describe, expect, it } from 'vitest';

import type { HourlyEntry } from '../api-types.ts';
import { chartSeconds, hourLabel, summarizeHours } from './chart-summary.ts';

const hour = (time: string, temperature: number, precipitationProbability: number | null) =>
  ({
    time,
    temperature,
    precipitationProbability,
    apparentTemperature: null,
    precipitation: null,
    weatherCode: 0,
    windSpeed: 0,
    humidity: null,
    isDay: null,
    windGusts: null,
    cloudCover: null,
    dewPoint: null,
    uvIndex: null,
  }) satisfies HourlyEntry;

describe('summarizeHours', () => {
  it('finds the coldest, warmest and wettest hours', () => {
    const hours = [
      hour('2026-11-24T00:00', 3, 10),
      hour('2026-11-24T01:00', -1, 60),
      hour('2026-11-24T02:00', 7, 20),
    ];
    const summary = summarizeHours(hours);
    expect(summary?.lowest.time).toBe('2026-11-24T01:00');
    expect(summary?.highest.time).toBe('2026-11-24T02:00');
    expect(summary?.wettest?.time).toBe('2026-11-24T01:00');
  });

  it('has no wettest hour when the forecast gives no chances, and nothing for no hours', () => {
    expect(summarizeHours([hour('2026-11-24T00:00', 3, null)])?.wettest).toBeUndefined();
    expect(summarizeHours([])).toBeUndefined();
  });
});

describe('chart times', () => {
  it('labels hours with weekday and clock time, on the person’s clock', () => {
    expect(hourLabel('2026-11-24T14:00', '24h')).toBe('Tue 14:00');
    expect(hourLabel('2026-11-24T14:00', '12h')).toBe('Tue 2 PM');
    expect(hourLabel('2026-11-24T00:00', '12h')).toBe('Tue 12 AM');
  });

  it('reads local times as UTC so the axis shows the place’s clock', () => {
    expect(new Date(chartSeconds('2026-11-24T14:00') * 1000).toISOString()).toBe(
      '2026-11-24T14:00:00.000Z',
    );
  });
});

import { describe, expect, it } from 'vitest';

import { compareHigh, percentOfNormal, shareOf, type DayNormal } from './compare-to-normal.ts';

const DECEMBER_SIXTH: DayNormal = {
  date: '2026-12-06',
  highMean: 8,
  highP10: 3,
  highP90: 12,
  lowMean: 1,
  lowP10: -4,
  lowP90: 5,
  precipitationMean: 1.6,
  wetDayFrequency: 0.4,
  recordHigh: 16.2,
  recordHighYear: 1961,
  recordLow: -14.5,
  recordLowYear: 1969,
};

describe('compareHigh', () => {
  it('says 6° above normal and in the warmest 10 % above the 90th percentile', () => {
    expect(compareHigh(14, DECEMBER_SIXTH)).toEqual({ difference: 6, band: 'warmest-10' });
  });
  it('says below normal and coldest 10 % under the 10th percentile', () => {
    expect(compareHigh(1, DECEMBER_SIXTH)).toEqual({ difference: -7, band: 'coldest-10' });
  });
  it('keeps a high between the percentiles usual', () => {
    expect(compareHigh(9, DECEMBER_SIXTH).band).toBe('usual');
  });
});

describe('shareOf', () => {
  it('clamps to the bar', () => {
    expect(shareOf(5, 0, 10)).toBe(0.5);
    expect(shareOf(-5, 0, 10)).toBe(0);
    expect(shareOf(50, 0, 10)).toBe(1);
  });
});

describe('percentOfNormal', () => {
  it('gives the observed season as a whole percentage of its normal', () => {
    expect(percentOfNormal(42, 52.5)).toBe(80);
    expect(percentOfNormal(0, 30)).toBe(0);
    expect(percentOfNormal(90, 45)).toBe(200);
  });

  it('gives no percentage where the normal is under a millimetre', () => {
    expect(percentOfNormal(3, 0.4)).toBeNull();
    expect(percentOfNormal(0, 0)).toBeNull();
  });
});

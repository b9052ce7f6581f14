import { describe, expect, it } from 'vitest';

import { quantile } from '../src/climate-normals.ts';
import { type ArchiveDay, climateNormals, leapDayOfYear, NORMAL_DAYS } from '../src/index.ts';

const DAY_MS = 86_400_000;

/** Every date from `first` to `last` (years, inclusive) as a local `YYYY-MM-DD`. */
function datesOf(first: number, last: number): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(first, 0, 1); t <= Date.UTC(last, 11, 31); t += DAY_MS) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/** Days whose high is `value(date)` and low 10 ° below, with 2 mm every other day. */
const series = (first: number, last: number, value: (date: string) => number): ArchiveDay[] =>
  datesOf(first, last).map((date, i) => ({
    date,
    high: value(date),
    low: value(date) - 10,
    precipitation: i % 2 === 0 ? 2 : 0,
  }));

describe('leap-year calendar', () => {
  it('puts 29 February on day 59 and 1 March on day 60 in every year', () => {
    expect(leapDayOfYear('2020-02-29')).toBe(59);
    expect(leapDayOfYear('2020-03-01')).toBe(60);
    expect(leapDayOfYear('2021-03-01')).toBe(60);
    expect(leapDayOfYear('2021-12-31')).toBe(365);
    expect(() => leapDayOfYear('2021-02-30')).not.toThrow();
    expect(() => leapDayOfYear('2021-13-01')).toThrow(RangeError);
  });

  it('buckets by the local date it is given, not by the UTC day of its midnight', () => {
    // Auckland's 1 January starts at 11:00 UTC on 31 December: it is still day 0.
    const localMidnight = Date.parse('2020-12-31T11:00:00Z');
    expect(new Date(localMidnight).toISOString().slice(0, 10)).toBe('2020-12-31');
    expect(leapDayOfYear('2021-01-01')).toBe(0);
    const normals = climateNormals(
      series(1991, 2020, (date) => (date.endsWith('-01-01') ? 50 : 0)),
    );
    expect(normals[0]!.recordHigh).toBe(50);
    expect(normals[365]!.recordHigh).toBe(0);
  });
});

describe('climateNormals', () => {
  it('pools ±7 days: a one-day spike spreads evenly over the 15 days around it', () => {
    const normals = climateNormals(
      series(1991, 2020, (date) => (date.endsWith('-06-15') ? 15 : 0)),
    );
    const spike = leapDayOfYear('2020-06-15');
    for (let day = spike - 7; day <= spike + 7; day++) {
      expect(normals[day]!.highMean).toBeCloseTo(1, 1);
    }
    expect(normals[spike - 8]!.highMean).toBe(0);
    expect(normals[spike + 8]!.highMean).toBe(0);
  });

  it('gives p10 and p90 of the pooled days', () => {
    // Each year's value is its offset from 1991: 0…29 on every day.
    const normals = climateNormals(series(1991, 2020, (date) => Number(date.slice(0, 4)) - 1991));
    const day = normals[leapDayOfYear('2020-05-10')]!;
    expect(day.highMean).toBeCloseTo(14.5, 1);
    expect(day.highP10).toBeCloseTo(quantile([...Array(30).keys()], 0.1), 0);
    expect(day.highP90).toBeCloseTo(quantile([...Array(30).keys()], 0.9), 0);
    expect(day.lowP90).toBeCloseTo(day.highP90 - 10, 1);
  });

  it('wraps round the end of the year: 1 January pools late December and 31 December early January', () => {
    const normals = climateNormals(
      series(1991, 2020, (date) => (date.slice(5, 7) === '12' ? 14 : 0)),
    );
    // 1 January pools 25–31 December (7 of its 15 days are December's).
    expect(normals[0]!.highMean).toBeCloseTo((7 * 14) / 15, 1);
    expect(normals[365]!.highMean).toBeCloseTo((8 * 14) / 15, 1);
    expect(normals[leapDayOfYear('2020-01-08')]!.highMean).toBe(0);
  });

  it('gives 29 February a normal as firm as its neighbours and records from leap years only', () => {
    const normals = climateNormals(
      series(1991, 2020, (date) => (date.endsWith('-02-29') ? 30 : 1)),
      series(1950, 1990, () => 1),
    );
    expect(normals).toHaveLength(NORMAL_DAYS);
    const leapDay = normals[59]!;
    expect(leapDay.highMean).toBeGreaterThan(1);
    expect(leapDay.highMean).toBeLessThan(5);
    expect(leapDay.recordHigh).toBe(30);
    expect(leapDay.recordHighYear).toBe(1992);
    expect(normals[58]!.recordHigh).toBe(1);
  });

  it('keeps records since 1950 with the year they were set, the earlier year on a tie', () => {
    const older = series(1950, 1990, (date) =>
      date === '1963-07-04' ? 40 : date === '1956-01-10' ? -30 : 5,
    );
    const recent = series(1991, 2020, (date) => (date === '2019-07-04' ? 40 : 5));
    const normals = climateNormals(recent, older);
    expect(normals[leapDayOfYear('2020-07-04')]).toMatchObject({
      recordHigh: 40,
      recordHighYear: 1963,
    });
    expect(normals[leapDayOfYear('2020-01-10')]).toMatchObject({
      recordLow: -40,
      recordLowYear: 1956,
    });
    // Records never enter the normals: only 1991–2020 does.
    expect(normals[leapDayOfYear('2020-01-10')]!.highMean).toBe(5);
  });

  it('finds the warm season in January in the southern hemisphere', () => {
    const southern = (date: string) =>
      20 + 6 * Math.cos((2 * Math.PI * (leapDayOfYear(date) - 15)) / 366);
    const normals = climateNormals(series(1991, 2020, southern));
    const warmest = normals.reduce((best, day) => (day.highMean > best.highMean ? day : best));
    const coldest = normals.reduce((best, day) => (day.highMean < best.highMean ? day : best));
    expect(warmest.dayOfYear).toBeGreaterThanOrEqual(5);
    expect(warmest.dayOfYear).toBeLessThanOrEqual(25);
    expect(coldest.dayOfYear).toBeGreaterThan(190);
    expect(coldest.dayOfYear).toBeLessThan(210);
  });

  it('counts mean precipitation and the share of wet days (at least 1 mm)', () => {
    const normals = climateNormals(series(1991, 2020, () => 10));
    expect(normals[100]!.precipitationMean).toBeCloseTo(1, 1);
    expect(normals[100]!.wetDayFrequency).toBeCloseTo(0.5, 1);
  });

  it('refuses an archive without temperatures rather than inventing normals', () => {
    expect(() => climateNormals([])).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';

import { startOfLocalDate, sunAndMoon } from '../src/sun-and-moon.ts';

const LONDON = { latitude: 51.5074, longitude: -0.1278, timezone: 'Europe/London' };
const TOKYO = { latitude: 35.6762, longitude: 139.6503, timezone: 'Asia/Tokyo' };
const TROMSO = { latitude: 69.6496, longitude: 18.956, timezone: 'Europe/Oslo' };

const minutes = (localTime: string | null) => {
  if (localTime === null) throw new Error('expected a time');
  const [hours = 0, mins = 0] = localTime.slice(11).split(':').map(Number);
  return hours * 60 + mins;
};
const day = (place: typeof LONDON, date: string) =>
  sunAndMoon({
    ...place,
    days: 1,
    from: new Date(startOfLocalDate(place.timezone, date) + 3_600_000),
  }).days[0]!;

describe('sunAndMoon', () => {
  // The US Naval Observatory's phases of the moon for 2024 (UTC): new moon
  // 8 April 18:21 (the total solar eclipse), full moon 18 September 02:34
  // (the partial lunar eclipse), full moon 25 March 07:00, new moon 2 October 18:49.
  it.each([
    [LONDON, '2024-04-08', 'new-moon'],
    [LONDON, '2024-04-07', 'waning-crescent'],
    [LONDON, '2024-04-09', 'waxing-crescent'],
    [LONDON, '2024-09-18', 'full-moon'],
    [LONDON, '2024-09-17', 'waxing-gibbous'],
    [LONDON, '2024-09-19', 'waning-gibbous'],
    [LONDON, '2024-03-25', 'full-moon'],
    [LONDON, '2024-10-02', 'new-moon'],
    // 18:21 UTC on 8 April is 03:21 on 9 April in Tokyo: the phase belongs to the local day.
    [TOKYO, '2024-04-08', 'waning-crescent'],
    [TOKYO, '2024-04-09', 'new-moon'],
  ] as const)('names the phase in %o on %s as USNO’s table has it (%s)', (place, date, phase) => {
    expect(day(place, date).moonPhase).toBe(phase);
  });

  it('gives a full moon nearly all lit and a new moon nearly dark', () => {
    expect(day(LONDON, '2024-09-18').moonIllumination).toBeGreaterThan(0.98);
    expect(day(LONDON, '2024-04-08').moonIllumination).toBeLessThan(0.02);
    const firstQuarter = sunAndMoon({
      ...LONDON,
      days: 30,
      from: new Date('2024-04-08T12:00Z'),
    }).days.find((d) => d.moonPhase === 'first-quarter');
    // USNO: first quarter 15 April 2024, 19:13 UTC.
    expect(firstQuarter?.date).toBe('2024-04-15');
    expect(firstQuarter?.moonIllumination).toBeGreaterThan(0.4);
    expect(firstQuarter?.moonIllumination).toBeLessThan(0.6);
  });

  it('gives London’s midsummer sunrise, sunset and day length as published (04:43, 21:21 BST)', () => {
    const solstice = day(LONDON, '2024-06-21');
    expect(Math.abs(minutes(solstice.sunrise) - (4 * 60 + 43))).toBeLessThanOrEqual(2);
    expect(Math.abs(minutes(solstice.sunset) - (21 * 60 + 21))).toBeLessThanOrEqual(2);
    expect(Math.abs(solstice.dayLength - (16 * 3600 + 38 * 60))).toBeLessThanOrEqual(180);
  });

  it('gives no sunrise or sunset in polar night and polar day, with 0 and 24 hours of sun', () => {
    const midwinter = day(TROMSO, '2024-12-21');
    expect([midwinter.sunrise, midwinter.sunset, midwinter.dayLength]).toEqual([null, null, 0]);
    const midsummer = day(TROMSO, '2024-06-21');
    expect([midsummer.sunrise, midsummer.sunset, midsummer.dayLength]).toEqual([
      null,
      null,
      86_400,
    ]);
  });

  it('has the full moon rise near sunset and set near sunrise', () => {
    // Opposite the sun, the full moon rises as it sets: a check on moonrise and moonset.
    const full = day(LONDON, '2024-09-18');
    expect(Math.abs(minutes(full.moonrise) - minutes(full.sunset))).toBeLessThan(60);
    expect(Math.abs(minutes(full.moonset) - minutes(full.sunrise))).toBeLessThan(60);
  });

  it('gives consecutive local days from the place’s today, across a daylight-saving change', () => {
    const { days } = sunAndMoon({ ...LONDON, days: 4, from: new Date('2024-10-26T23:30Z') });
    expect(days.map((d) => d.date)).toEqual([
      '2024-10-27',
      '2024-10-28',
      '2024-10-29',
      '2024-10-30',
    ]);
    // 27 October 2024 is 25 hours long in London; sunrise moves an hour earlier on the clock.
    expect(minutes(days[0]!.sunrise)).toBeLessThan(7 * 60);
  });
});

import { describe, expect, it } from 'vitest';

import {
  canonicalTimeZone,
  clockTimeAt,
  localDateTime,
  utcOffsetSeconds,
  zoneAbbreviation,
} from '../src/index.ts';

const WINTER = Date.parse('2026-02-23T12:37:12Z');
const SUMMER = Date.parse('2026-07-01T12:00:00Z');

describe('wall-clock time in a zone', () => {
  it('gives the wall clock and offset of an IANA zone, daylight saving included', () => {
    expect(localDateTime('Europe/Berlin', WINTER)).toBe('2026-02-23T13:37');
    expect(localDateTime('Europe/Berlin', SUMMER)).toBe('2026-07-01T14:00');
    expect(utcOffsetSeconds('Europe/Berlin', WINTER)).toBe(3600);
    expect(utcOffsetSeconds('Europe/Berlin', SUMMER)).toBe(7200);
    expect(localDateTime('America/St_Johns', WINTER)).toBe('2026-02-23T09:07');
    expect(utcOffsetSeconds('Asia/Kathmandu', WINTER)).toBe(20_700);
  });

  it('writes midnight as 00:00, not 24:00', () => {
    expect(localDateTime('UTC', Date.parse('2026-02-24T00:00:00Z'))).toBe('2026-02-24T00:00');
    expect(clockTimeAt('2026-02-24T00:00:00Z', 'UTC')).toBe('00:00');
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(localDateTime('Mars/Olympus_Mons', WINTER)).toBe('2026-02-23T12:37');
    expect(clockTimeAt('2026-11-23T13:05:00Z', 'Not/A_Zone')).toBe('13:05');
    expect(canonicalTimeZone('Not/A_Zone')).toBeUndefined();
  });

  it('names zones as people read them', () => {
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(zoneAbbreviation('America/New_York', WINTER)).toBe('EST');
    expect(clockTimeAt('2026-11-23T13:05:00Z', 'Europe/Berlin')).toBe('14:05');
  });
});

import { describe, expect, it } from 'vitest';

import { isAppPath, isCalendarDate, parsePlacePath } from '../src/index.ts';

describe('isCalendarDate', () => {
  it('takes days that exist, leap days included', () => {
    expect(isCalendarDate('2026-12-31')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it('refuses days past the end of their month and malformed dates', () => {
    for (const date of [
      '2026-12-32',
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-1',
    ])
      expect(isCalendarDate(date), date).toBe(false);
  });
});

describe('the app paths the server answers with 200', () => {
  it('knows the fixed pages and valid place and day pages', () => {
    for (const path of [
      '/',
      '/sign-in',
      '/sign-up',
      '/account',
      '/place/51.51,-0.13/London',
      '/place/51.51,-0.13',
      '/place/-23.55,-46.64/S%C3%A3o%20Paulo/day/2026-12-03',
    ])
      expect(isAppPath(path), path).toBe(true);
  });

  it('refuses impossible days, coordinates off the globe and malformed place paths', () => {
    for (const path of [
      '/place/51.51,-0.13/London/day/2026-12-32',
      '/place/51.51,-0.13/London/day/2026-02-30',
      '/place/91,0/North',
      '/place/0,180.5/East',
      '/place/1.2.3,4/Bad',
      '/place/abc,def',
      '/place/1,2/a/b',
      '/nowhere',
      '/sign-in/extra',
    ])
      expect(isAppPath(path), path).toBe(false);
    expect(parsePlacePath('/place/51.51,-0.13/London/day/2026-02-30')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';

import { DEFAULT_PREFERENCES, describeChange, parsePreferences } from './preferences.ts';

describe('parsePreferences', () => {
  it('reads what the app saved', () => {
    expect(parsePreferences('{"units":"imperial","windUnit":"kn","theme":"dark"}')).toEqual({
      units: 'imperial',
      windUnit: 'kn',
      theme: 'dark',
      language: 'auto',
    });
    expect(parsePreferences('{"language":"ar"}').language).toBe('ar');
    expect(parsePreferences('{"language":"tlh"}').language).toBe('auto');
  });

  it('defaults what is missing, unknown or not JSON', () => {
    expect(parsePreferences(null)).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences('{not json')).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences('"imperial"')).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences('{"units":"kelvin","windUnit":"mph","theme":42}')).toEqual({
      ...DEFAULT_PREFERENCES,
      windUnit: 'mph',
    });
  });
});

describe('describeChange', () => {
  it('says what changed, for the live region', () => {
    expect(describeChange(DEFAULT_PREFERENCES, { ...DEFAULT_PREFERENCES, units: 'imperial' })).toBe(
      'Temperatures now in °F, rain in inches.',
    );
    expect(describeChange(DEFAULT_PREFERENCES, { ...DEFAULT_PREFERENCES, windUnit: 'ms' })).toBe(
      'Wind speeds now in m/s.',
    );
    expect(describeChange(DEFAULT_PREFERENCES, { ...DEFAULT_PREFERENCES, theme: 'dark' })).toBe(
      'Dark theme.',
    );
    expect(describeChange(DEFAULT_PREFERENCES, DEFAULT_PREFERENCES)).toBe('');
  });
});

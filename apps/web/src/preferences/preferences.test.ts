import { describe, expect, it } from 'vitest';

import {
  DEFAULT_PREFERENCES,
  parsePreferences,
  unitsOf,
  withAccount,
  type Preferences,
} from './preferences.ts';
import { describeChange } from './preference-words.ts';

const US: Preferences = {
  units: 'imperial',
  windUnit: 'mph',
  precipitationUnit: 'in',
  pressureUnit: 'inHg',
  distanceUnit: 'mi',
  clock: '12h',
  theme: 'system',
  language: 'auto',
};

describe('parsePreferences', () => {
  it('reads what the app saved', () => {
    const saved: Preferences = {
      units: 'metric',
      windUnit: 'kn',
      precipitationUnit: 'in',
      pressureUnit: 'mmHg',
      distanceUnit: 'mi',
      clock: '12h',
      theme: 'dark',
      language: 'ar',
    };
    expect(parsePreferences(JSON.stringify(saved), DEFAULT_PREFERENCES)).toEqual(saved);
  });

  it('takes the locale’s defaults for what is missing, unknown or not JSON', () => {
    expect(parsePreferences(null, US)).toEqual(US);
    expect(parsePreferences('{not json', US)).toEqual(US);
    expect(parsePreferences('"imperial"', US)).toEqual(US);
    expect(
      parsePreferences('{"windUnit":"kn","clock":"13h","pressureUnit":"atm","theme":42}', US),
    ).toEqual({ ...US, windUnit: 'kn' });
    expect(parsePreferences('{"language":"tlh"}', US).language).toBe('auto');
  });

  it('keeps what a value stored before the separate units showed', () => {
    // Then `units` decided precipitation, pressure and visibility too; the clock was 24-hour for all.
    expect(
      parsePreferences('{"units":"imperial","windUnit":"kn","theme":"dark"}', DEFAULT_PREFERENCES),
    ).toEqual({
      units: 'imperial',
      windUnit: 'kn',
      precipitationUnit: 'in',
      pressureUnit: 'inHg',
      distanceUnit: 'mi',
      clock: '24h',
      theme: 'dark',
      language: 'auto',
    });
    expect(parsePreferences('{"units":"metric","windUnit":"mph","theme":"light"}', US)).toEqual({
      units: 'metric',
      windUnit: 'mph',
      precipitationUnit: 'mm',
      pressureUnit: 'hPa',
      distanceUnit: 'km',
      clock: '12h',
      theme: 'light',
      language: 'auto',
    });
  });
});

describe('withAccount', () => {
  it('takes the account’s choices and keeps this browser’s where the account has none', () => {
    expect(
      withAccount(US, {
        units: 'metric',
        windUnit: 'kmh',
        precipitationUnit: 'mm',
        pressureUnit: null,
        distanceUnit: null,
        clock: null,
        theme: 'dark',
        language: 'fr',
      }),
    ).toEqual({
      ...US,
      units: 'metric',
      windUnit: 'kmh',
      precipitationUnit: 'mm',
      theme: 'dark',
      language: 'fr',
    });
  });
});

describe('unitsOf', () => {
  it('names the units the page shows', () => {
    expect(unitsOf(US)).toEqual({
      temperature: '°F',
      windSpeed: 'mph',
      precipitation: 'inch',
      pressure: 'inHg',
      visibility: 'mi',
      clock: '12h',
    });
    expect(unitsOf({ ...DEFAULT_PREFERENCES, pressureUnit: 'mmHg', windUnit: 'ms' })).toEqual({
      temperature: '°C',
      windSpeed: 'm/s',
      precipitation: 'mm',
      pressure: 'mmHg',
      visibility: 'km',
      clock: '24h',
    });
  });
});

describe('describeChange', () => {
  it('says what changed, for the live region', () => {
    const say = (change: Partial<Preferences>) =>
      describeChange(DEFAULT_PREFERENCES, { ...DEFAULT_PREFERENCES, ...change });
    expect(say({ units: 'imperial' })).toBe('Temperatures now in °F.');
    expect(say({ windUnit: 'ms' })).toBe('Wind speeds now in m/s.');
    expect(say({ precipitationUnit: 'in' })).toBe('Precipitation now in inches.');
    expect(say({ pressureUnit: 'mmHg' })).toBe('Pressure now in millimetres of mercury.');
    expect(say({ distanceUnit: 'mi' })).toBe('Distances now in miles.');
    expect(say({ clock: '12h' })).toBe('Times now on the 12-hour clock.');
    expect(say({ theme: 'dark' })).toBe('Dark theme.');
    expect(say({})).toBe('');
  });
});

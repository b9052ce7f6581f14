import { describe, expect, it } from 'vitest';

import { unitDefaultsFor } from './locale-defaults.ts';

describe('unitDefaultsFor', () => {
  it('gives the United States its customary units and the 12-hour clock', () => {
    expect(unitDefaultsFor('en-US')).toEqual({
      units: 'imperial',
      windUnit: 'mph',
      precipitationUnit: 'in',
      pressureUnit: 'inHg',
      distanceUnit: 'mi',
      clock: '12h',
    });
    // A language alone stands for its most likely region.
    expect(unitDefaultsFor('en')).toEqual(unitDefaultsFor('en-US'));
    expect(unitDefaultsFor('es-US').units).toBe('imperial');
  });

  it('gives Britain °C and millimetres with miles, mph and 24 hours', () => {
    expect(unitDefaultsFor('en-GB')).toEqual({
      units: 'metric',
      windUnit: 'mph',
      precipitationUnit: 'mm',
      pressureUnit: 'hPa',
      distanceUnit: 'mi',
      clock: '24h',
    });
  });

  it('gives the metric world metric units and its own clock', () => {
    const metric = {
      units: 'metric',
      windUnit: 'kmh',
      precipitationUnit: 'mm',
      pressureUnit: 'hPa',
      distanceUnit: 'km',
    };
    expect(unitDefaultsFor('de-DE')).toEqual({ ...metric, clock: '24h' });
    expect(unitDefaultsFor('fr')).toEqual({ ...metric, clock: '24h' });
    // Same region, the language's own clock: English Canada writes 12-hour times, French Canada 24.
    expect(unitDefaultsFor('en-CA')).toEqual({ ...metric, clock: '12h' });
    expect(unitDefaultsFor('fr-CA')).toEqual({ ...metric, clock: '24h' });
    expect(unitDefaultsFor('en-AU')).toEqual({ ...metric, clock: '12h' });
  });

  it('follows the national weather services where they differ', () => {
    expect(unitDefaultsFor('nb-NO').windUnit).toBe('ms');
    expect(unitDefaultsFor('ru-RU')).toMatchObject({ windUnit: 'ms', pressureUnit: 'mmHg' });
    expect(unitDefaultsFor('uk-UA').pressureUnit).toBe('mmHg');
    expect(unitDefaultsFor('ja-JP')).toMatchObject({ windUnit: 'ms', pressureUnit: 'hPa' });
  });

  it('falls back to metric and 24 hours for a locale it cannot read', () => {
    expect(unitDefaultsFor('not a locale!')).toEqual({
      units: 'metric',
      windUnit: 'kmh',
      precipitationUnit: 'mm',
      pressureUnit: 'hPa',
      distanceUnit: 'km',
      clock: '24h',
    });
  });
});

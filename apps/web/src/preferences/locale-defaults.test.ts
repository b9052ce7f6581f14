import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { FAHRENHEIT_REGIONS, unitDefaultsFor } from './locale-defaults.ts';

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

describe('public/theme.js', () => {
  it('picks °F before the first paint for the same regions as the app', () => {
    // A plain script cannot import the list: this keeps its copy the same.
    const script = readFileSync(new URL('../../public/theme.js', import.meta.url), 'utf8');
    const list = /var FAHRENHEIT_REGIONS = \[([^\]]*)\]/.exec(script)?.[1] ?? '';
    expect([...list.matchAll(/'([A-Z]{2})'/g)].map((match) => match[1])).toEqual(
      FAHRENHEIT_REGIONS,
    );
  });
});

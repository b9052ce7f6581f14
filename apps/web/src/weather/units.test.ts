import { describe, expect, it } from 'vitest';

import {
  formatPercent,
  formatPrecipitation,
  formatPressure,
  formatShortTemperature,
  formatTemperature,
  formatUvIndex,
  formatVisibility,
  formatWindSpeed,
} from './units.ts';

describe('unit formatting', () => {
  it('rounds temperatures and writes the unit the API sent', () => {
    expect(formatTemperature(21.4, '°C')).toBe('21°C');
    expect(formatTemperature(70.5, '°F')).toBe('71°F');
    expect(formatShortTemperature(-3.6, '°C')).toBe('-4°');
  });

  it('never shows minus zero', () => {
    expect(formatTemperature(-0.3, '°C')).toBe('0°C');
    expect(formatShortTemperature(-0.4, '°C')).toBe('0°');
  });

  it('writes wind speed in the API’s unit', () => {
    expect(formatWindSpeed(12.3, 'km/h')).toBe('12 km/h');
    expect(formatWindSpeed(4.6, 'm/s')).toBe('5 m/s');
  });

  it('shows precipitation to a tenth of a millimetre or a hundredth of an inch', () => {
    expect(formatPrecipitation(0.44, 'mm')).toBe('0.4 mm');
    expect(formatPrecipitation(0, 'mm')).toBe('0.0 mm');
    expect(formatPrecipitation(0.126, 'inch')).toBe('0.13 in');
  });

  it('rounds percentages', () => {
    expect(formatPercent(39.6)).toBe('40%');
  });
});

describe('pressure, visibility and UV', () => {
  it('writes pressure in hPa or inHg', () => {
    expect(formatPressure(1013.2, 'hPa')).toBe('1013 hPa');
    expect(formatPressure(29.92, 'inHg')).toBe('29.92 inHg');
  });

  it('keeps a decimal only for short visibility', () => {
    expect(formatVisibility(24.14, 'km')).toBe('24 km');
    expect(formatVisibility(0.84, 'mi')).toBe('0.8 mi');
  });

  it('names the UV band', () => {
    expect(formatUvIndex(0)).toBe('0 (low)');
    expect(formatUvIndex(6.2)).toBe('6 (high)');
    expect(formatUvIndex(11.4)).toBe('11 (extreme)');
  });
});

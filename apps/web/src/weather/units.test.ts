import { describe, expect, it } from 'vitest';

import {
  formatPercent,
  formatPrecipitation,
  formatShortTemperature,
  formatTemperature,
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

import { describe, expect, it } from 'vitest';

import {
  convert,
  converterFor,
  formatHour,
  formatPercent,
  formatPrecipitation,
  formatShortTemperature,
  formatTemperature,
  formatTime,
  timesOnClock,
} from './units.ts';
import {
  formatPressure,
  formatUvIndex,
  formatVisibility,
  formatWindSpeed,
} from './detail-units.ts';

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
  it('writes pressure in hPa, inHg or mmHg', () => {
    expect(formatPressure(1013.2, 'hPa')).toBe('1013 hPa');
    expect(formatPressure(29.92, 'inHg')).toBe('29.92 inHg');
    expect(formatPressure(759.6, 'mmHg')).toBe('760 mmHg');
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

describe('conversion', () => {
  it('converts temperatures both ways', () => {
    expect(convert.temperature(20, '°C', '°F')).toBe(68);
    expect(convert.temperature(-40, '°C', '°F')).toBe(-40);
    expect(convert.temperature(212, '°F', '°C')).toBe(100);
    expect(convert.temperature(21.4, '°C', '°C')).toBe(21.4);
  });

  it('converts wind speeds through km/h', () => {
    expect(convert.windSpeed(36, 'km/h', 'm/s')).toBeCloseTo(10, 10);
    expect(convert.windSpeed(100, 'km/h', 'mph')).toBeCloseTo(62.137, 3);
    expect(convert.windSpeed(1.852, 'km/h', 'kn')).toBeCloseTo(1, 10);
    expect(convert.windSpeed(10, 'kn', 'mph')).toBeCloseTo(11.508, 3);
  });

  it('converts precipitation, pressure and distance by the standard factors', () => {
    expect(convert.precipitation(25.4, 'mm', 'inch')).toBeCloseTo(1, 10);
    expect(convert.precipitation(0.1, 'inch', 'mm')).toBeCloseTo(2.54, 10);
    // The standard atmosphere: 1013.25 hPa = 29.921 inHg = 760 mmHg.
    expect(convert.pressure(1013.25, 'hPa', 'inHg')).toBeCloseTo(29.921, 3);
    expect(convert.pressure(1013.25, 'hPa', 'mmHg')).toBeCloseTo(760, 2);
    expect(convert.pressure(29.92, 'inHg', 'mmHg')).toBeCloseTo(760, 0);
    expect(convert.distance(16.09344, 'km', 'mi')).toBeCloseTo(10, 10);
    expect(convert.distance(1, 'mi', 'km')).toBe(1.609344);
  });

  it('converts an answer quantity by quantity from the units it was served in, keeping nulls', () => {
    const to = converterFor(
      {
        temperature: '°C',
        windSpeed: 'km/h',
        precipitation: 'mm',
        pressure: 'hPa',
        visibility: 'km',
      },
      {
        temperature: '°F',
        windSpeed: 'kn',
        precipitation: 'mm',
        pressure: 'mmHg',
        visibility: 'mi',
        clock: '24h',
      },
    );
    expect(to.temperature(0)).toBe(32);
    expect(to.windSpeed(18.52)).toBeCloseTo(10, 10);
    expect(to.precipitation(1.2)).toBe(1.2);
    expect(to.pressure(null)).toBeNull();
    expect(to.distance(1.609344)).toBeCloseTo(1, 10);
  });
});

describe('clock', () => {
  it('writes local times on a 24- or 12-hour clock', () => {
    expect(formatTime('2026-11-23T14:30', '24h')).toBe('14:30');
    expect(formatTime('2026-11-23T14:30', '12h')).toBe('2:30 PM');
    expect(formatTime('00:05', '12h')).toBe('12:05 AM');
    expect(formatTime('12:00', '12h')).toBe('12:00 PM');
    expect(formatTime('09:41', '12h')).toBe('9:41 AM');
  });

  it('writes whole hours short on a 12-hour clock', () => {
    expect(formatHour('2026-11-23T14:00', '24h')).toBe('14:00');
    expect(formatHour('2026-11-23T14:00', '12h')).toBe('2 PM');
    expect(formatHour('2026-11-23T00:00', '12h')).toBe('12 AM');
    expect(formatHour('2026-11-23T14:30', '12h')).toBe('2:30 PM');
  });

  it('puts the times in a sentence from the API on the person’s clock', () => {
    expect(timesOnClock('Light rain starting around 14:30.', '12h')).toBe(
      'Light rain starting around 2:30 PM.',
    );
    expect(timesOnClock('Light rain starting around 14:30.', '24h')).toBe(
      'Light rain starting around 14:30.',
    );
    expect(timesOnClock('No rain or snow for the next 2 hours.', '12h')).toBe(
      'No rain or snow for the next 2 hours.',
    );
  });
});

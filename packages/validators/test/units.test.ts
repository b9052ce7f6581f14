import { describe, expect, it } from 'vitest';

import { convert, HPA_PER, UNIT_SYSTEM_LABELS, WIND_UNIT_LABELS } from '../src/index.ts';

describe('the one set of unit factors', () => {
  it('turns standard atmosphere into 29.92 inHg and 760 mmHg with the NIST factors', () => {
    expect(HPA_PER.inHg).toBe(33.8638866667);
    expect(convert.pressure(1013.25, 'hPa', 'inHg')).toBeCloseTo(29.9213, 4);
    expect(convert.pressure(1013.25, 'hPa', 'mmHg')).toBeCloseTo(760, 3);
  });

  it('converts each quantity there and back without drift', () => {
    expect(convert.temperature(convert.temperature(-12.5, '°C', '°F'), '°F', '°C')).toBeCloseTo(
      -12.5,
      10,
    );
    expect(convert.windSpeed(1.852, 'km/h', 'kn')).toBeCloseTo(1, 10);
    expect(convert.windSpeed(10, 'm/s', 'km/h')).toBeCloseTo(36, 10);
    expect(convert.precipitation(25.4, 'mm', 'inch')).toBe(1);
    expect(convert.distance(1.609344, 'km', 'mi')).toBe(1);
  });

  it('labels each choice as the API reports it', () => {
    expect(UNIT_SYSTEM_LABELS).toEqual({ metric: '°C', imperial: '°F' });
    expect(WIND_UNIT_LABELS).toEqual({ kmh: 'km/h', ms: 'm/s', mph: 'mph', kn: 'kn' });
  });
});

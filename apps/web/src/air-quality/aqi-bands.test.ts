import { describe, expect, it } from 'vitest';

import { europeanAqiBand, usAqiBand } from './aqi-bands.ts';

describe('AQI bands', () => {
  it('names the European bands at their edges', () => {
    expect(europeanAqiBand(0).name).toBe('Good');
    expect(europeanAqiBand(20).name).toBe('Good');
    expect(europeanAqiBand(20.4).name).toBe('Good');
    expect(europeanAqiBand(21).name).toBe('Fair');
    expect(europeanAqiBand(60).name).toBe('Moderate');
    expect(europeanAqiBand(100).name).toBe('Very poor');
    expect(europeanAqiBand(140).name).toBe('Extremely poor');
  });

  it('names the US categories at their edges', () => {
    expect(usAqiBand(50).name).toBe('Good');
    expect(usAqiBand(51).name).toBe('Moderate');
    expect(usAqiBand(150).name).toBe('Unhealthy for sensitive groups');
    expect(usAqiBand(201).name).toBe('Very unhealthy');
    expect(usAqiBand(450)).toEqual({ name: 'Hazardous', color: '#7e0023' });
  });
});

import { describe, expect, it } from 'vitest';

import { attributionFor } from './attribution.ts';

describe('attributionFor', () => {
  it('credits Open-Meteo with a link to its site', () => {
    expect(attributionFor('open-meteo')).toEqual({
      text: 'Weather data by Open-Meteo.com',
      href: 'https://open-meteo.com/',
    });
  });

  it('credits OpenWeather', () => {
    expect(attributionFor('openweather').text).toBe('Weather data by OpenWeather');
  });
});

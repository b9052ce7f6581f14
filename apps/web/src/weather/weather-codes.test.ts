import { describe, expect, it } from 'vitest';

import { ICON_NAMES } from './icon-names.ts';
import { describeWeather } from './weather-codes.ts';

describe('describeWeather', () => {
  it('has words and an icon for every WMO code the model allows (0–99)', () => {
    for (let code = 0; code <= 99; code++) {
      const day = describeWeather(code, true);
      expect(day.label, `code ${code}`).not.toBe('Unknown conditions');
      expect(ICON_NAMES, `code ${code}`).toContain(day.icon);
      expect(ICON_NAMES, `code ${code}`).toContain(describeWeather(code, false).icon);
    }
  });

  it('names the codes Open-Meteo sends', () => {
    const expected: Record<number, string> = {
      0: 'Clear sky',
      1: 'Mainly clear',
      2: 'Partly cloudy',
      3: 'Overcast',
      45: 'Fog',
      48: 'Freezing fog',
      51: 'Light drizzle',
      53: 'Drizzle',
      55: 'Heavy drizzle',
      56: 'Light freezing drizzle',
      57: 'Freezing drizzle',
      61: 'Light rain',
      63: 'Rain',
      65: 'Heavy rain',
      66: 'Light freezing rain',
      67: 'Freezing rain',
      71: 'Light snow',
      73: 'Snow',
      75: 'Heavy snow',
      77: 'Snow grains',
      80: 'Light rain showers',
      81: 'Rain showers',
      82: 'Violent rain showers',
      85: 'Light snow showers',
      86: 'Heavy snow showers',
      95: 'Thunderstorm',
      96: 'Thunderstorm with hail',
      99: 'Thunderstorm with heavy hail',
    };
    for (const [code, label] of Object.entries(expected)) {
      expect(describeWeather(Number(code), true).label).toBe(label);
    }
  });

  it('shows a sun by day and a moon by night for a clear sky', () => {
    expect(describeWeather(0, true).icon).toBe('clear-day');
    expect(describeWeather(0, false).icon).toBe('clear-night');
  });

  it('keeps the same words by day and by night', () => {
    expect(describeWeather(80, false).label).toBe(describeWeather(80, true).label);
  });

  it('says so for a code outside WMO 4677 instead of failing', () => {
    expect(describeWeather(150, true).label).toBe('Unknown conditions');
  });
});

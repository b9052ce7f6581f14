import { describe, expect, it } from 'vitest';

import type { Forecast, Units } from '../api-types.ts';
import { showForecast } from './shown-units.ts';

const hour = {
  time: '2026-12-01T14:00',
  temperature: 10,
  apparentTemperature: 8,
  precipitationProbability: 40,
  precipitation: 2.54,
  weatherCode: 61,
  windSpeed: 18.52,
  humidity: 80,
  isDay: true,
  windGusts: 37.04,
  cloudCover: 90,
  dewPoint: null,
  uvIndex: 1,
};

/** As the API serves it when asked for nothing in particular: °C, km/h, mm, hPa, km. */
const served: Forecast = {
  location: { latitude: 52.52, longitude: 13.41, timezone: 'Europe/Berlin' },
  current: {
    time: '2026-12-01T14:00',
    temperature: 0,
    apparentTemperature: -5,
    humidity: 80,
    windSpeed: 36,
    windDirection: 270,
    windGusts: null,
    weatherCode: 3,
    isDay: true,
    precipitation: 25.4,
    pressure: 1013.25,
    cloudCover: 100,
    uvIndex: 0,
    visibility: 16.09344,
  },
  hourly: [hour],
  daily: [
    {
      date: '2026-12-01',
      temperatureMax: 100,
      temperatureMin: -40,
      weatherCode: 61,
      precipitationSum: null,
      precipitationProbabilityMax: 60,
      sunrise: '2026-12-01T07:55',
      sunset: '2026-12-01T15:55',
      polar: null,
      uvIndexMax: 1,
    },
  ],
  yesterday: { date: '2026-11-30', temperature: null, temperatureMax: 5, temperatureMin: -5 },
  nextTwoHours: {
    summary: 'Light rain starting around 14:30.',
    outlook: { change: 'starting', kind: 'rain', intensity: 'light', at: '14:30' },
    interpolated: false,
    steps: [{ time: '2026-12-01T14:15', precipitation: 0.254, kind: 'rain', intensity: 'light' }],
  },
  units: {
    temperature: '°C',
    windSpeed: 'km/h',
    precipitation: 'mm',
    pressure: 'hPa',
    visibility: 'km',
  },
  fetchedAt: '2026-12-01T13:00:00.000Z',
  stale: false,
  source: 'open-meteo',
  simulated: true,
};

const customary: Units = {
  temperature: '°F',
  windSpeed: 'kn',
  precipitation: 'inch',
  pressure: 'mmHg',
  visibility: 'mi',
  clock: '12h',
};

describe('showForecast', () => {
  it('converts every value of every part to the chosen units, and says which', () => {
    const shown = showForecast(served, customary);
    expect(shown.units).toEqual(customary);
    expect(shown.current).toMatchObject({
      temperature: 32,
      apparentTemperature: 23,
      windGusts: null,
      humidity: 80,
      windDirection: 270,
    });
    expect(shown.current.windSpeed).toBeCloseTo(19.438, 3);
    expect(shown.current.precipitation).toBeCloseTo(1, 10);
    expect(shown.current.pressure).toBeCloseTo(760, 2);
    expect(shown.current.visibility).toBeCloseTo(10, 10);
    const [first] = shown.hourly;
    expect(first).toMatchObject({ temperature: 50, dewPoint: null, precipitationProbability: 40 });
    expect(first?.apparentTemperature).toBeCloseTo(46.4, 10);
    expect(first?.windSpeed).toBeCloseTo(10, 10);
    expect(first?.windGusts).toBeCloseTo(20, 10);
    expect(first?.precipitation).toBeCloseTo(0.1, 10);
    expect(shown.daily[0]).toMatchObject({
      temperatureMax: 212,
      temperatureMin: -40,
      precipitationSum: null,
      sunrise: '2026-12-01T07:55',
    });
    expect(shown.yesterday).toEqual({
      date: '2026-11-30',
      temperature: null,
      temperatureMax: 41,
      temperatureMin: 23,
    });
    expect(shown.nextTwoHours?.steps[0]?.precipitation).toBeCloseTo(0.01, 10);
    expect(shown.nextTwoHours?.summary).toBe(served.nextTwoHours?.summary);
  });

  it('changes nothing when the chosen units are the served ones', () => {
    const shown = showForecast(served, { ...served.units, clock: '24h' });
    expect({ ...shown, units: served.units }).toEqual(served);
  });
});

import { describe, expect, it } from 'vitest';

import {
  convertForecast,
  providerForecastSchema,
  unitsFor,
  unitsSchema,
  type ProviderForecast,
} from '../src/index.ts';
import type { UnitChoice } from '@skycast/validators';

/** A canonical forecast (°C, km/h, mm, hPa, metres) with round numbers to convert. */
const CANONICAL: ProviderForecast = {
  location: { latitude: 52.52, longitude: 13.41, timezone: 'Europe/Berlin', elevation: 74 },
  current: {
    time: '2026-02-23T13:30',
    temperature: 0,
    apparentTemperature: 100,
    humidity: 80,
    windSpeed: 100,
    windDirection: 245,
    windGusts: null,
    weatherCode: 3,
    isDay: true,
    precipitation: 25.4,
    pressure: 1013.25,
    cloudCover: 90,
    uvIndex: 1.5,
    visibility: 16_093.44,
  },
  hourly: [
    {
      time: '2026-02-23T14:00',
      temperature: -40,
      apparentTemperature: null,
      precipitationProbability: 40,
      precipitation: null,
      weatherCode: 61,
      windSpeed: 18.52,
      humidity: null,
      isDay: null,
      windGusts: 37.04,
      cloudCover: 75,
      dewPoint: 100,
      uvIndex: 3,
    },
  ],
  daily: [
    {
      date: '2026-02-23',
      temperatureMax: 37,
      temperatureMin: -17.5,
      weatherCode: 61,
      precipitationSum: 0.1,
      precipitationProbabilityMax: 40,
      sunrise: '2026-02-23T07:05',
      sunset: '2026-02-23T17:42',
      polar: null,
      uvIndexMax: null,
    },
  ],
  minutely15: null,
};

const METRIC: UnitChoice = { units: 'metric', windUnit: 'kmh' };
const IMPERIAL: UnitChoice = { units: 'imperial', windUnit: 'mph' };

describe('unitsFor', () => {
  it('labels metric as °C, mm, hPa and km, and imperial as °F, inch, inHg and mi', () => {
    expect(unitsFor(METRIC)).toEqual({
      temperature: '°C',
      windSpeed: 'km/h',
      precipitation: 'mm',
      pressure: 'hPa',
      visibility: 'km',
    });
    expect(unitsFor(IMPERIAL)).toEqual({
      temperature: '°F',
      windSpeed: 'mph',
      precipitation: 'inch',
      pressure: 'inHg',
      visibility: 'mi',
    });
  });

  it.each([
    ['kmh', 'km/h'],
    ['ms', 'm/s'],
    ['mph', 'mph'],
    ['kn', 'kn'],
  ] as const)('labels wind unit %s as %s in either system', (windUnit, label) => {
    for (const units of ['metric', 'imperial'] as const) {
      const labels = unitsFor({ units, windUnit });
      expect(labels.windSpeed).toBe(label);
      expect(unitsSchema.parse(labels)).toEqual(labels);
    }
  });
});

describe('convertForecast', () => {
  it('converts temperatures: 0 °C = 32 °F, 100 °C = 212 °F, -40 °C = -40 °F', () => {
    const { forecast } = convertForecast(CANONICAL, IMPERIAL);
    expect(forecast.current.temperature).toBe(32);
    expect(forecast.current.apparentTemperature).toBe(212);
    expect(forecast.hourly[0]!.temperature).toBe(-40);
    expect(forecast.hourly[0]!.dewPoint).toBe(212);
    expect(forecast.daily[0]).toMatchObject({ temperatureMax: 98.6, temperatureMin: 0.5 });
  });

  it.each([
    ['kmh', 100],
    ['ms', 27.8],
    ['mph', 62.1],
    ['kn', 54],
  ] as const)('converts 100 km/h of wind into %s: %d', (windUnit, expected) => {
    const { forecast, units } = convertForecast(CANONICAL, { units: 'metric', windUnit });
    expect(forecast.current.windSpeed).toBe(expected);
    expect(units.windSpeed).toBe(unitsFor({ units: 'metric', windUnit }).windSpeed);
  });

  it('converts 18.52 km/h of hourly wind into 10 kn, and gusts alike', () => {
    const { forecast } = convertForecast(CANONICAL, { units: 'metric', windUnit: 'kn' });
    expect(forecast.hourly[0]!.windSpeed).toBe(10);
    expect(forecast.hourly[0]!.windGusts).toBe(20);
  });

  it('converts 25.4 mm into 1 inch, 1013.25 hPa into 29.92 inHg and 1 mile of visibility', () => {
    const { forecast, units } = convertForecast(CANONICAL, IMPERIAL);
    expect(forecast.current.precipitation).toBe(1);
    expect(forecast.current.pressure).toBe(29.92);
    expect(forecast.current.visibility).toBe(10);
    expect(forecast.daily[0]!.precipitationSum).toBe(0.004);
    expect(units).toEqual(unitsFor(IMPERIAL));
  });

  it('keeps metric values, with visibility in km rather than metres', () => {
    const { forecast } = convertForecast(CANONICAL, METRIC);
    expect(forecast.current).toMatchObject({
      temperature: 0,
      windSpeed: 100,
      precipitation: 25.4,
      pressure: 1013.3,
      visibility: 16.1,
    });
    expect(forecast.daily[0]!.precipitationSum).toBe(0.1);
  });

  it('keeps nulls as nulls', () => {
    for (const choice of [METRIC, IMPERIAL]) {
      const { forecast } = convertForecast(
        {
          ...CANONICAL,
          current: { ...CANONICAL.current, pressure: null, visibility: null },
          daily: [{ ...CANONICAL.daily[0]!, precipitationSum: null }],
        },
        choice,
      );
      expect(forecast.current).toMatchObject({ windGusts: null, pressure: null, visibility: null });
      expect(forecast.hourly[0]).toMatchObject({ apparentTemperature: null, precipitation: null });
      expect(forecast.daily[0]!.precipitationSum).toBeNull();
    }
  });

  it('leaves what has no unit alone: times, codes, humidity, direction, UV', () => {
    const { forecast } = convertForecast(CANONICAL, IMPERIAL);
    expect(forecast.location).toEqual(CANONICAL.location);
    expect(forecast.current).toMatchObject({
      time: '2026-02-23T13:30',
      humidity: 80,
      windDirection: 245,
      weatherCode: 3,
      cloudCover: 90,
      uvIndex: 1.5,
    });
    expect(forecast.daily[0]).toMatchObject({
      sunrise: '2026-02-23T07:05',
      sunset: '2026-02-23T17:42',
      precipitationProbabilityMax: 40,
    });
    expect(providerForecastSchema.omit({ minutely15: true }).parse(forecast)).toEqual(forecast);
  });

  it('never answers -0 for a temperature that rounds to zero', () => {
    const { forecast } = convertForecast(
      { ...CANONICAL, current: { ...CANONICAL.current, temperature: -0.04 } },
      METRIC,
    );
    expect(Object.is(forecast.current.temperature, 0)).toBe(true);
  });

  it('does not change the forecast it was given', () => {
    const copy = structuredClone(CANONICAL);
    convertForecast(CANONICAL, IMPERIAL);
    expect(CANONICAL).toEqual(copy);
  });
});

import { noise3 } from './noise.ts';
import type { Site } from './sites.ts';
import { isDaylight, sunHeight } from './sun.ts';

/**
 * Simulated weather at one place and instant, in metric units and before any
 * rounding. Both providers' answers are built from it, so Open-Meteo and
 * OpenWeather agree about the same place and time.
 */
export interface Conditions {
  /** °C at 2 m. */
  temperature: number;
  apparentTemperature: number;
  dewPoint: number;
  /** Relative humidity, %. */
  humidity: number;
  /** %. */
  cloudCover: number;
  /** Water equivalent, mm per hour: 0, or at least 0.1 whenever anything falls. */
  precipitation: number;
  /** The parts of `precipitation`: large-scale rain, convective showers, snow (as water). */
  rain: number;
  showers: number;
  /** cm of fresh snow per hour. */
  snowfall: number;
  /** %. */
  precipitationProbability: number;
  /** WMO 4677, always consistent with `precipitation` (≥ 51 exactly when it is above 0). */
  weatherCode: number;
  /** hPa. */
  pressureMsl: number;
  surfacePressure: number;
  /** km/h at 10 m. */
  windSpeed: number;
  /** Degrees the wind comes from. */
  windDirection: number;
  windGusts: number;
  /** m. */
  visibility: number;
  uvIndex: number;
  isDay: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Weather systems drift east by this many degrees of longitude an hour. */
const DRIFT = 0.3;
const TAU = 2 * Math.PI;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** 0…1, highest in the subtropical desert belts: drier air, fewer rainy hours, more dust. */
export function aridityAt(latitude: number): number {
  return Math.exp(-(((Math.abs(latitude) - 25) / 9) ** 2));
}

export function conditionsAt(site: Site, instant: number): Conditions {
  const { latitude, longitude, elevation } = site;
  const hours = instant / HOUR_MS;
  const field = (seed: number, periodHours: number, sizeDegrees: number) =>
    noise3(
      seed,
      latitude / sizeDegrees,
      (longitude - DRIFT * hours) / sizeDegrees,
      hours / periodHours,
    );
  const absLatitude = Math.abs(latitude);
  const aridity = aridityAt(latitude);

  // Large systems plus local detail; bunched around 0.5, about 12 % of hours above 0.665.
  const wetness = 0.65 * field(1, 30, 6) + 0.35 * field(2, 6, 2);
  const cloudCover = clamp((wetness - 0.33) / 0.27, 0, 1) * 100;
  const rainThreshold = 0.665 + 0.15 * aridity;
  const intensity = clamp((wetness - rainThreshold) / (0.85 - rainThreshold), 0, 1);
  const precipitation =
    wetness > rainThreshold ? Math.round((0.1 + 5 * intensity ** 2) * 10) / 10 : 0;
  const convective = field(5, 4, 1.5) > 0.55;

  const yearStart = Date.UTC(new Date(instant).getUTCFullYear(), 0, 1);
  const season =
    Math.cos((TAU * ((instant - yearStart) / DAY_MS - 200)) / 365.25) * Math.sign(latitude || 1);
  const solarHour = ((((hours % 24) + 24 + longitude / 15) % 24) + 24) % 24;
  const diurnal = Math.cos((TAU * (solarHour - 15)) / 24);
  const temperature =
    27 -
    0.5 * Math.max(0, absLatitude - 18) -
    0.0065 * elevation +
    Math.min(14, 0.18 * absLatitude) * season +
    8 * (field(3, 40, 8) - 0.5) +
    5 * (field(4, 100, 12) - 0.5) +
    (3.5 + 3 * aridity) * (1 - (0.6 * cloudCover) / 100) * diurnal -
    Math.min(2, precipitation * 0.5);

  const humidity = clamp(
    60 + 100 * (wetness - 0.45) - 12 * diurnal * (1 - cloudCover / 100) - 25 * aridity,
    precipitation > 0 ? 85 : 8,
    100,
  );
  const windSpeed =
    4 +
    26 * field(6, 12, 3) +
    18 * Math.max(0, wetness - 0.55) +
    6 * Math.exp(-(((absLatitude - 50) / 15) ** 2));
  const foggy = precipitation === 0 && humidity >= 97 && windSpeed < 9;
  const snowing = precipitation > 0 && temperature <= 0.5;
  const pressureMsl = 1013 + 40 * (0.5 - wetness) + 8 * (field(9, 60, 12) - 0.5);
  const height = sunHeight(latitude, longitude, instant);

  let visibility = cloudCover > 95 ? 20_000 : 24_140;
  if (precipitation > 0) visibility /= 1 + precipitation * (snowing ? 4 : 0.8);
  if (foggy) visibility = 100 + 800 * field(10, 3, 1);

  return {
    temperature,
    apparentTemperature: apparentTemperature(temperature, humidity, windSpeed),
    dewPoint: dewPoint(temperature, humidity),
    humidity,
    cloudCover,
    precipitation,
    rain: !snowing && !convective ? precipitation : 0,
    showers: !snowing && convective ? precipitation : 0,
    snowfall: snowing ? precipitation * 0.7 : 0,
    precipitationProbability: Math.round(clamp((wetness - rainThreshold + 0.2) / 0.25, 0, 1) * 100),
    weatherCode: weatherCode({ precipitation, temperature, convective, cloudCover, foggy }),
    pressureMsl,
    surfacePressure: pressureMsl * Math.exp(-elevation / 8434),
    windSpeed,
    windDirection: (720 * field(8, 48, 10) + 200) % 360,
    windGusts:
      windSpeed * (1.35 + 0.35 * field(7, 3, 1)) + (convective && precipitation > 0 ? 20 : 0),
    visibility,
    uvIndex: height > 0 ? 11 * height ** 2.5 * (1 - 0.7 * (cloudCover / 100) ** 2) : 0,
    isDay: isDaylight(latitude, longitude, instant),
  };
}

function weatherCode(state: {
  precipitation: number;
  temperature: number;
  convective: boolean;
  cloudCover: number;
  foggy: boolean;
}): number {
  const { precipitation: rate, temperature, convective, cloudCover } = state;
  if (rate > 0) {
    if (temperature <= 0.5) {
      if (convective) return rate < 1 ? 85 : 86;
      if (rate < 0.3 && temperature > -3) return 56;
      return rate < 1 ? 71 : rate < 3 ? 73 : 75;
    }
    if (convective) {
      if (rate >= 2.5 && temperature >= 15) return rate >= 6 ? 96 : 95;
      return rate < 2 ? 80 : rate < 6 ? 81 : 82;
    }
    if (rate < 0.3) return rate < 0.2 ? 51 : 53;
    return rate < 2.5 ? 61 : rate < 7.6 ? 63 : 65;
  }
  if (state.foggy) return temperature < 0 ? 48 : 45;
  return cloudCover < 20 ? 0 : cloudCover < 50 ? 1 : cloudCover < 80 ? 2 : 3;
}

/** Australian apparent temperature (Steadman), which Open-Meteo uses too. */
function apparentTemperature(temperature: number, humidity: number, windKmh: number): number {
  const vapourPressure =
    (humidity / 100) * 6.105 * Math.exp((17.27 * temperature) / (237.7 + temperature));
  return temperature + 0.33 * vapourPressure - 0.7 * (windKmh / 3.6) - 4;
}

/** Magnus formula. */
function dewPoint(temperature: number, humidity: number): number {
  const gamma =
    Math.log(Math.max(1, humidity) / 100) + (17.625 * temperature) / (243.04 + temperature);
  return (243.04 * gamma) / (17.625 - gamma);
}

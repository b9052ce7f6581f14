import { noise3 } from './noise.ts';
import { aridityAt, type Conditions } from './simulation.ts';
import type { Site } from './sites.ts';
import { sunHeight } from './sun.ts';

/** Concentrations near the ground, μg/m³ (aerosol optical depth has no unit). */
export interface Pollution {
  pm10: number;
  pm2_5: number;
  carbonMonoxide: number;
  nitrogenMonoxide: number;
  nitrogenDioxide: number;
  sulphurDioxide: number;
  ozone: number;
  dust: number;
  ammonia: number;
  aerosolOpticalDepth: number;
}

/**
 * Air pollution from the same place and weather: cities and rush hours raise
 * it, wind spreads it, rain washes it out, sunshine makes ozone.
 */
export function pollutionAt(site: Site, instant: number, weather: Conditions): Pollution {
  const { latitude, longitude, urban } = site;
  const hours = instant / 3_600_000;
  const field = (seed: number, periodHours: number) =>
    noise3(seed, latitude / 4, longitude / 4, hours / periodHours);
  const solarHour = (((hours + longitude / 15) % 24) + 24) % 24;
  const traffic =
    0.4 +
    0.6 * Math.exp(-(((solarHour - 8) / 2) ** 2)) +
    0.7 * Math.exp(-(((solarHour - 18) / 2.5) ** 2));
  const dispersion = 1 / (1 + weather.windSpeed / 15);
  const washout = weather.precipitation > 0 ? 0.5 : 1;
  const background = field(20, 48);
  const dust = aridityAt(latitude) * 80 * field(21, 30) ** 2;

  const pm2_5 =
    (4 + 35 * urban * (0.5 + background) * (0.6 + 0.4 * traffic)) * dispersion * washout +
    0.3 * dust;
  const nitrogenDioxide = (4 + 70 * urban * traffic * (0.6 + 0.8 * background)) * dispersion;
  const sunlight =
    Math.max(0, sunHeight(latitude, longitude, instant)) * (1 - weather.cloudCover / 100);
  return {
    pm2_5,
    pm10: pm2_5 * (1.3 + 0.5 * field(22, 24)) + 0.6 * dust,
    carbonMonoxide: 140 + 450 * urban * traffic * dispersion,
    nitrogenMonoxide: nitrogenDioxide * 0.3 * traffic,
    nitrogenDioxide,
    sulphurDioxide: 1 + 14 * urban * field(23, 36),
    ozone: Math.max(2, 35 + 70 * sunlight + 20 * field(24, 72) - 0.3 * nitrogenDioxide),
    dust,
    ammonia: 1 + 10 * (1 - urban) * field(25, 48),
    aerosolOpticalDepth: 0.05 + pm2_5 / 120 + dust / 400,
  };
}

/** Piecewise-linear index over concentration breakpoints. */
function indexFor(value: number, breakpoints: number[], indices: number[]): number {
  for (let i = 1; i < breakpoints.length; i++) {
    if (value <= breakpoints[i]!) {
      const [c0, c1, i0, i1] = [breakpoints[i - 1]!, breakpoints[i]!, indices[i - 1]!, indices[i]!];
      return i0 + ((value - c0) / (c1 - c0)) * (i1 - i0);
    }
  }
  return indices.at(-1)!;
}

const EUROPEAN_INDEX = [0, 20, 40, 60, 80, 100, 120];

/** European AQI: 0–20 good … 80–100 very poor, above 100 extremely poor. */
export function europeanAqi(p: Pollution): number {
  return Math.round(
    Math.max(
      indexFor(p.pm2_5, [0, 10, 20, 25, 50, 75, 800], EUROPEAN_INDEX),
      indexFor(p.pm10, [0, 20, 40, 50, 100, 150, 1200], EUROPEAN_INDEX),
      indexFor(p.nitrogenDioxide, [0, 40, 90, 120, 230, 340, 1000], EUROPEAN_INDEX),
      indexFor(p.ozone, [0, 50, 100, 130, 240, 380, 800], EUROPEAN_INDEX),
      indexFor(p.sulphurDioxide, [0, 100, 200, 350, 500, 750, 1250], EUROPEAN_INDEX),
    ),
  );
}

const US_INDEX = [0, 50, 100, 150, 200, 300, 500];

/** US EPA AQI: 0–50 good … 301–500 hazardous. Gases are converted from μg/m³ to ppb. */
export function usAqi(p: Pollution): number {
  return Math.round(
    Math.max(
      indexFor(p.pm2_5, [0, 12, 35.4, 55.4, 150.4, 250.4, 500.4], US_INDEX),
      indexFor(p.pm10, [0, 54, 154, 254, 354, 424, 604], US_INDEX),
      indexFor(p.nitrogenDioxide / 1.88, [0, 53, 100, 360, 649, 1249, 2049], US_INDEX),
      indexFor(p.ozone / 1.96, [0, 54, 70, 85, 105, 200, 400], US_INDEX),
    ),
  );
}

/** OpenWeather's 1 (good) … 5 (very poor): the worst band any pollutant reaches. */
export function openWeatherAqi(p: Pollution): 1 | 2 | 3 | 4 | 5 {
  const band = (value: number, limits: [number, number, number, number]) =>
    1 + limits.filter((limit) => value >= limit).length;
  return Math.max(
    band(p.sulphurDioxide, [20, 80, 250, 350]),
    band(p.nitrogenDioxide, [40, 70, 150, 200]),
    band(p.pm10, [20, 50, 100, 200]),
    band(p.pm2_5, [10, 25, 50, 75]),
    band(p.ozone, [60, 100, 140, 180]),
    band(p.carbonMonoxide, [4400, 9400, 12400, 15400]),
  ) as 1 | 2 | 3 | 4 | 5;
}

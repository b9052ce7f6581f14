import { noise3 } from './noise.ts';
import type { Site } from './sites.ts';

/** The six pollen types Open-Meteo's air-quality API gives (CAMS Europe), grains/m³. */
export const POLLEN_TYPES = ['alder', 'birch', 'grass', 'mugwort', 'olive', 'ragweed'] as const;
export type PollenType = (typeof POLLEN_TYPES)[number];

/** Day of year each season peaks and how many days either side it lasts, and its peak count. */
const SEASONS: Record<PollenType, { peak: number; halfLength: number; peakCount: number }> = {
  alder: { peak: 60, halfLength: 35, peakCount: 120 },
  birch: { peak: 110, halfLength: 25, peakCount: 400 },
  grass: { peak: 165, halfLength: 45, peakCount: 120 },
  mugwort: { peak: 220, halfLength: 25, peakCount: 40 },
  olive: { peak: 140, halfLength: 25, peakCount: 250 },
  ragweed: { peak: 245, halfLength: 20, peakCount: 60 },
};

/**
 * Open-Meteo has pollen only over Europe (the CAMS European domain, roughly
 * 30–72° N, 25° W–45° E); elsewhere the values are null, not zero.
 */
export function hasPollen(latitude: number, longitude: number): boolean {
  return latitude >= 30 && latitude <= 72 && longitude >= -25 && longitude <= 45;
}

/**
 * Grains per cubic metre of one pollen type: a season of its own (olive only
 * in the warm south), a daily rhythm peaking in the afternoon, and noise.
 * Null outside Europe; 0 in Europe out of season.
 */
export function pollenAt(site: Site, type: PollenType, instant: number): number | null {
  if (!hasPollen(site.latitude, site.longitude)) return null;
  if (type === 'olive' && site.latitude > 46) return 0;
  const season = SEASONS[type];
  const start = Date.UTC(new Date(instant).getUTCFullYear(), 0, 1);
  const dayOfYear = (instant - start) / 86_400_000;
  // Later north: a day later per degree of latitude beyond 45°.
  const fromPeak = (dayOfYear - season.peak - (site.latitude - 45)) / season.halfLength;
  if (Math.abs(fromPeak) >= 1) return 0;
  const seasonal = Math.cos((fromPeak * Math.PI) / 2) ** 2;
  const hours = instant / 3_600_000;
  const solarHour = (((hours + site.longitude / 15) % 24) + 24) % 24;
  const daily = 0.4 + 0.6 * Math.exp(-(((solarHour - 14) / 4) ** 2));
  const weather = noise3(
    30 + POLLEN_TYPES.indexOf(type),
    site.latitude / 3,
    site.longitude / 3,
    hours / 36,
  );
  return Math.round(season.peakCount * seasonal * daily * (0.3 + weather) * 10) / 10;
}

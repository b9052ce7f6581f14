import { noise3 } from './noise.ts';
import type { Conditions } from './simulation.ts';
import type { Site } from './sites.ts';

const HOUR_MS = 3_600_000;

/**
 * A named deterministic model on `/v1/forecast?models=`. Each sees the one
 * simulated truth through its own bias and its own error, which grows with
 * lead time; past its horizon or outside its domain it gives `null`, as
 * Open-Meteo does.
 */
export interface ForecastModel {
  /** Seeds this model's error, so two models never err alike. */
  seed: number;
  /** °C added to every temperature. */
  temperatureBias: number;
  /** Factor on precipitation amounts. */
  precipitationFactor: number;
  /** Factor on wind speeds and gusts. */
  windFactor: number;
  /** Hours after the run that the model reaches. */
  horizonHours: number;
  /** A regional model covers only this box. */
  domain?: { south: number; north: number; west: number; east: number };
}

const model = (
  seed: number,
  temperatureBias: number,
  precipitationFactor: number,
  windFactor: number,
  horizonHours: number,
  domain?: ForecastModel['domain'],
): ForecastModel => ({
  seed,
  temperatureBias,
  precipitationFactor,
  windFactor,
  horizonHours,
  ...(domain ? { domain } : {}),
});

/** The named models the stub knows, with horizons close to the real ones. */
export const FORECAST_MODELS: Record<string, ForecastModel> = {
  ecmwf_ifs025: model(11, 0.2, 1, 1, 15 * 24),
  gfs_seamless: model(12, 0.9, 1.3, 1.1, 16 * 24),
  icon_seamless: model(13, -0.4, 0.9, 0.95, 180),
  gem_seamless: model(14, -0.8, 1.1, 1.05, 10 * 24),
  meteofrance_seamless: model(15, 0.3, 0.8, 1, 102),
  ukmo_seamless: model(16, -0.2, 1.2, 0.9, 7 * 24),
  jma_seamless: model(17, 0.6, 0.7, 1.1, 11 * 24),
  icon_d2: model(18, -0.1, 1, 1, 48, { south: 43, north: 59, west: -4, east: 21 }),
};

/** A named ensemble on `/v1/ensemble`: its members are the control run plus perturbed ones. */
export interface EnsembleModel {
  seed: number;
  /** Members including the control run (member 0). */
  members: number;
  horizonHours: number;
  temperatureBias: number;
}

export const ENSEMBLE_MODELS: Record<string, EnsembleModel> = {
  ecmwf_ifs025: { seed: 31, members: 51, horizonHours: 15 * 24, temperatureBias: 0.1 },
  gfs025: { seed: 32, members: 31, horizonHours: 35 * 24, temperatureBias: 0.7 },
  icon_seamless: { seed: 33, members: 40, horizonHours: 180, temperatureBias: -0.3 },
  gem_global: { seed: 34, members: 21, horizonHours: 16 * 24, temperatureBias: -0.6 },
};

/** `<ensemble>_ensemble_mean`: the mean of that ensemble's members, with `X_spread`. */
export const ENSEMBLE_MEAN_SUFFIX = '_ensemble_mean';

export function coversSite(forecastModel: ForecastModel, site: Site): boolean {
  const box = forecastModel.domain;
  if (!box) return true;
  return (
    site.latitude >= box.south &&
    site.latitude <= box.north &&
    site.longitude >= box.west &&
    site.longitude <= box.east
  );
}

/** A smooth error in about [-1, 1] that changes over half a day. */
const wobble = (seed: number, channel: number, instant: number) =>
  2 * noise3(seed, channel, 0, instant / HOUR_MS / 12) - 1;

export interface Perturbation {
  seed: number;
  /** Days between the run and the hour it forecasts; the error grows with it. */
  leadDays: number;
  temperatureBias?: number;
  precipitationFactor?: number;
  windFactor?: number;
}

/**
 * One run's view of an hour: the truth moved by an error whose size grows
 * with lead time. Precipitation is 0 or at least 0.1 mm, as in the truth.
 */
export function perturb(truth: Conditions, instant: number, p: Perturbation): Conditions {
  const lead = Math.max(0, p.leadDays);
  const temperature =
    truth.temperature + (p.temperatureBias ?? 0) + (0.3 + 0.45 * lead) * wobble(p.seed, 1, instant);
  const shift = (0.05 + 0.15 * lead) * wobble(p.seed, 2, instant) - 0.08;
  const wet = truth.precipitation * (p.precipitationFactor ?? 1) + shift;
  const precipitation = wet >= 0.1 ? Math.round(wet * 10) / 10 : 0;
  const windFactor = Math.max(
    0,
    (p.windFactor ?? 1) * (1 + (0.04 + 0.05 * lead) * wobble(p.seed, 3, instant)),
  );
  const snowing = precipitation > 0 && temperature <= 0.5;
  const showery = precipitation > 0 && !snowing && truth.showers > 0;
  return {
    ...truth,
    temperature,
    apparentTemperature: truth.apparentTemperature + (temperature - truth.temperature),
    precipitation,
    rain: precipitation > 0 && !snowing && !showery ? precipitation : 0,
    showers: showery ? precipitation : 0,
    snowfall: snowing ? precipitation * 0.7 : 0,
    windSpeed: truth.windSpeed * windFactor,
    windGusts: truth.windGusts * windFactor,
  };
}

export const leadDaysOf = (instant: number, runAt: number) => (instant - runAt) / (24 * HOUR_MS);

/** Member 0 is the control run: smaller error; the others draw their own. */
export function memberPerturbation(
  ensemble: EnsembleModel,
  member: number,
  instant: number,
  runAt: number,
): Perturbation {
  const leadDays = leadDaysOf(instant, runAt);
  return {
    seed: ensemble.seed * 1000 + member,
    leadDays: member === 0 ? leadDays * 0.5 : leadDays,
    temperatureBias: ensemble.temperatureBias,
  };
}

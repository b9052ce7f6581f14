import { europeanAqi, type Pollution, pollutionAt, usAqi } from './air-quality.ts';
import { POLLEN_TYPES, pollenAt } from './pollen.ts';
import { type Clock, columns, formatTime, locationHeader } from './open-meteo-format.ts';
import {
  InvalidParameter,
  readCoordinates,
  readDays,
  readTimeFormat,
  readTimeZone,
  readVariables,
} from './open-meteo-params.ts';
import { json, openMeteoError, type StubResponse } from './responses.ts';
import { conditionsAt } from './simulation.ts';
import { type Site, siteAt } from './sites.ts';
import { startOfLocalDay, utcOffsetSeconds } from './time-zones.ts';
import { round } from './units.ts';

const HOUR = 3_600_000;
const MICROGRAMS = 'μg/m³';

interface AirVariable {
  unit: string;
  /** Null where the models behind a variable do not reach (pollen outside Europe). */
  value(pollution: Pollution, uvIndex: number, sample: Sample): number | null;
}

const concentration = (pick: (p: Pollution) => number): AirVariable => ({
  unit: MICROGRAMS,
  value: (p) => round(pick(p), 1),
});

const AIR_VARIABLES: Record<string, AirVariable> = {
  european_aqi: { unit: 'EAQI', value: (p) => europeanAqi(p) },
  us_aqi: { unit: 'USAQI', value: (p) => usAqi(p) },
  pm10: concentration((p) => p.pm10),
  pm2_5: concentration((p) => p.pm2_5),
  carbon_monoxide: concentration((p) => p.carbonMonoxide),
  nitrogen_dioxide: concentration((p) => p.nitrogenDioxide),
  sulphur_dioxide: concentration((p) => p.sulphurDioxide),
  ozone: concentration((p) => p.ozone),
  dust: concentration((p) => p.dust),
  ammonia: concentration((p) => p.ammonia),
  aerosol_optical_depth: { unit: '', value: (p) => round(p.aerosolOpticalDepth, 2) },
  uv_index: { unit: '', value: (_p, uvIndex) => round(uvIndex, 2) },
  ...Object.fromEntries(
    POLLEN_TYPES.map((type): [string, AirVariable] => [
      `${type}_pollen`,
      {
        unit: 'grains/m³',
        value: (_p, _uv, sample) => pollenAt(sample.site, type, sample.instant),
      },
    ]),
  ),
};

interface Sample {
  site: Site;
  instant: number;
  pollution: Pollution;
  uvIndex: number;
}

function sampleAt(site: Site, instant: number): Sample {
  const weather = conditionsAt(site, instant);
  return {
    site,
    instant,
    pollution: pollutionAt(site, instant, weather),
    uvIndex: weather.uvIndex,
  };
}

/** `GET /v1/air-quality`: hourly data (the models behind it are hourly), in the forecast's column form. */
export function airQualityRoute(query: URLSearchParams, now: number): StubResponse {
  try {
    return airQuality(query, now);
  } catch (error) {
    if (error instanceof InvalidParameter) return openMeteoError(400, error.message);
    throw error;
  }
}

function airQuality(query: URLSearchParams, now: number): StubResponse {
  const { latitude, longitude } = readCoordinates(query);
  const currentNames = readVariables(query, 'current', AIR_VARIABLES, 'CamsVariable');
  const hourlyNames = readVariables(query, 'hourly', AIR_VARIABLES, 'CamsVariable');
  const forecastDays = readDays(query, 'forecast_days', 5, 7, 'Forecast days');
  const pastDays = readDays(query, 'past_days', 0, 92, 'Past days');
  const format = readTimeFormat(query);
  const site = siteAt(latitude, longitude);
  const zone = readTimeZone(query, site);
  const clock: Clock = { zone, offsetSeconds: utcOffsetSeconds(zone, now), format };
  const sections: Record<string, unknown> = {};
  let values = 0;

  if (currentNames.length > 0) {
    const instant = Math.floor(now / HOUR) * HOUR;
    const sample = sampleAt(site, instant);
    const currentUnits: Record<string, string> = { time: format, interval: 'seconds' };
    const current: Record<string, number | string | null> = {
      time: formatTime(clock, instant),
      interval: 3600,
    };
    for (const name of currentNames) {
      currentUnits[name] = AIR_VARIABLES[name]!.unit;
      current[name] = AIR_VARIABLES[name]!.value(sample.pollution, sample.uvIndex, sample);
    }
    sections.current_units = currentUnits;
    sections.current = current;
    values += currentNames.length;
  }

  if (hourlyNames.length > 0) {
    const first = startOfLocalDay(now, clock.offsetSeconds) - pastDays * 24 * HOUR;
    const instants = Array.from(
      { length: (pastDays + forecastDays) * 24 },
      (_, i) => first + i * HOUR,
    );
    const { units, data } = columns(
      format,
      hourlyNames,
      instants.map((instant) => formatTime(clock, instant)),
      instants.map((instant) => sampleAt(site, instant)),
      (name) => AIR_VARIABLES[name]!.unit,
      (name, sample) => AIR_VARIABLES[name]!.value(sample.pollution, sample.uvIndex, sample),
    );
    sections.hourly_units = units;
    sections.hourly = data;
    values += hourlyNames.length * instants.length;
  }

  return json(200, { ...locationHeader(site, clock, now, values), ...sections });
}

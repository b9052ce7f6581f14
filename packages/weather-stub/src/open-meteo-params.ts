import type { Site } from './sites.ts';
import { canonicalTimeZone } from './time-zones.ts';
import type { UnitChoice } from './units.ts';

/** A query Open-Meteo would refuse with 400; the message is its `reason`. */
export class InvalidParameter extends Error {
  override readonly name = 'InvalidParameter';
}

// Open-Meteo echoes numbers the way Swift prints floats: "91.0", "-180.5".
const given = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));

export function readCoordinates(query: URLSearchParams): { latitude: number; longitude: number } {
  const read = (key: string) => {
    const raw = query.get(key)?.trim();
    if (raw?.includes(',')) {
      throw new InvalidParameter(
        `The Skycast weather stub answers one location per call; ${key} lists several.`,
      );
    }
    const value = raw ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value))
      throw new InvalidParameter(`Value of type 'Float' required for key '${key}'.`);
    return value;
  };
  const latitude = read('latitude');
  const longitude = read('longitude');
  if (latitude < -90 || latitude > 90) {
    throw new InvalidParameter(
      `Latitude must be in range of -90 to 90°. Given: ${given(latitude)}.`,
    );
  }
  if (longitude < -180 || longitude > 180) {
    throw new InvalidParameter(
      `Longitude must be in range of -180 to 180°. Given: ${given(longitude)}.`,
    );
  }
  return { latitude, longitude };
}

/** A comma-separated (or repeated) variable list; unknown names are refused, as upstream does. */
export function readVariables(
  query: URLSearchParams,
  key: string,
  known: Record<string, unknown>,
  typeName: string,
): string[] {
  const names = query
    .getAll(key)
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!Object.hasOwn(known, name)) {
      throw new InvalidParameter(
        `Cannot initialize ${typeName} from invalid String value ${name} for key ${key}`,
      );
    }
  }
  return [...new Set(names)];
}

export function readDays(
  query: URLSearchParams,
  key: string,
  fallback: number,
  max: number,
  label: string,
): number {
  const raw = query.get(key)?.trim();
  if (!raw) return fallback;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0 || days > max) {
    throw new InvalidParameter(`${label} is invalid. Allowed range 0 to ${max}.`);
  }
  return days;
}

function readChoice<T extends string>(
  query: URLSearchParams,
  keys: string[],
  choices: readonly T[],
  typeName: string,
): T {
  for (const key of keys) {
    const raw = query.get(key)?.trim();
    if (!raw) continue;
    const choice = choices.find((candidate) => candidate === raw);
    if (!choice)
      throw new InvalidParameter(
        `Cannot initialize ${typeName} from invalid String value ${raw} for key ${key}`,
      );
    return choice;
  }
  return choices[0]!;
}

export function readUnits(query: URLSearchParams): UnitChoice {
  return {
    temperature: readChoice(
      query,
      ['temperature_unit'],
      ['celsius', 'fahrenheit'],
      'TemperatureUnit',
    ),
    // `windspeed_unit` is the older spelling, still accepted upstream.
    windSpeed: readChoice(
      query,
      ['wind_speed_unit', 'windspeed_unit'],
      ['kmh', 'ms', 'mph', 'kn'],
      'WindspeedUnit',
    ),
    precipitation: readChoice(query, ['precipitation_unit'], ['mm', 'inch'], 'PrecipitationUnit'),
  };
}

export type TimeFormat = 'iso8601' | 'unixtime';

export function readTimeFormat(query: URLSearchParams): TimeFormat {
  return readChoice(query, ['timeformat'], ['iso8601', 'unixtime'], 'Timeformat');
}

/** `auto` takes the zone of the nearest known city within 300 km, else GMT; the default is GMT. */
export function readTimeZone(query: URLSearchParams, site: Site): string {
  const raw = query.get('timezone')?.trim();
  if (!raw) return 'GMT';
  if (raw.toLowerCase() === 'auto') return site.timezone ?? 'GMT';
  if (raw.toUpperCase() === 'GMT' || raw.toUpperCase() === 'UTC') return raw.toUpperCase();
  const zone = canonicalTimeZone(raw);
  if (!zone) throw new InvalidParameter('Invalid timezone');
  return zone;
}

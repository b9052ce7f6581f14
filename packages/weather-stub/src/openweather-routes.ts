import { openWeatherAqi, pollutionAt } from './air-quality.ts';
import { type City, findCitiesNamed } from './cities.ts';
import { openWeatherCondition } from './openweather-conditions.ts';
import { json, openWeatherError, type StubResponse } from './responses.ts';
import { type Conditions, conditionsAt } from './simulation.ts';
import { type Site, siteAt } from './sites.ts';
import { sunTimes } from './sun.ts';
import { startOfLocalDay, utcOffsetSeconds } from './time-zones.ts';
import { issuedWarnings, ringHolds } from './warning-samples.ts';
import { celsiusToFahrenheit, celsiusToKelvin, fromKmh, round } from './units.ts';

const HOUR = 3_600_000;
/** OpenWeather's data changes no more often than this, so observations are stamped on this grid. */
const OBSERVATION_STEP = 10 * 60_000;

type Units = 'standard' | 'metric' | 'imperial';

interface Place {
  site: Site;
  /** The coordinates as asked for, which OpenWeather echoes in `coord`. */
  latitude: number;
  longitude: number;
  city: City | undefined;
  offsetSeconds: number;
}

type Handler = (query: URLSearchParams, now: number) => StubResponse;

/** Every OpenWeather call needs a key; any non-empty one is accepted. */
function withKey(handler: Handler): Handler {
  return (query, now) =>
    query.get('appid')?.trim()
      ? handler(query, now)
      : openWeatherError(
          401,
          'Invalid API key. Please see https://openweathermap.org/faq#error401 for more info.',
          401,
        );
}

// Unknown unit names fall back to the default, as upstream does: standard, i.e. Kelvin and m/s.
function readUnits(query: URLSearchParams): Units {
  const units = query.get('units');
  return units === 'metric' || units === 'imperial' ? units : 'standard';
}

const temperature = (celsius: number, units: Units) =>
  round(
    units === 'standard'
      ? celsiusToKelvin(celsius)
      : units === 'imperial'
        ? celsiusToFahrenheit(celsius)
        : celsius,
    2,
  );
const speed = (kmh: number, units: Units) =>
  round(fromKmh(kmh, units === 'imperial' ? 'mph' : 'ms'), 2);

function readPlace(query: URLSearchParams, now: number, byName: boolean): Place | StubResponse {
  const rawLat = query.get('lat');
  const rawLon = query.get('lon');
  if (rawLat !== null || rawLon !== null) {
    const latitude = Number(rawLat ?? Number.NaN);
    const longitude = Number(rawLon ?? Number.NaN);
    if (!rawLat?.trim() || !(Math.abs(latitude) <= 90))
      return openWeatherError(400, 'wrong latitude');
    if (!rawLon?.trim() || !(Math.abs(longitude) <= 180))
      return openWeatherError(400, 'wrong longitude');
    return placeAt(latitude, longitude, now);
  }
  const q = query.get('q')?.trim();
  if (byName && q) {
    const city = citiesFor(q)[0];
    if (!city) return openWeatherError(404, 'city not found');
    return { ...placeAt(city.latitude, city.longitude, now), city };
  }
  return openWeatherError(400, 'Nothing to geocode');
}

/** `q` is "{city}", "{city},{country}" or "{city},{state},{country}". */
function citiesFor(q: string): City[] {
  const [name = '', ...rest] = q.split(',').map((part) => part.trim());
  return findCitiesNamed(name, rest.length > 1 ? rest[0] : undefined, rest.at(-1));
}

function placeAt(latitude: number, longitude: number, now: number): Place {
  const site = siteAt(latitude, longitude);
  return {
    site,
    latitude: round(latitude, 4),
    longitude: round(longitude, 4),
    city: site.city,
    // Far from any known city, the offset of the longitude's solar zone.
    offsetSeconds: site.timezone
      ? utcOffsetSeconds(site.timezone, now)
      : Math.round(longitude / 15) * 3600,
  };
}

const isResponse = (value: Place | StubResponse): value is StubResponse => 'status' in value;
const seconds = (instant: number) => Math.floor(instant / 1000);

function sunOfDay(place: Place, instant: number): { sunrise: number; sunset: number } {
  const noon = startOfLocalDay(instant, place.offsetSeconds) + 12 * HOUR;
  const sun = sunTimes(place.site.latitude, place.site.longitude, noon);
  // Upstream sends 0 for a sun that does not rise or set that day.
  return sun.kind === 'normal'
    ? { sunrise: seconds(sun.sunrise), sunset: seconds(sun.sunset) }
    : { sunrise: 0, sunset: 0 };
}

function wind(c: Conditions, units: Units) {
  return {
    speed: speed(c.windSpeed, units),
    deg: Math.round(c.windDirection) % 360,
    gust: speed(c.windGusts, units),
  };
}

/** `GET /data/2.5/weather`: current conditions; note `cod` is the number 200 here. */
export const currentWeatherRoute = withKey((query, now) => {
  const place = readPlace(query, now, true);
  if (isResponse(place)) return place;
  const units = readUnits(query);
  const observed = Math.floor(now / OBSERVATION_STEP) * OBSERVATION_STEP;
  const c = conditionsAt(place.site, observed);
  // Spread between stations of a large city, as upstream's temp_min/temp_max report.
  const spread = 0.3 + 1.5 * place.site.urban;
  const precipitation = round(c.precipitation, 2);
  return json(200, {
    coord: { lon: place.longitude, lat: place.latitude },
    weather: [openWeatherCondition(c.weatherCode, c.cloudCover, c.isDay)],
    base: 'stations',
    main: {
      temp: temperature(c.temperature, units),
      feels_like: temperature(c.apparentTemperature, units),
      temp_min: temperature(c.temperature - spread, units),
      temp_max: temperature(c.temperature + spread, units),
      pressure: Math.round(c.pressureMsl),
      humidity: Math.round(c.humidity),
      sea_level: Math.round(c.pressureMsl),
      grnd_level: Math.round(c.surfacePressure),
    },
    visibility: Math.min(10_000, Math.round(c.visibility / 10) * 10),
    wind: wind(c, units),
    // Precipitation stays in mm whatever `units` says.
    ...(c.snowfall > 0
      ? { snow: { '1h': precipitation } }
      : c.precipitation > 0
        ? { rain: { '1h': precipitation } }
        : {}),
    clouds: { all: Math.round(c.cloudCover) },
    dt: seconds(observed),
    sys: {
      type: 2,
      id: 2_000_000 + ((place.city?.id ?? 0) % 100_000),
      ...(place.city ? { country: place.city.countryCode } : {}),
      ...sunOfDay(place, observed),
    },
    timezone: place.offsetSeconds,
    id: place.city?.id ?? 0,
    name: place.city?.name ?? '',
    cod: 200,
  });
});

/** `GET /data/2.5/forecast`: 5 days in 3-hour steps; here `cod` is the string "200". */
export const forecastRoute = withKey((query, now) => {
  const place = readPlace(query, now, true);
  if (isResponse(place)) return place;
  const units = readUnits(query);
  const rawCount = query.get('cnt')?.trim();
  const count = rawCount ? Math.min(40, Math.max(1, Math.trunc(Number(rawCount)) || 40)) : 40;
  const first = Math.floor(now / (3 * HOUR)) * 3 * HOUR + 3 * HOUR;

  const list = Array.from({ length: count }, (_, i) => {
    const dt = first + i * 3 * HOUR;
    // Each step covers the three hours up to `dt`: its sums and its worst weather.
    const hours = [dt - 2 * HOUR, dt - HOUR, dt].map((instant) =>
      conditionsAt(place.site, instant),
    );
    const c = hours[2]!;
    const code = Math.max(...hours.map((h) => h.weatherCode));
    const rain = round(
      hours.reduce((sum, h) => sum + h.rain + h.showers, 0),
      2,
    );
    const snow = round(
      hours.reduce((sum, h) => sum + (h.snowfall > 0 ? h.precipitation : 0), 0),
      2,
    );
    return {
      dt: seconds(dt),
      main: {
        temp: temperature(c.temperature, units),
        feels_like: temperature(c.apparentTemperature, units),
        temp_min: temperature(Math.min(...hours.map((h) => h.temperature)), units),
        temp_max: temperature(Math.max(...hours.map((h) => h.temperature)), units),
        pressure: Math.round(c.pressureMsl),
        sea_level: Math.round(c.pressureMsl),
        grnd_level: Math.round(c.surfacePressure),
        humidity: Math.round(c.humidity),
        temp_kf: 0,
      },
      weather: [openWeatherCondition(code, c.cloudCover, c.isDay)],
      clouds: { all: Math.round(c.cloudCover) },
      wind: wind(c, units),
      visibility: Math.min(10_000, Math.round(c.visibility / 10) * 10),
      pop: round(Math.max(...hours.map((h) => h.precipitationProbability)) / 100, 2),
      ...(rain > 0 ? { rain: { '3h': rain } } : {}),
      ...(snow > 0 ? { snow: { '3h': snow } } : {}),
      sys: { pod: c.isDay ? 'd' : 'n' },
      dt_txt: new Date(dt).toISOString().slice(0, 19).replace('T', ' '),
    };
  });

  return json(200, {
    cod: '200',
    message: 0,
    cnt: list.length,
    list,
    city: {
      id: place.city?.id ?? 0,
      name: place.city?.name ?? '',
      coord: { lat: place.latitude, lon: place.longitude },
      country: place.city?.countryCode ?? '',
      population: place.city?.population ?? 0,
      timezone: place.offsetSeconds,
      ...sunOfDay(place, now),
    },
  });
});

/** `GET /geo/1.0/direct?q={city},{state},{country}&limit=`: whole names, at most 5 places. */
export const geocodingRoute = withKey((query) => {
  const q = query.get('q')?.trim();
  if (!q) return openWeatherError(400, 'Nothing to geocode');
  const rawLimit = Number(query.get('limit') ?? 5);
  const limit = Number.isInteger(rawLimit) ? Math.min(5, Math.max(1, rawLimit)) : 5;
  const cities = citiesFor(q).slice(0, limit);
  return json(
    200,
    cities.map((city) => ({
      name: city.name,
      local_names: { en: city.name, ...city.localNames },
      lat: city.latitude,
      lon: city.longitude,
      country: city.countryCode,
      ...(city.admin1 ? { state: city.admin1 } : {}),
    })),
  );
});

/** `GET /data/2.5/air_pollution`: the current hour, with the 1–5 index. */
export const airPollutionRoute = withKey((query, now) => {
  const place = readPlace(query, now, false);
  if (isResponse(place)) return place;
  const dt = Math.floor(now / HOUR) * HOUR;
  const p = pollutionAt(place.site, dt, conditionsAt(place.site, dt));
  return json(200, {
    coord: { lon: place.longitude, lat: place.latitude },
    list: [
      {
        main: { aqi: openWeatherAqi(p) },
        components: {
          co: round(p.carbonMonoxide, 2),
          no: round(p.nitrogenMonoxide, 2),
          no2: round(p.nitrogenDioxide, 2),
          o3: round(p.ozone, 2),
          so2: round(p.sulphurDioxide, 2),
          pm2_5: round(p.pm2_5, 2),
          pm10: round(p.pm10, 2),
          nh3: round(p.ammonia, 2),
        },
        dt: seconds(dt),
      },
    ],
  });
});

/**
 * One Call 3.0 (`/data/3.0/onecall`) as asked for warnings only (`exclude`
 * naming the rest): national agencies' warnings at the point, the same
 * samples NWS and MeteoAlarm serve, in One Call's shape; no `alerts` key
 * where there are none, as upstream.
 */
export const oneCallRoute = withKey((query, now) => {
  const place = readPlace(query, now, false);
  if (isResponse(place)) return place;
  const alerts = issuedWarnings(now)
    .filter(
      (warning) => warning.polygon && ringHolds(warning.ring, place.latitude, place.longitude),
    )
    .map((warning) => ({
      sender_name: warning.senderName,
      event: warning.event,
      start: seconds(warning.onset),
      end: seconds(warning.expires),
      description: warning.description,
      tags: [warning.awarenessType?.split('; ')[1] ?? 'Other'],
    }));
  return json(200, {
    lat: place.latitude,
    lon: place.longitude,
    timezone: place.site.timezone ?? 'Etc/UTC',
    timezone_offset: place.offsetSeconds,
    ...(alerts.length > 0 ? { alerts } : {}),
  });
});

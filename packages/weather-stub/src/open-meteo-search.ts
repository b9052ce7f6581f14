import { type City, searchCities } from './cities.ts';
import { json, openMeteoError, type StubResponse } from './responses.ts';
import { round } from './units.ts';

/**
 * `GET /v1/search`, Open-Meteo's geocoding: by name, or by postal code in
 * `name`. When nothing matches, the answer has no `results` key at all —
 * exactly what trips up clients upstream.
 */
export function searchRoute(query: URLSearchParams): StubResponse {
  const name = query.get('name');
  if (name === null) return openMeteoError(400, "Value of type 'String' required for key 'name'.");
  const rawCount = query.get('count')?.trim();
  const count = rawCount ? Number(rawCount) : 10;
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    return openMeteoError(400, 'Parameter count must be between 1 and 100.');
  }
  const format = query.get('format')?.trim() || 'json';
  if (format !== 'json') {
    return openMeteoError(
      400,
      `The Skycast weather stub answers format=json only, not format=${format}.`,
    );
  }
  const language = (query.get('language')?.trim() || 'en').toLowerCase();
  const countryCode = query.get('countryCode')?.trim();

  const results = searchCities(name, countryCode ? { countryCode } : {})
    .slice(0, count)
    .map((city) => toResult(city, language));
  const generationtime_ms = round(0.2 + results.length * 0.05, 4);
  return json(200, results.length > 0 ? { results, generationtime_ms } : { generationtime_ms });
}

function toResult(city: City, language: string) {
  return {
    id: city.id,
    name: city.localNames[language] ?? city.name,
    latitude: city.latitude,
    longitude: city.longitude,
    elevation: city.elevation,
    feature_code: city.featureCode,
    country_code: city.countryCode,
    timezone: city.timezone,
    population: city.population,
    country: city.country,
    // Empty fields are left out, as upstream does.
    ...(city.admin1 ? { admin1: city.admin1 } : {}),
    ...(city.postcodes.length > 0 ? { postcodes: city.postcodes } : {}),
  };
}

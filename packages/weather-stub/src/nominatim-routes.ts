import { nearestCity } from './cities.ts';
import { json, type StubResponse } from './responses.ts';

/** How far from a known city the stub still names it; farther out it knows no place. */
const NAMED_WITHIN_KM = 60;

/** Nominatim's error body for a bad request. */
export function nominatimError(status: number, message: string): StubResponse {
  return json(status, { error: { code: status, message } });
}

/**
 * `GET /reverse`, Nominatim's reverse geocoding (`format=jsonv2`): the known
 * city nearest the point, named in `accept-language` where the stub has that
 * name; `{"error":"Unable to geocode"}` with 200 where no city is near, as
 * Nominatim answers for the open sea.
 */
export function reverseRoute(query: URLSearchParams): StubResponse {
  const latitude = Number(query.get('lat'));
  const longitude = Number(query.get('lon'));
  if (!query.get('lat') || !query.get('lon') || Number.isNaN(latitude) || Number.isNaN(longitude))
    return nominatimError(400, "Parameter 'lat' and 'lon' must be numbers.");
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
    return nominatimError(400, 'Invalid coordinates.');
  const format = query.get('format') ?? 'xml';
  if (format !== 'jsonv2' && format !== 'json')
    return nominatimError(
      400,
      `The Skycast weather stub answers format=jsonv2 only, not ${format}.`,
    );

  const { city, distanceKm } = nearestCity(latitude, longitude);
  if (distanceKm > NAMED_WITHIN_KM) return json(200, { error: 'Unable to geocode' });
  const language = (query.get('accept-language') ?? 'en').split(/[,;-]/)[0]!.trim().toLowerCase();
  const name = city.localNames[language] ?? city.name;
  return json(200, {
    place_id: city.id,
    licence: 'Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright',
    osm_type: 'relation',
    osm_id: city.id,
    lat: String(city.latitude),
    lon: String(city.longitude),
    category: 'boundary',
    type: 'administrative',
    place_rank: 16,
    addresstype: 'city',
    name,
    display_name: [name, city.admin1, city.country].filter(Boolean).join(', '),
    address: {
      city: name,
      ...(city.admin1 ? { state: city.admin1 } : {}),
      country: city.country,
      country_code: city.countryCode.toLowerCase(),
    },
  });
}

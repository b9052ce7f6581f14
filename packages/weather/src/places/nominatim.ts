import { z } from 'zod';

import { fetchJson } from '../http.ts';
import type { Place } from '../model.ts';
import type { ProviderResult } from '../provider.ts';

/** A point to name, and the language the name should be in (ISO 639-1). */
export interface NearestPlaceQuery {
  latitude: number;
  longitude: number;
  language: string;
}

/**
 * A service that names the place at a point (reverse geocoding). Open-Meteo's
 * geocoding has none, so it is a provider of its own, with its own budget.
 */
export interface ReverseGeocoder {
  readonly id: 'nominatim';
  /** The town or city at the point, or null where there is none (open sea). Throws `ProviderError` only. */
  nearestPlace(query: NearestPlaceQuery): Promise<ProviderResult<NearestPlace | null>>;
}

/** A named place near a point; the zone is the point's, filled in by the caller. */
export type NearestPlace = Omit<Place, 'timezone'>;

export interface NominatimOptions {
  /** `https://nominatim.openstreetmap.org`, another Nominatim server, or the local stub. */
  baseUrl: string;
  /** Nominatim's usage policy asks for a User-Agent that names the app. */
  userAgent: string;
  timeoutMs?: number;
}

const PROVIDER = 'nominatim';
/** Zoom 10 asks for the city, town or village, not the street. */
const CITY_ZOOM = '10';

const DECIMAL = /^-?\d{1,3}(\.\d{1,12})?$/;
const part = z.string().max(300);

const addressSchema = z
  .object({
    city: part,
    town: part,
    village: part,
    municipality: part,
    hamlet: part,
    county: part,
    state: part,
    country: part,
    country_code: z.string().max(3),
  })
  .partial();

/** `format=jsonv2`: a place, or `{"error":"Unable to geocode"}` (HTTP 200) where there is none. */
const reverseSchema = z.union([
  z.object({ error: part }),
  z.object({
    osm_type: z.string().optional(),
    osm_id: z.number().optional(),
    place_id: z.number().optional(),
    lat: z.string().regex(DECIMAL),
    lon: z.string().regex(DECIMAL),
    name: part.optional(),
    address: addressSchema.optional(),
  }),
]);

const readErrorReason = (body: unknown) =>
  z.object({ error: z.object({ message: z.string() }) }).safeParse(body).data?.error.message;

/**
 * Nominatim's reverse geocoding (OpenStreetMap data, ODbL), documented at
 * https://nominatim.org/release-docs/latest/api/Reverse/:
 * `GET /reverse?format=jsonv2&lat&lon&zoom=10&accept-language=`.
 *
 * @example
 * const names = createNominatim({ baseUrl: 'https://nominatim.openstreetmap.org', userAgent: 'Skycast' });
 * const { data } = await names.nearestPlace({ latitude: 48.14, longitude: 11.58, language: 'de' }); // München
 */
export function createNominatim(options: NominatimOptions): ReverseGeocoder {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    id: PROVIDER,
    async nearestPlace(query) {
      const url = new URL('/reverse', options.baseUrl);
      url.searchParams.set('format', 'jsonv2');
      url.searchParams.set('lat', String(query.latitude));
      url.searchParams.set('lon', String(query.longitude));
      url.searchParams.set('zoom', CITY_ZOOM);
      url.searchParams.set('layer', 'address');
      url.searchParams.set('accept-language', query.language);
      const { body, simulated } = await fetchJson({
        provider: PROVIDER,
        url,
        schema: reverseSchema,
        timeoutMs,
        readErrorReason,
        headers: { 'user-agent': options.userAgent },
      });
      if ('error' in body) return { data: null, simulated };
      const address = body.address ?? {};
      const name =
        address.city ??
        address.town ??
        address.village ??
        address.municipality ??
        address.hamlet ??
        body.name ??
        address.county;
      if (!name) return { data: null, simulated };
      return {
        data: {
          id: `nominatim:${body.osm_type ?? 'place'}${body.osm_id ?? body.place_id ?? ''}`,
          name: name.slice(0, 100),
          country: address.country ?? '',
          countryCode: (address.country_code ?? '').toUpperCase(),
          ...(address.state ? { admin1: address.state } : {}),
          latitude: Number(body.lat),
          longitude: Number(body.lon),
        },
        simulated,
      };
    },
  };
}

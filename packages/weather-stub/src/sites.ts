import { type City, nearestCity } from './cities.ts';
import { noise3 } from './noise.ts';

/** A point on the map as the simulation sees it. */
export interface Site {
  /** Snapped to a 0.01° grid (about 1 km), like a weather model's grid cell. */
  latitude: number;
  longitude: number;
  /** Metres above sea level. */
  elevation: number;
  /** The zone of the nearest known city within 300 km, which is what `timezone=auto` finds. */
  timezone: string | undefined;
  /** A known city within 50 km, whose name and country stand for the place. */
  city: City | undefined;
  /** 0 countryside … 1 megacity; scales air pollution. */
  urban: number;
}

const ZONE_RADIUS_KM = 300;
const CITY_RADIUS_KM = 50;
const ELEVATION_RADIUS_KM = 30;

export function siteAt(latitude: number, longitude: number): Site {
  const lat = Math.round(latitude * 100) / 100;
  const lon = Math.round(longitude * 100) / 100;
  const nearest = nearestCity(lat, lon);
  const city = nearest.distanceKm <= CITY_RADIUS_KM ? nearest.city : undefined;
  return {
    latitude: lat,
    longitude: lon,
    elevation:
      nearest.distanceKm <= ELEVATION_RADIUS_KM
        ? nearest.city.elevation
        : Math.round(20 + 380 * noise3(0x51e, lat / 1.5, lon / 1.5, 0)),
    timezone: nearest.distanceKm <= ZONE_RADIUS_KM ? nearest.city.timezone : undefined,
    city,
    urban: city
      ? Math.min(1, Math.log10(city.population) / 7) *
        (1 - (0.6 * nearest.distanceKm) / CITY_RADIUS_KM)
      : 0.1,
  };
}

import type { Coordinates } from '../api-types.ts';

/**
 * Coordinates as people read them.
 *
 * @example
 * formatCoordinates({ latitude: -33.87, longitude: 151.21 }) // '33.87° S, 151.21° E'
 */
export function formatCoordinates({ latitude, longitude }: Coordinates): string {
  const lat = `${Math.abs(latitude).toFixed(2)}° ${latitude < 0 ? 'S' : 'N'}`;
  const lon = `${Math.abs(longitude).toFixed(2)}° ${longitude < 0 ? 'W' : 'E'}`;
  return `${lat}, ${lon}`;
}

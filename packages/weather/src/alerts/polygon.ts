/** A ring of `[latitude, longitude]` points, as CAP's `<polygon>` lists them. */
export type Ring = readonly (readonly [number, number])[];

/**
 * CAP 1.2 `<polygon>`: space-separated `lat,lon` pairs, first equal to last.
 * Returns undefined for text that is not such a ring (fewer than 4 points, not numbers).
 */
export function parseCapPolygon(text: string): Ring | undefined {
  const points: [number, number][] = [];
  for (const pair of text.trim().split(/\s+/)) {
    const [lat, lon, extra] = pair.split(',').map(Number);
    if (extra !== undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
    points.push([lat!, lon!]);
  }
  return points.length >= 4 ? points : undefined;
}

/**
 * Whether the point lies inside the ring (even-odd rule, with latitude and
 * longitude as plane coordinates: warning areas are small enough).
 */
export function ringContains(ring: Ring, latitude: number, longitude: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [latI, lonI] = ring[i]!;
    const [latJ, lonJ] = ring[j]!;
    if (
      latI > latitude !== latJ > latitude &&
      longitude < ((lonJ - lonI) * (latitude - latI)) / (latJ - latI) + lonI
    ) {
      inside = !inside;
    }
  }
  return inside;
}

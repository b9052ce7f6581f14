import { readFile } from 'node:fs/promises';

import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { z } from 'zod';

/**
 * MeteoAlarm's warning regions, for warnings that name their areas only by
 * code (EMMA_ID, or an alias such as NUTS3) with no polygon. The boundaries
 * are MeteoAlarm's own (`data/meteoalarm-areas.json`, see its README), read
 * from disk the first time a code-only warning needs placing, then indexed by
 * bounding box (Flatbush) and tested point-in-polygon. The outlines are
 * coarse along coasts (a harbour can fall just outside its region), so a point
 * in no region takes the nearest one within {@link COAST_DEGREES}.
 */
const position = z.tuple([z.number(), z.number()]);
const ring = z.array(position).min(4);
const areaSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    code: z.string().max(20),
    country: z.string().max(2),
    name: z.string().max(200),
    aliases: z.array(z.string().max(40)).max(100),
  }),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
    z.object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(ring).min(1)).min(1),
    }),
  ]),
});
const areasSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(areaSchema).max(10_000),
});
type Area = z.infer<typeof areaSchema>;

/** The regions' codes at a point, each as `KIND:CODE` (`EMMA_ID:UK012`, `NUTS3:FRK26`). */
export interface MeteoAlarmAreas {
  codesAt(latitude: number, longitude: number): Set<string>;
  /** How many regions are indexed. */
  readonly size: number;
}

/** About 3 km: further out at sea than that, no region is assumed. */
export const COAST_DEGREES = 0.03;

const DATA_URL = new URL('../../data/meteoalarm-areas.json', import.meta.url);

let loading: Promise<MeteoAlarmAreas> | undefined;

/**
 * The regions, loaded on first call and kept for the life of the process
 * (about 2.6 MB of JSON). A failed load is not kept: the next call tries again.
 *
 * @example
 * const areas = await meteoAlarmAreas();
 * areas.codesAt(54.6, -5.93); // Set { 'EMMA_ID:UK…', … } for Belfast
 */
export function meteoAlarmAreas(): Promise<MeteoAlarmAreas> {
  loading ??= readFile(DATA_URL, 'utf8').then(
    (text) => indexAreas(areasSchema.parse(JSON.parse(text)).features),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

function bounds(area: Area): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons =
    area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
  for (const polygon of polygons) {
    // The outer ring bounds the polygon; holes lie within it.
    for (const [x, y] of polygon[0]!) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Indexes regions given as GeoJSON features (longitude, latitude). */
export function indexAreas(areas: readonly Area[]): MeteoAlarmAreas {
  const index = new Flatbush(Math.max(areas.length, 1));
  for (const area of areas) index.add(...bounds(area));
  if (areas.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return {
    size: areas.length,
    codesAt(latitude, longitude) {
      const codes = new Set<string>();
      const add = (area: Area) => {
        codes.add(`EMMA_ID:${area.properties.code}`);
        for (const alias of area.properties.aliases) codes.add(alias);
      };
      for (const i of index.search(longitude, latitude, longitude, latitude)) {
        const area = areas[i];
        if (area && booleanPointInPolygon([longitude, latitude], area.geometry)) add(area);
      }
      if (codes.size > 0) return codes;
      let nearest: { area: Area; distance: number } | undefined;
      const near = index.search(
        longitude - COAST_DEGREES,
        latitude - COAST_DEGREES,
        longitude + COAST_DEGREES,
        latitude + COAST_DEGREES,
      );
      for (const i of near) {
        const area = areas[i]!;
        const distance = distanceToOutline(area, latitude, longitude);
        if (distance <= COAST_DEGREES && (!nearest || distance < nearest.distance))
          nearest = { area, distance };
      }
      if (nearest) add(nearest.area);
      return codes;
    },
  };
}

/** Degrees (of latitude) from the point to the nearest edge of the area's rings. */
function distanceToOutline(area: Area, latitude: number, longitude: number): number {
  // Longitude shrinks towards the poles: scaled so both axes are in degrees of latitude.
  const scale = Math.cos((latitude * Math.PI) / 180);
  const polygons =
    area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
  let best = Infinity;
  for (const ring of polygons.flat()) {
    for (let i = 1; i < ring.length; i++) {
      const [x1, y1] = ring[i - 1]!;
      const [x2, y2] = ring[i]!;
      best = Math.min(
        best,
        segmentDistance((longitude - x1) * scale, latitude - y1, (x2 - x1) * scale, y2 - y1),
      );
    }
  }
  return best;
}

/** Distance from point (px, py) to the segment from the origin to (dx, dy). */
function segmentDistance(px: number, py: number, dx: number, dy: number): number {
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / length));
  return Math.hypot(px - t * dx, py - t * dy);
}

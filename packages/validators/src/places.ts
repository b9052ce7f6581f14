import { z } from 'zod';

import { text } from './text.ts';

/** How many places one person may keep, in an account or in a browser. */
export const MAX_PLACES = 50;
export const PLACE_NAME_MAX_LENGTH = 100;
export const COUNTRY_MAX_LENGTH = 100;
export const TIME_ZONE_MAX_LENGTH = 64;

/**
 * Two points that agree to this many decimals (0.01° ≈ 1.1 km) are the same
 * place: in a place page's URL, in a saved list and in the forecast cache.
 */
export const PLACE_DECIMALS = 2;

/**
 * A coordinate rounded to {@link PLACE_DECIMALS}; never `-0`.
 *
 * @example
 * roundCoordinate(52.5243) // 52.52
 */
export function roundCoordinate(value: number): number {
  const scale = 10 ** PLACE_DECIMALS;
  return Math.round(value * scale) / scale || 0;
}

/**
 * The same text for the same place wherever it is kept.
 *
 * @example
 * placeKey({ latitude: 52.5243, longitude: 13.4049 }) // '52.52,13.4'
 */
export function placeKey(place: { latitude: number; longitude: number }): string {
  return `${roundCoordinate(place.latitude)},${roundCoordinate(place.longitude)}`;
}

export const latitudeSchema = z.number().min(-90).max(90);
export const longitudeSchema = z.number().min(-180).max(180);
export const coordinatesSchema = z.object({
  latitude: latitudeSchema,
  longitude: longitudeSchema,
});

export const placeNameSchema = text({
  max: PLACE_NAME_MAX_LENGTH,
  tooLong: 'input.placeNameTooLong',
})
  .trim()
  .min(1, 'input.placeNameMissing');

export const placeIdSchema = z.uuid('input.placeId');

/** A place as `places.add` takes it, and as a visitor's browser keeps it. */
export const placeToSaveSchema = coordinatesSchema.extend({
  name: placeNameSchema,
  country: text({ max: COUNTRY_MAX_LENGTH }).trim().min(1).optional(),
  timezone: z
    .string()
    .max(TIME_ZONE_MAX_LENGTH)
    .regex(/^[A-Za-z][\w+/-]*$/, 'input.timeZone')
    .optional(),
});

export const renamePlaceInputSchema = z.object({ id: placeIdSchema, name: placeNameSchema });

export const reorderPlacesInputSchema = z.object({
  ids: z
    .array(placeIdSchema)
    .max(MAX_PLACES)
    .refine((ids) => new Set(ids).size === ids.length, 'input.placeRepeated'),
});

export type PlaceToSave = z.infer<typeof placeToSaveSchema>;

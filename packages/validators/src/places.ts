import { z } from 'zod';

import {
  COUNTRY_MAX_LENGTH,
  MAX_PLACES,
  PLACE_NAME_MAX_LENGTH,
  TIME_ZONE_MAX_LENGTH,
  TIME_ZONE_PATTERN,
} from './place-key.ts';
import { text } from './text.ts';

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
    .regex(TIME_ZONE_PATTERN, 'input.timeZone')
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

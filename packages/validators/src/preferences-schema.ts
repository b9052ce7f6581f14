import { z } from 'zod';

import { languageSchema } from './languages.ts';
import {
  clockSchema,
  distanceUnitSchema,
  precipitationUnitSchema,
  pressureUnitSchema,
  themeSchema,
} from './preferences.ts';
import { unitSystemSchema, windUnitSchema } from './units.ts';

/** A language, or 'auto': whatever the person's browser prefers. */
export const languageChoiceSchema = z.union([z.literal('auto'), languageSchema]);

/**
 * Every setting a person has, each a value: the one record the API's
 * schemas and the web app's stored copy derive from.
 */
export const preferenceValuesSchema = z.object({
  units: unitSystemSchema,
  windUnit: windUnitSchema,
  precipitationUnit: precipitationUnitSchema,
  pressureUnit: pressureUnitSchema,
  distanceUnit: distanceUnitSchema,
  clock: clockSchema,
  theme: themeSchema,
  language: languageChoiceSchema,
});
export type PreferenceValues = z.infer<typeof preferenceValuesSchema>;

const { shape } = preferenceValuesSchema;

/**
 * An account's choices. `units` is the temperature scale (°C or °F); the other
 * units and the clock are chosen apart from it. Those four are `null` until
 * chosen: the browser then follows its own choice, or its locale.
 */
export const preferencesSchema = preferenceValuesSchema.extend({
  precipitationUnit: shape.precipitationUnit.nullable(),
  pressureUnit: shape.pressureUnit.nullable(),
  distanceUnit: shape.distanceUnit.nullable(),
  clock: shape.clock.nullable(),
});
export type AccountPreferences = z.infer<typeof preferencesSchema>;

/** A change: any of the settings, each a value (a choice, once made, is not unmade). */
export const preferencesChangeSchema = preferenceValuesSchema.partial().strict();

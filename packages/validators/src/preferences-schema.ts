import { z } from 'zod';

import { LANGUAGES } from './languages.ts';
import {
  CLOCKS,
  DISTANCE_UNITS,
  PRECIPITATION_UNITS,
  PRESSURE_UNITS,
  THEMES,
  UNIT_SYSTEMS,
  WIND_UNITS,
} from './preferences.ts';

// The lists live in zod-free modules (preferences.ts, languages.ts) so the web
// app's first screen can read them without loading zod; the schemas are here.

/** A language Skycast speaks: an input field and a saved preference. */
export const languageSchema = z.enum(LANGUAGES);
export const unitSystemSchema = z.enum(UNIT_SYSTEMS);
/** Chosen apart from the unit system: people who want °C often still want knots or mph. */
export const windUnitSchema = z.enum(WIND_UNITS);
export const precipitationUnitSchema = z.enum(PRECIPITATION_UNITS);
export const pressureUnitSchema = z.enum(PRESSURE_UNITS);
export const distanceUnitSchema = z.enum(DISTANCE_UNITS);
export const clockSchema = z.enum(CLOCKS);
export const themeSchema = z.enum(THEMES);

export const unitChoiceSchema = z.object({
  units: unitSystemSchema,
  windUnit: windUnitSchema,
});
export type UnitChoice = z.infer<typeof unitChoiceSchema>;

/** The units a caller asks for, metric and km/h unless it says; the answer says which it used. */
export const unitChoiceInputSchema = z.object({
  units: unitSystemSchema.default('metric'),
  windUnit: windUnitSchema.default('kmh'),
});

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

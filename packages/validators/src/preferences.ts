/**
 * What a person can choose about how Skycast counts and looks, each on its
 * own. The lists are the one source for the API's schemas, the database's
 * checks (by hand, in the migrations) and the web app's radio groups.
 */

/** The temperature scale, named after the API's unit systems (°C, °F). */
export const UNIT_SYSTEMS = ['metric', 'imperial'] as const;
export const WIND_UNITS = ['kmh', 'ms', 'mph', 'kn'] as const;
export const PRECIPITATION_UNITS = ['mm', 'in'] as const;
export const PRESSURE_UNITS = ['hPa', 'inHg', 'mmHg'] as const;
/** Visibility, and any other distance a page shows. */
export const DISTANCE_UNITS = ['km', 'mi'] as const;
export const CLOCKS = ['24h', '12h'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;

export type UnitSystem = (typeof UNIT_SYSTEMS)[number];
export type WindUnit = (typeof WIND_UNITS)[number];
export type PrecipitationUnit = (typeof PRECIPITATION_UNITS)[number];
export type PressureUnit = (typeof PRESSURE_UNITS)[number];
export type DistanceUnit = (typeof DISTANCE_UNITS)[number];
export type Clock = (typeof CLOCKS)[number];
export type Theme = (typeof THEMES)[number];

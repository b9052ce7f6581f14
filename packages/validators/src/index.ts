export {
  changePasswordInputSchema,
  EMAIL_MAX_LENGTH,
  emailSchema,
  newPasswordSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordContainsEmail,
  passwordSchema,
  signInInputSchema,
  signUpInputSchema,
  type ChangePasswordInput,
  type SignUpInput,
} from './accounts.ts';
export {
  coordinatesSchema,
  COUNTRY_MAX_LENGTH,
  latitudeSchema,
  longitudeSchema,
  MAX_PLACES,
  PLACE_DECIMALS,
  PLACE_NAME_MAX_LENGTH,
  placeIdSchema,
  placeKey,
  placeNameSchema,
  placeToSaveSchema,
  renamePlaceInputSchema,
  reorderPlacesInputSchema,
  roundCoordinate,
  TIME_ZONE_MAX_LENGTH,
  type PlaceToSave,
} from './places.ts';
export { ERROR_REASONS, isErrorReason, NEW_PASSWORD_REASONS, type ErrorReason } from './reasons.ts';
export { CONTROL_CHARACTER_MESSAGE, hasControlCharacter, text } from './text.ts';
export {
  MAX_SUMMARY_PLACES,
  SEARCH_LIMIT_MAX,
  SEARCH_QUERY_MAX_LENGTH,
  WET_MM_PER_HOUR,
} from './weather.ts';
export { noInputSchema } from './no-input.ts';
export {
  languageDirection,
  LANGUAGES,
  languageSchema,
  pickLanguage,
  type Language,
} from './languages.ts';
export {
  CLOCKS,
  clockSchema,
  DISTANCE_UNITS,
  distanceUnitSchema,
  PRECIPITATION_UNITS,
  precipitationUnitSchema,
  PRESSURE_UNITS,
  pressureUnitSchema,
  THEMES,
  themeSchema,
  UNIT_SYSTEMS,
  WIND_UNITS,
  type Clock,
  type DistanceUnit,
  type PrecipitationUnit,
  type PressureUnit,
  type Theme,
  type UnitSystem,
  type WindUnit,
} from './preferences.ts';

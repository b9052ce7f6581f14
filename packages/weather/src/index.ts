export * from './model.ts';
export {
  createOpenMeteo,
  hasNativeMinutely15,
  OPEN_METEO_FORECAST_DAYS,
  type OpenMeteoOptions,
} from './open-meteo.ts';
export {
  MAX_PROVIDER_BODY_BYTES,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  SIMULATED_HEADER,
} from './http.ts';
export {
  checkedProvider,
  MAX_PROVIDER_CLOCK_SKEW_MS,
  plausibleAirQualitySchema,
  plausibleForecastSchema,
  plausiblePlacesSchema,
} from './plausible.ts';
export type { ForecastQuery, LocationQuery, ProviderResult, WeatherProvider } from './provider.ts';
export { ProviderError, type ProviderErrorKind } from './provider-error.ts';
export { convertForecast, convertPrecipitation, convertTemperature, unitsFor } from './units.ts';
export { wmoCodeForOpenWeather } from './openweather-conditions.ts';
export { createOpenWeather, type OpenWeatherOptions } from './openweather.ts';
export { usAqiFromPm25 } from './us-aqi.ts';
export {
  moonPhaseNameSchema,
  sunAndMoon,
  sunAndMoonDaySchema,
  sunAndMoonSchema,
  type MoonPhaseName,
  type SunAndMoon,
  type SunAndMoonDay,
} from './sun-and-moon.ts';
export { fixedOffsetZone, zoneAtCoordinates } from './time-zones.ts';
export {
  alertCertaintySchema,
  alertSeveritySchema,
  alertsProviderIdSchema,
  alertUrgencySchema,
  byUrgencyOfReading,
  weatherAlertSchema,
  type AlertSeverity,
  type AlertsProvider,
  type AlertsProviderId,
  type AlertsQuery,
  type AlertsResult,
  type WeatherAlert,
} from './alerts/alert-model.ts';
export { createNws, type NwsOptions } from './alerts/nws.ts';
export { createMeteoAlarm, type MeteoAlarmOptions } from './alerts/meteoalarm.ts';
export { createOneCallAlerts, type OneCallAlertsOptions } from './alerts/one-call-alerts.ts';
export { inNwsArea, meteoAlarmFeedAt } from './alerts/coverage.ts';
export { meteoAlarmAreas, type MeteoAlarmAreas } from './alerts/meteoalarm-areas.ts';
export {
  createNominatim,
  type NearestPlace,
  type NearestPlaceQuery,
  type NominatimOptions,
  type ReverseGeocoder,
} from './places/nominatim.ts';
export { openMeteoCallWeight } from './confidence/call-weight.ts';
export {
  bandOfMeanAndSpread,
  bandOfMembers,
  meanAndSpread,
  quantile,
  shareAbove,
} from './confidence/quantiles.ts';
export { CONFIDENCE_THRESHOLDS, labelOf, type ConfidenceLabel } from './confidence/thresholds.ts';
export {
  COMPARED_MODELS,
  CONFIDENCE_CALL_WEIGHTS,
  CONFIDENCE_DAYS,
  createOpenMeteoConfidence,
  DEFAULT_ENSEMBLE,
  ENSEMBLE_MEMBERS,
  type ComparedModel,
  type EnsembleId,
  type OpenMeteoConfidence,
  type OpenMeteoConfidenceOptions,
  type EnsembleMean,
  type EnsembleMembers,
  type ModelRuns,
  type PreviousRuns,
  type SkillHistory,
  type WeightedResult,
} from './confidence/open-meteo-confidence.ts';
export {
  blendWeights,
  buildConfidence,
  ensembleStatistics,
  type ConfidenceInput,
  type EnsembleInput,
} from './confidence/confidence.ts';
export {
  bandSchema,
  confidenceLabelSchema,
  confidenceSchema,
  type Band,
  type Confidence,
  type ConfidenceDay,
  type ConfidenceHour,
  type ConfidenceReason,
} from './confidence/confidence-model.ts';
export { nextDayHighSkill, type ModelSkill } from './confidence/skill.ts';
export {
  climateNormals,
  dayNormalSchema,
  leapDayOfYear,
  NORMAL_DAYS,
  NORMALS_PERIOD,
  RECORDS_FIRST_YEAR,
  SMOOTHING_HALF_WIDTH,
  WET_DAY_MM,
  type ArchiveDay,
  type DayNormal,
} from './climate-normals.ts';
export {
  archiveCallWeight,
  createOpenMeteoArchive,
  fetchCellNormals,
  NORMALS_CALL_WEIGHT,
  NORMALS_REQUESTS,
  type ArchiveChunk,
  type ArchiveQuery,
  type ArchiveVariable,
  type OpenMeteoArchive,
  type OpenMeteoArchiveOptions,
} from './open-meteo-archive.ts';

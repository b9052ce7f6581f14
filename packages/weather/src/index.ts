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
export {
  convertForecast,
  convertPrecipitation,
  convertTemperature,
  unitChoiceSchema,
  unitsFor,
  unitSystemSchema,
  windUnitSchema,
  type UnitChoice,
  type UnitSystem,
  type WindUnit,
} from './units.ts';
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
  type WeatherAlert,
} from './alerts/alert-model.ts';
export { createNws, type NwsOptions } from './alerts/nws.ts';
export { createMeteoAlarm, type MeteoAlarmOptions } from './alerts/meteoalarm.ts';
export { createOneCallAlerts, type OneCallAlertsOptions } from './alerts/one-call-alerts.ts';
export { inNwsArea, meteoAlarmFeedAt } from './alerts/coverage.ts';
export { meteoAlarmAreas, type MeteoAlarmAreas } from './alerts/meteoalarm-areas.ts';
export {
  climateNormals,
  dayNormalSchema,
  leapDayOfYear,
  NORMAL_DAYS,
  NORMALS_PERIOD,
  quantile,
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

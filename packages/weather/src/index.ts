export * from './model.ts';
export { createOpenMeteo, OPEN_METEO_FORECAST_DAYS, type OpenMeteoOptions } from './open-meteo.ts';
export { parseRetryAfter, SIMULATED_HEADER } from './http.ts';
export type { ForecastQuery, LocationQuery, ProviderResult, WeatherProvider } from './provider.ts';
export { ProviderError, type ProviderErrorKind } from './provider-error.ts';
export {
  convertForecast,
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

import type { AirQuality, Place, ProviderForecast, ProviderId } from './model.ts';

export interface LocationQuery {
  query: string;
  limit: number;
  /** ISO 639-1 code of the language the names should be in; English when absent. */
  language?: string;
}

export interface ForecastQuery {
  latitude: number;
  longitude: number;
}

export interface ProviderResult<T> {
  data: T;
  /** True when the answer came from the local simulator. */
  simulated: boolean;
}

/**
 * One upstream weather service, mapped onto the shared model. Methods throw
 * `ProviderError` and nothing else.
 */
export interface WeatherProvider {
  readonly id: ProviderId;
  searchLocations(query: LocationQuery): Promise<ProviderResult<Place[]>>;
  forecast(query: ForecastQuery): Promise<ProviderResult<ProviderForecast>>;
  /** The air now and, where the provider forecasts it, hour by hour for the coming days. */
  airQuality(query: ForecastQuery): Promise<ProviderResult<AirQuality>>;
}

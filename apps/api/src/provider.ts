import {
  createMeteoAlarm,
  createNominatim,
  createNws,
  createOneCallAlerts,
  createOpenMeteo,
  createOpenMeteoArchive,
  createOpenMeteoConfidence,
  createOpenWeather,
  type AlertsProvider,
  type OpenMeteoArchive,
  type ReverseGeocoder,
  type WeatherProvider,
} from '@skycast/weather';

import type { Env } from './env.ts';

/** The weather service chosen by WEATHER_PROVIDER, and its shared call budget. */
export function createProvider(env: Env): {
  provider: WeatherProvider;
  quota: Env['OPEN_METEO_QUOTA'];
} {
  if (env.WEATHER_PROVIDER === 'openweather') {
    return {
      // loadEnv refuses to start without the key when this provider is chosen.
      provider: createOpenWeather({
        baseUrl: env.OPENWEATHER_URL,
        apiKey: env.OPENWEATHER_API_KEY ?? '',
      }),
      quota: env.OPENWEATHER_QUOTA,
    };
  }
  return {
    provider: createOpenMeteo({
      forecastUrl: env.OPEN_METEO_URL,
      geocodingUrl: env.OPEN_METEO_GEOCODING_URL,
      airQualityUrl: env.OPEN_METEO_AIR_QUALITY_URL,
    }),
    quota: env.OPEN_METEO_QUOTA,
  };
}

/**
 * The severe-weather warning services, tried in order for a point: One Call
 * alone where OpenWeather is configured with it (it relays agencies
 * worldwide), otherwise the NWS in the United States and MeteoAlarm in Europe.
 */
export function createAlertsProviders(env: Env): AlertsProvider[] {
  if (env.WEATHER_PROVIDER === 'openweather' && env.OPENWEATHER_ONE_CALL) {
    return [
      createOneCallAlerts({ baseUrl: env.OPENWEATHER_URL, apiKey: env.OPENWEATHER_API_KEY ?? '' }),
    ];
  }
  return [
    createNws({ baseUrl: env.NWS_URL, userAgent: env.NWS_USER_AGENT }),
    createMeteoAlarm({ baseUrl: env.METEOALARM_URL }),
  ];
}

/**
 * What names the place at a point: Nominatim (OpenStreetMap), whichever
 * weather provider is chosen. Open-Meteo's geocoding searches by name only.
 */
export function createReverseGeocoder(env: Env): ReverseGeocoder {
  // Nominatim's policy asks for a User-Agent naming the application.
  const origin = env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
  return createNominatim({
    baseUrl: env.NOMINATIM_URL,
    userAgent: `Skycast weather app (${origin})`,
  });
}

/**
 * Forecast confidence always comes from Open-Meteo (its ensemble, multi-model
 * and previous-runs APIs), whichever service gives the forecast itself.
 */
export function createConfidenceClient(env: Env) {
  return createOpenMeteoConfidence({
    forecastUrl: env.OPEN_METEO_URL,
    ensembleUrl: env.OPEN_METEO_ENSEMBLE_URL,
    previousRunsUrl: env.OPEN_METEO_PREVIOUS_RUNS_URL,
  });
}

/** Open-Meteo's archive, for climate normals, whichever service gives the forecasts. */
export const createArchive = (env: Env): OpenMeteoArchive =>
  createOpenMeteoArchive({ archiveUrl: env.OPEN_METEO_ARCHIVE_URL });

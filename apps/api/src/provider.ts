import { createOpenMeteo, createOpenWeather, type WeatherProvider } from '@skycast/weather';

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

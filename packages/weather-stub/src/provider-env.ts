/**
 * The server's environment that sends every weather service it calls to the
 * local provider at `url`: one list, so a service added to the server is wired
 * to the stub here and nowhere else.
 *
 * @example
 * spawn(process.execPath, [main], { env: { ...process.env, ...stubProviderEnv(stub.url) } });
 */
export function stubProviderEnv(url: string): Record<ProviderUrlVariable, string> {
  return {
    OPEN_METEO_URL: url,
    OPEN_METEO_GEOCODING_URL: url,
    OPEN_METEO_AIR_QUALITY_URL: url,
    OPEN_METEO_ARCHIVE_URL: url,
    OPEN_METEO_ENSEMBLE_URL: url,
    OPEN_METEO_PREVIOUS_RUNS_URL: url,
    OPENWEATHER_URL: url,
    NWS_URL: url,
    METEOALARM_URL: url,
    NOMINATIM_URL: url,
  };
}

/** The variables (read by apps/api/src/env.ts) naming a weather service's base URL. */
export type ProviderUrlVariable =
  | 'OPEN_METEO_URL'
  | 'OPEN_METEO_GEOCODING_URL'
  | 'OPEN_METEO_AIR_QUALITY_URL'
  | 'OPEN_METEO_ARCHIVE_URL'
  | 'OPEN_METEO_ENSEMBLE_URL'
  | 'OPEN_METEO_PREVIOUS_RUNS_URL'
  | 'OPENWEATHER_URL'
  | 'NWS_URL'
  | 'METEOALARM_URL'
  | 'NOMINATIM_URL';

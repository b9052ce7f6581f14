/** The provider paths the stub answers; one server serves them all. */
export const OPEN_METEO_ENDPOINTS = [
  '/v1/forecast',
  '/v1/ensemble',
  '/v1/search',
  '/v1/air-quality',
  '/v1/archive',
] as const;
export const OPENWEATHER_ENDPOINTS = [
  '/data/2.5/weather',
  '/data/2.5/forecast',
  '/geo/1.0/direct',
  '/data/2.5/air_pollution',
  '/data/3.0/onecall',
] as const;
export const NWS_ENDPOINTS = ['/alerts/active'] as const;
/**
 * MeteoAlarm's paths carry the country and the document: the endpoint is the
 * part before it (`/feeds/meteoalarm-legacy-atom-germany` is a call of the first).
 */
export const METEOALARM_ENDPOINTS = ['/feeds/meteoalarm-legacy-atom', '/api/v1/warnings'] as const;
/** Nominatim's reverse geocoding: the name of the place at a point. */
export const NOMINATIM_ENDPOINTS = ['/reverse'] as const;
export const STUB_ENDPOINTS = [
  ...OPEN_METEO_ENDPOINTS,
  ...OPENWEATHER_ENDPOINTS,
  ...NWS_ENDPOINTS,
  ...METEOALARM_ENDPOINTS,
  ...NOMINATIM_ENDPOINTS,
] as const;

export type StubEndpoint = (typeof STUB_ENDPOINTS)[number];
export type Provider = 'open-meteo' | 'openweather' | 'nws' | 'meteoalarm' | 'nominatim';

export function isStubEndpoint(path: string): path is StubEndpoint {
  return (STUB_ENDPOINTS as readonly string[]).includes(path);
}

/** The endpoint a request path calls, or undefined for a path the stub does not serve. */
export function endpointOf(path: string): StubEndpoint | undefined {
  if (isStubEndpoint(path)) return path;
  if (/^\/feeds\/meteoalarm-legacy-atom-[a-z-]+$/.test(path))
    return '/feeds/meteoalarm-legacy-atom';
  if (/^\/api\/v1\/warnings\/feeds-[a-z-]+\/[\w.-]+$/.test(path)) return '/api/v1/warnings';
  return undefined;
}

export function providerOf(endpoint: StubEndpoint): Provider {
  if ((OPEN_METEO_ENDPOINTS as readonly string[]).includes(endpoint)) return 'open-meteo';
  if ((NWS_ENDPOINTS as readonly string[]).includes(endpoint)) return 'nws';
  if ((METEOALARM_ENDPOINTS as readonly string[]).includes(endpoint)) return 'meteoalarm';
  if ((NOMINATIM_ENDPOINTS as readonly string[]).includes(endpoint)) return 'nominatim';
  return 'openweather';
}

/** The provider paths the stub answers; one server serves them all. */
export const OPEN_METEO_ENDPOINTS = ['/v1/forecast', '/v1/search', '/v1/air-quality'] as const;
export const OPENWEATHER_ENDPOINTS = [
  '/data/2.5/weather',
  '/data/2.5/forecast',
  '/geo/1.0/direct',
  '/data/2.5/air_pollution',
] as const;
export const STUB_ENDPOINTS = [...OPEN_METEO_ENDPOINTS, ...OPENWEATHER_ENDPOINTS] as const;

export type StubEndpoint = (typeof STUB_ENDPOINTS)[number];
export type Provider = 'open-meteo' | 'openweather';

export function isStubEndpoint(path: string): path is StubEndpoint {
  return (STUB_ENDPOINTS as readonly string[]).includes(path);
}

export function providerOf(endpoint: StubEndpoint): Provider {
  return (OPEN_METEO_ENDPOINTS as readonly string[]).includes(endpoint)
    ? 'open-meteo'
    : 'openweather';
}

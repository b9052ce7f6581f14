export type { CallCounts } from './call-counter.ts';
export { STUB_ENDPOINTS, type StubEndpoint } from './endpoints.ts';
export { FAULT_MODES, type Fault, type FaultMode } from './faults.ts';
export { startWeatherStub, type StartWeatherStubOptions, type WeatherStub } from './server.ts';
export { stubProviderEnv, type ProviderUrlVariable } from './provider-env.ts';
export type { RainScenario } from './scenarios.ts';
export { archiveHalfRange, archiveSeasonalMean } from './open-meteo-archive.ts';
export { siteAt, type Site } from './sites.ts';

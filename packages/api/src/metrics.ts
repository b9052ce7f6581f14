import type { ProviderErrorKind } from '@skycast/weather';

/**
 * How the weather cache answered one request: `hit` (fresh from the store),
 * `revalidate` (from the store while one refresh runs behind), `miss` (waited
 * for a refresh), `stale` (the provider failed; older data served).
 */
export type CacheAnswer = 'hit' | 'revalidate' | 'miss' | 'stale';

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * What the API reports about its own work. The server backs it with
 * Prometheus metrics; this package stays free of any metrics library.
 *
 * @example
 * createServices({ db, connectionString, provider, logger, metrics: prometheusMetrics.api });
 */
export interface ApiMetrics {
  cacheAnswer(answer: CacheAnswer): void;
  /** One attempt at an upstream weather service: `ok` or why it failed, and how long it took. */
  providerCall(provider: string, outcome: 'ok' | ProviderErrorKind, seconds: number): void;
  breakerState(provider: string, state: BreakerState): void;
}

/** Reports nothing: for tests and tools that do not serve metrics. */
export const noMetrics: ApiMetrics = {
  cacheAnswer() {},
  providerCall() {},
  breakerState() {},
};

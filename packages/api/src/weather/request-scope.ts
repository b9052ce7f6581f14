import { AsyncLocalStorage } from 'node:async_hooks';

/** A cache entry an answer was made from. */
export interface ServedEntry {
  /** `provider|resource|key`, as in the refresh notifications. */
  id: string;
  fetchedAt: Date;
  freshUntil: Date;
  /** Served past its freshness because the provider or the database could not be asked. */
  stale: boolean;
}

/**
 * What the weather cache learns about the request it serves, without every
 * procedure having to pass it along: who asks (for the per-client budget of
 * new places) and which entries the answer was made from (so the HTTP layer
 * knows how long the answer stays true, and what invalidates it).
 */
export interface WeatherRequestScope {
  /** The client's key (see client-key.ts); null for server-side callers, which have no budget. */
  readonly clientKey: string | null;
  readonly served: ServedEntry[];
  /**
   * Entries the answer needed but could not include (the provider failed, or
   * the client's budget refused them): an answer with such a hole is never
   * kept as public, and any of them stored later makes it untrue.
   */
  readonly missed: string[];
}

/** True when the answer being made lacks something it was asked for. */
export const isIncomplete = (scope: WeatherRequestScope | undefined): boolean =>
  (scope?.missed.length ?? 0) > 0;

const storage = new AsyncLocalStorage<WeatherRequestScope>();

/** Runs `fn` with `scope` as the current request's, for everything it awaits. */
export function runInRequestScope<T>(scope: WeatherRequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the request being served, if any. */
export function currentRequestScope(): WeatherRequestScope | undefined {
  return storage.getStore();
}

/** The `id` of a cache key, as notifications and {@link ServedEntry} name it. */
export const entryId = (key: { provider: string; resource: string; cacheKey: string }): string =>
  `${key.provider}|${key.resource}|${key.cacheKey}`;

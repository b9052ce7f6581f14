import type { z } from 'zod';

import type { Database, Kysely } from '@skycast/db';
import { ProviderError } from '@skycast/weather';

import type { Logger } from '../logger.ts';
import { noMetrics, type ApiMetrics } from '../metrics.ts';
import type { ProviderGate } from './provider-gate.ts';
import type { CacheKey, RefreshCoordinator } from './refresh-coordinator.ts';

export interface Freshness {
  /** Served as is, without asking the provider. */
  freshForMs: number;
  /** Past fresh but within this: served at once while one refresh runs behind. */
  revalidateWithinMs: number;
  /** Still shown, marked stale, when the provider cannot answer. */
  usableForMs: number;
}

export interface Cached<T> {
  value: T;
  fetchedAt: Date;
  /** True when the provider could not answer and older data is served. */
  stale: boolean;
}

export interface CacheRequest<T> {
  key: CacheKey;
  schema: z.ZodType<T>;
  freshness: Freshness;
  fetch: () => Promise<T>;
  /** The request's logger, so provider trouble is logged with its request id. */
  logger?: Logger;
}

export interface WeatherCache {
  get<T>(request: CacheRequest<T>): Promise<Cached<T>>;
  /** Resolves when background refreshes started so far have finished (for tests and shutdown). */
  settled(): Promise<void>;
}

export interface WeatherCacheOptions {
  db: Kysely<Database>;
  gate: ProviderGate;
  coordinator: RefreshCoordinator;
  logger: Logger;
  now?: () => Date;
  /** How long a request waits for another instance's refresh. */
  waitForPeerMs?: number;
  metrics?: ApiMetrics;
}

interface StoredEntry<T> {
  value: T;
  fetchedAt: Date;
  freshUntil: Date;
  staleUntil: Date;
}

/**
 * The read-through cache in front of every provider. A request is answered
 * from PostgreSQL while the entry is fresh; shortly after, at once from
 * PostgreSQL while one refresh runs in the background; later, after a refresh.
 * A refresh happens once per entry across all instances (in-process map plus
 * a database lease); the others wait for its result. When the provider fails,
 * a usable stored entry is served marked stale.
 *
 * @example
 * const { value, stale } = await cache.get({ key, schema, freshness, fetch: () => provider.forecast(q) });
 */
export function createWeatherCache(options: WeatherCacheOptions): WeatherCache {
  const { db, gate, coordinator, logger } = options;
  const now = options.now ?? (() => new Date());
  const waitForPeerMs = options.waitForPeerMs ?? 8_000;
  const metrics = options.metrics ?? noMetrics;
  const inFlight = new Map<string, Promise<StoredEntry<unknown>>>();
  const background = new Set<Promise<unknown>>();

  async function read<T>(key: CacheKey, schema: z.ZodType<T>): Promise<StoredEntry<T> | undefined> {
    const row = await db
      .selectFrom('weatherCache')
      .select(['payload', 'fetchedAt', 'freshUntil', 'staleUntil'])
      .where('provider', '=', key.provider)
      .where('resource', '=', key.resource)
      .where('cacheKey', '=', key.cacheKey)
      .executeTakeFirst();
    if (!row) return undefined;
    // An entry written by an older release may not fit today's model: treat it as absent.
    const parsed = schema.safeParse(row.payload);
    if (!parsed.success) return undefined;
    return {
      value: parsed.data,
      fetchedAt: row.fetchedAt,
      freshUntil: row.freshUntil,
      staleUntil: row.staleUntil,
    };
  }

  async function store<T>(request: CacheRequest<T>, value: T): Promise<StoredEntry<T>> {
    const fetchedAt = now();
    const entry = {
      value,
      fetchedAt,
      freshUntil: new Date(fetchedAt.getTime() + request.freshness.freshForMs),
      staleUntil: new Date(fetchedAt.getTime() + request.freshness.usableForMs),
    };
    const payload = JSON.stringify(value);
    await db
      .insertInto('weatherCache')
      .values({
        ...request.key,
        payload,
        fetchedAt,
        freshUntil: entry.freshUntil,
        staleUntil: entry.staleUntil,
      })
      .onConflict((oc) =>
        oc.columns(['provider', 'resource', 'cacheKey']).doUpdateSet({
          payload,
          fetchedAt,
          freshUntil: entry.freshUntil,
          staleUntil: entry.staleUntil,
        }),
      )
      .execute();
    return entry;
  }

  async function refresh<T>(
    request: CacheRequest<T>,
    previous: Date | undefined,
  ): Promise<StoredEntry<T>> {
    if (await coordinator.claim(request.key)) {
      try {
        // Another instance may have stored a newer entry between our read and our
        // claim (its lease already released): then that entry is the refresh.
        const current = await read(request.key, request.schema);
        if (current && current.freshUntil > now() && (!previous || current.fetchedAt > previous)) {
          return current;
        }
        // Validated by the provider client before it gets here: a bad body is never stored.
        const value = await gate.call(request.key.provider, request.fetch);
        return await store(request, value);
      } finally {
        await coordinator.release(request.key);
      }
    }
    // Another instance is refreshing this entry: wait for its row instead of calling too.
    await coordinator.waitFor(request.key, waitForPeerMs);
    const entry = await read(request.key, request.schema);
    if (entry && (!previous || entry.fetchedAt > previous)) return entry;
    throw new ProviderError({
      kind: 'network',
      provider: request.key.provider,
      message: `${request.key.provider}: the refresh another instance was making did not succeed`,
    });
  }

  /** One refresh per entry in this process; concurrent callers share it. */
  function refreshOnce<T>(
    request: CacheRequest<T>,
    previous: Date | undefined,
  ): Promise<StoredEntry<T>> {
    const id = `${request.key.provider}|${request.key.resource}|${request.key.cacheKey}`;
    let pending = inFlight.get(id) as Promise<StoredEntry<T>> | undefined;
    if (!pending) {
      pending = refresh(request, previous).finally(() => inFlight.delete(id));
      inFlight.set(id, pending);
    }
    return pending;
  }

  return {
    async get<T>(request: CacheRequest<T>): Promise<Cached<T>> {
      const stored = await read(request.key, request.schema);
      const at = now();
      if (stored && stored.freshUntil > at) {
        metrics.cacheAnswer('hit');
        return { value: stored.value, fetchedAt: stored.fetchedAt, stale: false };
      }
      if (
        stored &&
        at.getTime() - stored.fetchedAt.getTime() < request.freshness.revalidateWithinMs
      ) {
        const task = refreshOnce(request, stored.fetchedAt).catch((error: unknown) => {
          (request.logger ?? logger).warn(
            { err: error, key: request.key },
            'background refresh failed',
          );
        });
        background.add(task);
        void task.finally(() => background.delete(task));
        metrics.cacheAnswer('revalidate');
        return { value: stored.value, fetchedAt: stored.fetchedAt, stale: false };
      }
      try {
        const entry = await refreshOnce(request, stored?.fetchedAt);
        metrics.cacheAnswer('miss');
        return { value: entry.value, fetchedAt: entry.fetchedAt, stale: false };
      } catch (error) {
        if (stored && stored.staleUntil > now()) {
          (request.logger ?? logger).warn(
            { err: error, key: request.key },
            'provider unavailable; serving stored data',
          );
          metrics.cacheAnswer('stale');
          return { value: stored.value, fetchedAt: stored.fetchedAt, stale: true };
        }
        throw error;
      }
    },

    async settled() {
      await Promise.all([...background]);
    },
  };
}

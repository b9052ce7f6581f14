import { LRUCache } from 'lru-cache';
import type { z } from 'zod';

import { sql, type Database, type Kysely } from '@skycast/db';
import { ProviderError } from '@skycast/weather';

import type { Logger } from '../logger.ts';
import { noMetrics, type ApiMetrics, type CacheAnswer } from '../metrics.ts';
import { RateLimitExceeded } from '../rate-limit.ts';
import type { NewPlacesBudget } from './new-places-budget.ts';
import type { ProviderGate } from './provider-gate.ts';
import type { CacheKey, RefreshCoordinator } from './refresh-coordinator.ts';
import { currentRequestScope, entryId, type ServedEntry } from './request-scope.ts';

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
  /** What the provider counts `fetch` as, in calls (default 1); charged to the provider gate. */
  weight?: number;
  /** The request's logger, so provider trouble is logged with its request id. */
  logger?: Logger;
  /**
   * An entry older than this is refreshed before it is answered, fresh or
   * not: watches on rain ask for a nowcast no older than their interval.
   */
  maxAgeMs?: number;
}

/**
 * Something small derived from an entry (the watch round's slice of a
 * forecast), kept in memory beside it while the entry is fresh, so a caller
 * that needs only that slice never reads or validates the whole entry again.
 */
export interface CacheView<T, V> {
  /** Tells views of the same entry apart. */
  name: string;
  /** From the validated entry at `at`; it must serve every instant the entry stays fresh after `at`. */
  derive: (value: T, at: Date) => V;
  /** About how many bytes the derived value takes in memory (what the views' budget counts). */
  bytes: (view: V) => number;
}

export interface WeatherCache {
  get<T>(request: CacheRequest<T>): Promise<Cached<T>>;
  /**
   * As `get` (same freshness, refreshes and provider calls), answered with a
   * view of the entry; a fresh entry's view comes from memory.
   */
  getView<T, V>(request: CacheRequest<T>, view: CacheView<T, V>): Promise<Cached<V>>;
  /** Resolves when background refreshes started so far have finished (for tests and shutdown). */
  settled(): Promise<void>;
}

export interface WeatherCacheOptions {
  db: Kysely<Database>;
  gate: ProviderGate;
  coordinator: RefreshCoordinator;
  logger: Logger;
  now?: () => Date;
  /**
   * How long a request waits for another instance's refresh; longer than a
   * lease, so a dead holder's lease expires within it and the waiter fetches.
   */
  waitForPeerMs?: number;
  metrics?: ApiMetrics;
  /** Bytes of decoded entries kept in this process (default 64 MiB). */
  memoryBytes?: number;
  /** Bytes of views kept in this process (default 192 MiB: a round's slices of some 5,000 cells, at ~38 kB each). */
  viewBytes?: number;
  /**
   * Per client: how many entries it may make us fetch from the provider
   * (places nobody asked for lately), so one client cannot spend the
   * provider budget every instance shares. Counted across instances; a
   * client's first place after a quiet spell may use the budget's reserve.
   */
  newEntryBudget?: NewPlacesBudget;
}

interface StoredEntry<T> {
  value: T;
  fetchedAt: Date;
  freshUntil: Date;
  staleUntil: Date;
}

/** An answer with the entry's end of freshness, which a view is kept until. */
type Answered<T> = Cached<T> & { freshUntil: Date };

/** Decoded JSON takes a few times its text's size in memory. */
const DECODED_BYTES_PER_CHAR = 3;

/**
 * The read-through cache in front of every provider. A fresh entry is
 * answered from this process's memory (decoded and validated once, no
 * database round trip); otherwise from PostgreSQL while it is fresh; shortly
 * after, at once from PostgreSQL while one refresh runs in the background;
 * later, after a refresh. A refresh happens once per entry across all
 * instances (in-process map plus a database lease); the others wait for its
 * result, and every instance drops its older copy when one stores a newer
 * entry. When the provider fails, or the database cannot be reached, a usable
 * entry is served marked stale.
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
  const memory = new LRUCache<string, StoredEntry<unknown> & { bytes: number }>({
    maxSize: options.memoryBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (entry) => Math.max(1, entry.bytes),
  });
  const views = new LRUCache<string, StoredEntry<unknown> & { bytes: number }>({
    maxSize: options.viewBytes ?? 192 * 1024 * 1024,
    sizeCalculation: (entry) => Math.max(1, entry.bytes),
  });
  const viewNames = new Set<string>();
  /** Drops what this process keeps of an entry older than `fetchedAt`. */
  function forgetOlder(id: string, fetchedAt: Date): void {
    const kept = memory.peek(id);
    if (kept && kept.fetchedAt < fetchedAt) memory.delete(id);
    for (const name of viewNames) {
      const view = views.peek(`${id}|${name}`);
      if (view && view.fetchedAt < fetchedAt) views.delete(`${id}|${name}`);
    }
  }
  coordinator.onStored(forgetOlder);

  function remember<T>(key: CacheKey, entry: StoredEntry<T>, textLength: number): void {
    const id = entryId(key);
    forgetOlder(id, entry.fetchedAt);
    const kept = memory.peek(id);
    if (kept && kept.fetchedAt > entry.fetchedAt) return;
    memory.set(id, { ...entry, bytes: textLength * DECODED_BYTES_PER_CHAR });
  }

  async function read<T>(key: CacheKey, schema: z.ZodType<T>): Promise<StoredEntry<T> | undefined> {
    // As text, parsed here: its length sizes the kept entry without a second JSON.stringify
    // (which showed in the watches bench's profile, a cell read per watched cell).
    const row = await db
      .selectFrom('weatherCache')
      .select([sql<string>`payload::text`.as('payload'), 'fetchedAt', 'freshUntil', 'staleUntil'])
      .where('provider', '=', key.provider)
      .where('resource', '=', key.resource)
      .where('cacheKey', '=', key.cacheKey)
      .executeTakeFirst();
    if (!row) return undefined;
    // An entry written by an older release may not fit today's model: treat it as absent.
    const parsed = schema.safeParse(JSON.parse(row.payload));
    if (!parsed.success) return undefined;
    const entry = {
      value: parsed.data,
      fetchedAt: row.fetchedAt,
      freshUntil: row.freshUntil,
      staleUntil: row.staleUntil,
    };
    remember(key, entry, row.payload.length);
    return entry;
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
    remember(request.key, entry, payload.length);
    return entry;
  }

  async function refresh<T>(
    request: CacheRequest<T>,
    previous: Date | undefined,
    firstPlace: boolean,
  ): Promise<StoredEntry<T>> {
    const deadline = Date.now() + waitForPeerMs;
    // Bounded: claim, or wait for the holder; if it finished without storing
    // (its provider call failed, or it died and its lease expired), claim again.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await coordinator.claim(request.key)) {
        let stored: StoredEntry<T> | undefined;
        try {
          // Another instance may have stored a newer entry between our read and our
          // claim (its lease already released): then that entry is the refresh.
          const current = await read(request.key, request.schema);
          if (
            current &&
            current.freshUntil > now() &&
            (request.maxAgeMs === undefined ||
              now().getTime() - current.fetchedAt.getTime() < request.maxAgeMs) &&
            (!previous || current.fetchedAt > previous)
          ) {
            return current;
          }
          // Validated by the provider client before it gets here: a bad body is never stored.
          const value = await gate.call(request.key.provider, request.fetch, {
            firstPlace,
            ...(request.weight === undefined ? {} : { weight: request.weight }),
          });
          stored = await store(request, value);
          return stored;
        } finally {
          await coordinator.release(request.key, stored?.fetchedAt);
        }
      }
      // Another instance is refreshing this entry: wait for its row instead of calling too.
      const left = deadline - Date.now();
      if (left <= 0) break;
      await coordinator.waitFor(request.key, left);
      const entry = await read(request.key, request.schema);
      if (entry && (!previous || entry.fetchedAt > previous)) return entry;
    }
    throw new ProviderError({
      kind: 'network',
      provider: request.key.provider,
      message: `${request.key.provider}: the refresh another instance was making did not finish in time`,
    });
  }

  /**
   * One refresh per entry in this process; concurrent callers share it. A
   * caller who starts one and waits for it spends its client's budget of new
   * entries; joining a refresh, or one in the background, costs nothing.
   */
  async function refreshOnce<T>(
    request: CacheRequest<T>,
    previous: Date | undefined,
    charge: boolean,
  ): Promise<StoredEntry<T>> {
    const id = entryId(request.key);
    let pending = inFlight.get(id) as Promise<StoredEntry<T>> | undefined;
    let firstPlace = false;
    if (!pending) {
      if (charge) firstPlace = await chargeNewEntry();
      // Checked again: another caller may have started it while we were charged.
      pending = inFlight.get(id) as Promise<StoredEntry<T>> | undefined;
    }
    if (!pending) {
      pending = refresh(request, previous, firstPlace).finally(() => inFlight.delete(id));
      inFlight.set(id, pending);
    }
    return pending;
  }

  /** Charges the request's client for a new entry; true when it is the client's first place. */
  async function chargeNewEntry(): Promise<boolean> {
    const client = currentRequestScope()?.clientKey;
    if (!client || !options.newEntryBudget) return false;
    const verdict = await options.newEntryBudget.take(client);
    if (!verdict.allowed) {
      throw new RateLimitExceeded('new places', verdict.retryAfterSeconds, 'NEW_PLACES_LIMITED');
    }
    return verdict.first;
  }

  /** Tells the request's scope which entry its answer came from, and counts how the cache answered. */
  function served<T>(key: CacheKey, entry: StoredEntry<T>, answer: CacheAnswer): Answered<T> {
    const stale = answer === 'stale';
    metrics.cacheAnswer(answer);
    const record: ServedEntry = {
      id: entryId(key),
      fetchedAt: entry.fetchedAt,
      freshUntil: entry.freshUntil,
      stale,
    };
    currentRequestScope()?.served.push(record);
    return { value: entry.value, fetchedAt: entry.fetchedAt, stale, freshUntil: entry.freshUntil };
  }

  const young = (request: CacheRequest<unknown>, entry: { fetchedAt: Date }) =>
    request.maxAgeMs === undefined ||
    now().getTime() - entry.fetchedAt.getTime() < request.maxAgeMs;

  return {
    async get<T>(request: CacheRequest<T>): Promise<Cached<T>> {
      try {
        const { value, fetchedAt, stale } = await answer(request);
        return { value, fetchedAt, stale };
      } catch (error) {
        // Whoever turns this into a hole (a null summary) must not keep that answer.
        currentRequestScope()?.missed.push(entryId(request.key));
        throw error;
      }
    },

    async getView<T, V>(request: CacheRequest<T>, view: CacheView<T, V>): Promise<Cached<V>> {
      const id = `${entryId(request.key)}|${view.name}`;
      const kept = views.get(id) as StoredEntry<V> | undefined;
      if (kept && kept.freshUntil > now() && young(request, kept)) {
        const { value, fetchedAt, stale } = served(request.key, kept, 'hit');
        return { value, fetchedAt, stale };
      }
      let answered: Answered<T>;
      try {
        answered = await answer(request);
      } catch (error) {
        currentRequestScope()?.missed.push(entryId(request.key));
        throw error;
      }
      const at = now();
      const value = view.derive(answered.value, at);
      // Kept only while fresh: a stale or revalidating answer is derived again next time.
      if (!answered.stale && answered.freshUntil > at) {
        viewNames.add(view.name);
        views.set(id, {
          value,
          fetchedAt: answered.fetchedAt,
          freshUntil: answered.freshUntil,
          staleUntil: answered.freshUntil,
          bytes: view.bytes(value),
        });
      }
      return { value, fetchedAt: answered.fetchedAt, stale: answered.stale };
    },

    async settled() {
      await Promise.all([...background]);
    },
  };

  /** Read-through: memory, then PostgreSQL, then one refresh; stale data when that fails. */
  async function answer<T>(request: CacheRequest<T>): Promise<Answered<T>> {
    const log = request.logger ?? logger;
    const kept = memory.get(entryId(request.key)) as StoredEntry<T> | undefined;
    if (kept && kept.freshUntil > now() && young(request, kept))
      return served(request.key, kept, 'hit');

    let stored: StoredEntry<T> | undefined;
    try {
      stored = await read(request.key, request.schema);
    } catch (error) {
      // The database is away: what this process still holds beats no forecast.
      if (kept && kept.staleUntil > now()) {
        log.warn({ err: error, key: request.key }, 'database unavailable; serving kept data');
        return served(request.key, kept, 'stale');
      }
      throw error;
    }
    const at = now();
    if (stored && stored.freshUntil > at && young(request, stored))
      return served(request.key, stored, 'hit');
    if (
      stored &&
      young(request, stored) &&
      at.getTime() - stored.fetchedAt.getTime() < request.freshness.revalidateWithinMs
    ) {
      const task = refreshOnce(request, stored.fetchedAt, false).catch((error: unknown) => {
        log.warn({ err: error, key: request.key }, 'background refresh failed');
      });
      background.add(task);
      void task.finally(() => background.delete(task));
      return served(request.key, stored, 'revalidate');
    }
    try {
      const entry = await refreshOnce(request, stored?.fetchedAt, true);
      return served(request.key, entry, 'miss');
    } catch (error) {
      if (stored && stored.staleUntil > now()) {
        log.warn({ err: error, key: request.key }, 'provider unavailable; serving stored data');
        return served(request.key, stored, 'stale');
      }
      throw error;
    }
  }
}

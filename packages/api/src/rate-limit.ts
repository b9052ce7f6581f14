import { LRUCache } from 'lru-cache';
import {
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

import { CompiledQuery, type Database, type Kysely } from '@skycast/db';
import type { ErrorReason } from '@skycast/validators';

/**
 * At most `max` calls per client in each window of `windowSeconds`.
 *
 * `scope: 'instance'` (the default) counts in this process's memory: no
 * database round trip, and with N instances behind a load balancer a client
 * may make up to N × `max` calls. `scope: 'shared'` counts in PostgreSQL,
 * exact across instances: for limits that guard something costly or secret
 * (sign-up, password changes).
 */
export interface RateLimit {
  max: number;
  windowSeconds: number;
  scope?: 'instance' | 'shared';
}

export interface RateLimitVerdict {
  allowed: boolean;
  /** Calls left in this window (0 when refused). */
  remaining: number;
  /** Seconds until calls are allowed again. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one call by `clientKey` to `procedure` and says whether it is within `limit`. */
  hit(procedure: string, clientKey: string, limit: RateLimit): Promise<RateLimitVerdict>;
}

/** Thrown (as a TRPCError's cause, or to become one) when a client went over a limit. */
export class RateLimitExceeded extends Error {
  readonly retryAfterSeconds: number;
  /** What the client is told, as a reason of the error catalogue (taking `{seconds}`). */
  readonly reason: ErrorReason;
  constructor(what: string, retryAfterSeconds: number, reason: ErrorReason = 'RATE_LIMITED') {
    super(`Rate limit of ${what} exceeded; retry in ${retryAfterSeconds}s`);
    this.name = 'RateLimitExceeded';
    this.retryAfterSeconds = retryAfterSeconds;
    this.reason = reason;
  }
}

/** The table the migrations create for rate-limiter-flexible's PostgreSQL store. */
const TABLE = 'rate_limits';

export interface SharedLimitOptions {
  /** Names the limit; part of every row's key, so keep it short. */
  name: string;
  points: number;
  windowSeconds: number;
  /** Once over the limit, refuse for this long (default: until the window ends). */
  blockSeconds?: number;
}

/**
 * A limit counted in PostgreSQL with one atomic upsert per call, so every
 * instance on the database shares it exactly (rate-limiter-flexible's
 * PostgreSQL store, run through the app's own pool).
 *
 * @example
 * const signUps = sharedLimiter(db, { name: 'sign-up', points: 5, windowSeconds: 3600 });
 * await signUps.consume(clientIp); // rejects with a RateLimiterRes when over
 */
export function sharedLimiter(
  db: Kysely<Database>,
  options: SharedLimitOptions,
): RateLimiterAbstract {
  return new RateLimiterPostgres({
    storeClient: kyselyStoreClient(db),
    storeType: 'client',
    tableName: TABLE,
    // The migrations create the table; expired rows go with the cache pruner.
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix: options.name,
    points: options.points,
    duration: options.windowSeconds,
    ...(options.blockSeconds ? { blockDuration: options.blockSeconds } : {}),
  });
}

/** rate-limiter-flexible asks its store for `query({ text, values })`: Kysely's pool answers. */
function kyselyStoreClient(db: Kysely<Database>) {
  return {
    query: (query: { text: string; values?: readonly unknown[] }) =>
      db.executeQuery(CompiledQuery.raw(query.text, [...(query.values ?? [])])),
  };
}

/** Deletes rows whose window ended before `before` (epoch ms); returns how many. */
export async function pruneRateLimits(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('rateLimits')
    .where('expire', '<', String(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Seconds to wait from a refusal, at least 1. */
export function retryAfterSecondsOf(refusal: RateLimiterRes): number {
  return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
}

/**
 * Runs `consume` and turns rate-limiter-flexible's answer into a verdict;
 * a store failure (the database away) is thrown as it is.
 */
export async function verdictOf(consume: Promise<RateLimiterRes>): Promise<RateLimitVerdict> {
  try {
    const result = await consume;
    return {
      allowed: true,
      remaining: result.remainingPoints,
      retryAfterSeconds: retryAfterSecondsOf(result),
    };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { allowed: false, remaining: 0, retryAfterSeconds: retryAfterSecondsOf(error) };
    }
    throw error;
  }
}

/** Bytes the per-instance counts may take, whatever number of clients calls (8 MiB: some 35,000 clients). */
export const DEFAULT_MEMORY_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * What one counted client costs in memory besides its key's characters:
 * the counter object and lru-cache's slots (map entry, list links).
 */
const BYTES_PER_COUNT = 200;

/**
 * The limiter behind `meta.rateLimit`: per instance in memory, or in
 * PostgreSQL (rate-limiter-flexible) by the limit's `scope`.
 *
 * The counts in memory are fixed windows in one LRU bounded in bytes
 * (`memoryBytes`), not a map that grows with every address that ever
 * called: each count leaves when its window ends (swept every 10 s, and
 * started afresh when next read), and under a flood of new keys the least recently
 * seen goes first. A client still calling stays counted; one evicted had
 * been quiet while the whole budget of other keys arrived, and simply
 * starts a new window.
 *
 * @example
 * const limiter = createRateLimiter({ db });
 * const { allowed } = await limiter.hit('weather.forecast', '203.0.113.7', { max: 240, windowSeconds: 60 });
 */
export function createRateLimiter(deps: {
  db: Kysely<Database>;
  memoryBytes?: number;
  now?: () => number;
}): RateLimiter & { readonly memory: { keys: number; bytes: number } } {
  const now = deps.now ?? Date.now;
  const shared = new Map<string, RateLimiterAbstract>();
  const limitIds = new Map<string, number>();
  const counts = new LRUCache<string, { points: number; resetAt: number }>({
    maxSize: deps.memoryBytes ?? DEFAULT_MEMORY_LIMIT_BYTES,
    sizeCalculation: (_count, key) => BYTES_PER_COUNT + key.length,
  });
  let purgedAt = now();

  function sharedFor(procedure: string, limit: RateLimit): RateLimiterAbstract {
    const id = `${procedure}|${limit.max}|${limit.windowSeconds}`;
    let limiter = shared.get(id);
    if (!limiter) {
      limiter = sharedLimiter(deps.db, {
        name: `p:${procedure.slice(0, 100)}`,
        points: limit.max,
        windowSeconds: limit.windowSeconds,
      });
      shared.set(id, limiter);
    }
    return limiter;
  }

  /** A short, stable prefix per procedure and limit, so each key costs little. */
  function limitIdOf(procedure: string, limit: RateLimit): number {
    const id = `${procedure}|${limit.max}|${limit.windowSeconds}`;
    let n = limitIds.get(id);
    if (n === undefined) limitIds.set(id, (n = limitIds.size));
    return n;
  }

  function hitInMemory(procedure: string, clientKey: string, limit: RateLimit): RateLimitVerdict {
    const at = now();
    if (at - purgedAt > 10_000) {
      purgedAt = at;
      const ended: string[] = [];
      counts.forEach((count, key) => {
        if (count.resetAt <= at) ended.push(key);
      });
      for (const key of ended) counts.delete(key);
    }
    const key = `${limitIdOf(procedure, limit)}|${clientKey}`;
    let count = counts.get(key);
    if (!count || count.resetAt <= at) {
      count = { points: 0, resetAt: at + limit.windowSeconds * 1000 };
      counts.set(key, count);
    }
    count.points += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((count.resetAt - at) / 1000));
    return count.points <= limit.max
      ? { allowed: true, remaining: limit.max - count.points, retryAfterSeconds }
      : { allowed: false, remaining: 0, retryAfterSeconds };
  }

  return {
    hit(procedure, clientKey, limit) {
      const key = clientKey.slice(0, 100);
      if ((limit.scope ?? 'instance') === 'shared') {
        return verdictOf(sharedFor(procedure, limit).consume(key));
      }
      return Promise.resolve(hitInMemory(procedure, key, limit));
    },
    get memory() {
      return { keys: counts.size, bytes: counts.calculatedSize };
    },
  };
}

import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

import { CompiledQuery, type Database, type Kysely } from '@skycast/db';

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
  /** What the client is told. */
  readonly userMessage: string;
  constructor(what: string, retryAfterSeconds: number, userMessage?: string) {
    super(`Rate limit of ${what} exceeded; retry in ${retryAfterSeconds}s`);
    this.name = 'RateLimitExceeded';
    this.retryAfterSeconds = retryAfterSeconds;
    this.userMessage =
      userMessage ?? `Too many requests. Please try again in ${retryAfterSeconds} seconds.`;
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

/**
 * The limiter behind `meta.rateLimit`: one rate-limiter-flexible limiter per
 * procedure and limit, in memory or in PostgreSQL by the limit's `scope`.
 *
 * @example
 * const limiter = createRateLimiter({ db });
 * const { allowed } = await limiter.hit('weather.forecast', '203.0.113.7', { max: 240, windowSeconds: 60 });
 */
export function createRateLimiter(deps: { db: Kysely<Database> }): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();

  function limiterFor(procedure: string, limit: RateLimit): RateLimiterAbstract {
    const scope = limit.scope ?? 'instance';
    const id = `${procedure}|${limit.max}|${limit.windowSeconds}|${scope}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter =
        scope === 'shared'
          ? sharedLimiter(deps.db, {
              name: `p:${procedure.slice(0, 100)}`,
              points: limit.max,
              windowSeconds: limit.windowSeconds,
            })
          : new RateLimiterMemory({ points: limit.max, duration: limit.windowSeconds });
      limiters.set(id, limiter);
    }
    return limiter;
  }

  return {
    hit(procedure, clientKey, limit) {
      return verdictOf(limiterFor(procedure, limit).consume(clientKey.slice(0, 100)));
    },
  };
}

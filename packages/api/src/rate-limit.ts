import { sql, type Database, type Kysely } from '@skycast/db';

/** At most `max` calls per client in each window of `windowSeconds`. */
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  /** Calls left in this window (0 when refused). */
  remaining: number;
  /** Seconds until the window ends and calls are allowed again. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one call by `clientKey` to `procedure` and says whether it is within `limit`. */
  hit(procedure: string, clientKey: string, limit: RateLimit): Promise<RateLimitVerdict>;
}

/** Thrown (as a TRPCError's cause) when a client went over a procedure's limit. */
export class RateLimitExceeded extends Error {
  readonly retryAfterSeconds: number;
  constructor(procedure: string, retryAfterSeconds: number) {
    super(`Rate limit of ${procedure} exceeded; retry in ${retryAfterSeconds}s`);
    this.name = 'RateLimitExceeded';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const PRUNE_EVERY = 500;

/**
 * Fixed-window counters in PostgreSQL: one upsert per call, so every instance
 * on the database shares the count. Expired windows are deleted every few
 * hundred calls.
 *
 * @example
 * const limiter = createRateLimiter({ db });
 * const { allowed } = await limiter.hit('weather.forecast', '203.0.113.7', { max: 60, windowSeconds: 60 });
 */
export function createRateLimiter(deps: { db: Kysely<Database>; now?: () => Date }): RateLimiter {
  const now = deps.now ?? (() => new Date());
  let calls = 0;
  return {
    async hit(procedure, clientKey, limit) {
      const at = now().getTime();
      const windowMs = limit.windowSeconds * 1000;
      const windowStart = Math.floor(at / windowMs) * windowMs;
      const expiresAt = windowStart + windowMs;
      const { hits } = await deps.db
        .insertInto('rateLimitCounters')
        .values({
          procedure: procedure.slice(0, 200),
          clientKey: clientKey.slice(0, 100),
          windowStart: new Date(windowStart),
          expiresAt: new Date(expiresAt),
          hits: 1,
        })
        .onConflict((oc) =>
          oc
            .columns(['procedure', 'clientKey', 'windowStart'])
            .doUpdateSet({ hits: sql<number>`rate_limit_counters.hits + 1` }),
        )
        .returning('hits')
        .executeTakeFirstOrThrow();
      if (++calls % PRUNE_EVERY === 0) {
        await deps.db
          .deleteFrom('rateLimitCounters')
          .where('expiresAt', '<', new Date(at))
          .execute();
      }
      return {
        allowed: hits <= limit.max,
        remaining: Math.max(0, limit.max - hits),
        retryAfterSeconds: Math.max(1, Math.ceil((expiresAt - at) / 1000)),
      };
    },
  };
}

import { sql, type Database, type Kysely } from '@skycast/db';

export interface NewPlacesBucket {
  /** Places a client that was quiet may make us fetch at once. */
  capacity: number;
  /** Places a minute the bucket fills again by. */
  perMinute: number;
}

export interface NewPlaceCharge {
  allowed: boolean;
  /**
   * The client's bucket was full: its first new place after a quiet spell
   * (a newcomer's first place), which may use the provider budget's reserve.
   */
  first: boolean;
  /** Seconds until the next place would be allowed (when refused). */
  retryAfterSeconds: number;
}

export interface NewPlacesBudget {
  /** Takes one place from `client`'s bucket. */
  take(client: string): Promise<NewPlaceCharge>;
}

/** Rows of this budget in `rate_limits`, apart from rate-limiter-flexible's own. */
const KEY_PREFIX = 'new-places-bucket:';

/**
 * A token bucket per client, counted in PostgreSQL so every instance shares
 * it: `capacity` places at once, then `perMinute` a minute. Kept as one
 * number per client (GCRA: the time the bucket would be full again, in
 * `rate_limits.expire`), taken or refused in one atomic upsert, so
 * concurrent calls on any instance never take more than the bucket holds.
 * A row whose time has passed is a full bucket, so the rate-limit pruner may
 * drop it.
 *
 * @example
 * const budget = createNewPlacesBudget(db, { capacity: 60, perMinute: 27 });
 * const { allowed, first } = await budget.take('203.0.113.7');
 */
export function createNewPlacesBudget(
  db: Kysely<Database>,
  bucket: NewPlacesBucket,
): NewPlacesBudget {
  const emissionMs = Math.max(1, Math.ceil(60_000 / bucket.perMinute));
  // How far ahead of now the "full again" time may run: capacity − 1 places.
  const toleranceMs = emissionMs * (Math.max(1, bucket.capacity) - 1);

  return {
    async take(client) {
      const key = `${KEY_PREFIX}${client.slice(0, 100)}`;
      const at = Date.now();
      const taken = await sql<{ expire: string }>`
        insert into rate_limits (key, points, expire)
        values (${key}, 0, ${at + emissionMs})
        on conflict (key) do update
          set expire = greatest(rate_limits.expire, ${at}) + ${emissionMs}
          where greatest(rate_limits.expire, ${at}) - ${at} <= ${toleranceMs}
        returning expire`.execute(db);
      const row = taken.rows[0];
      if (row) {
        return {
          allowed: true,
          first: Number(row.expire) === at + emissionMs,
          retryAfterSeconds: 0,
        };
      }
      const current = await sql<{ expire: string }>`
        select expire from rate_limits where key = ${key}`.execute(db);
      const fullAgainAt = Number(current.rows[0]?.expire ?? at);
      const waitMs = fullAgainAt - toleranceMs - Date.now();
      return {
        allowed: false,
        first: false,
        retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      };
    },
  };
}

/** Of every quota window, this share (at least one call) is kept for clients' first places. */
export const FIRST_PLACE_RESERVE = 0.1;

/**
 * How many clients it takes, at most, to spend the rest of the shortest
 * quota window: each client's bucket refills at no more than this share of it.
 */
export const FAIR_SHARE_CLIENTS = 20;

/** Calls of a window kept for first places. */
export const reserveOf = (capacity: number): number =>
  capacity <= 1 ? 0 : Math.max(1, Math.ceil(capacity * FIRST_PLACE_RESERVE));

/**
 * A client's bucket, sized against the provider's shared budget: it holds
 * `perClientPerMinute` places (a whole list of places loads at once), and
 * fills again by no more than a {@link FAIR_SHARE_CLIENTS}th of what the
 * shortest quota window leaves besides its reserve, per minute.
 *
 * @example
 * bucketFor(60, [{ windowSeconds: 60, capacity: 600 }]); // { capacity: 60, perMinute: 27 }
 */
export function bucketFor(
  perClientPerMinute: number,
  quota: readonly { windowSeconds: number; capacity: number }[],
): NewPlacesBucket {
  const shortest = [...quota].sort((a, b) => a.windowSeconds - b.windowSeconds)[0];
  if (!shortest) return { capacity: perClientPerMinute, perMinute: perClientPerMinute };
  const ordinaryPerMinute =
    ((shortest.capacity - reserveOf(shortest.capacity)) * 60) / shortest.windowSeconds;
  return {
    capacity: perClientPerMinute,
    perMinute: Math.max(
      1 / 60,
      Math.min(perClientPerMinute, ordinaryPerMinute / FAIR_SHARE_CLIENTS),
    ),
  };
}

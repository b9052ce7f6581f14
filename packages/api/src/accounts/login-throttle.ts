import { sql, type Kysely } from 'kysely';

import type { Database } from '@skycast/db';

export interface ThrottleRule {
  /** Failures within `windowMs` that lock the key. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface ThrottleRules {
  /** Per account: stops guessing one person's password. */
  account: ThrottleRule;
  /** Per client address: stops trying one password on many accounts. */
  ip: ThrottleRule;
}

export const DEFAULT_THROTTLE_RULES: ThrottleRules = {
  account: { maxFailures: 10, windowMs: 10 * 60_000, lockMs: 10 * 60_000 },
  ip: { maxFailures: 50, windowMs: 10 * 60_000, lockMs: 10 * 60_000 },
};

export interface ThrottleKeys {
  account: string;
  ip: string;
}

/**
 * Failed sign-ins counted in PostgreSQL, so every instance sees the same
 * counts and a restart does not reset them.
 */
export function createLoginThrottle(db: Kysely<Database>, rules: ThrottleRules) {
  const keysOf = (keys: ThrottleKeys) => [`account:${keys.account}`, `ip:${keys.ip}`];

  return {
    /** When the later of the two locks ends, or null when neither key is locked. */
    async lockedUntil(keys: ThrottleKeys, now: Date): Promise<Date | null> {
      const row = await db
        .selectFrom('loginThrottles')
        .select((eb) => eb.fn.max('lockedUntil').as('until'))
        .where('key', 'in', keysOf(keys))
        .where('lockedUntil', '>', now)
        .executeTakeFirst();
      return row?.until ? new Date(row.until) : null;
    },

    /** Counts one failure against both keys, locking any that reach its limit. */
    async recordFailure(keys: ThrottleKeys, now: Date): Promise<void> {
      await Promise.all([
        bump(db, `account:${keys.account}`, rules.account, now),
        bump(db, `ip:${keys.ip}`, rules.ip, now),
      ]);
    },

    /** A successful sign-in clears the account's count (never the address's). */
    async clearAccount(account: string): Promise<void> {
      await db.deleteFrom('loginThrottles').where('key', '=', `account:${account}`).execute();
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

async function bump(db: Kysely<Database>, key: string, rule: ThrottleRule, now: Date) {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const lockEnd = new Date(now.getTime() + rule.lockMs);
  // One statement, so concurrent failures on several instances all count.
  // A count starts over once its window has passed or its lock has ended.
  await sql`
    insert into login_throttles as t (key, failures, window_started_at, locked_until)
    values (${key}, 1, ${now}, ${rule.maxFailures <= 1 ? lockEnd : null})
    on conflict (key) do update set
      failures = case when t.window_started_at <= ${windowStart} or t.locked_until <= ${now}
                      then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at <= ${windowStart} or t.locked_until <= ${now}
                               then ${now} else t.window_started_at end,
      locked_until = case
        when t.window_started_at <= ${windowStart} or t.locked_until <= ${now}
          then ${rule.maxFailures <= 1 ? lockEnd : null}::timestamptz
        when t.failures + 1 >= ${rule.maxFailures} then ${lockEnd}::timestamptz
        else t.locked_until end
  `.execute(db);
}

import { createHash } from 'node:crypto';

import { RateLimiterRes } from 'rate-limiter-flexible';

import type { Database, Kysely } from '@skycast/db';

import { sharedLimiter } from '../rate-limit.ts';

export interface ThrottleRule {
  /** Tries within `windowMs` before the key is locked (a successful try is not counted). */
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

/** Thrown by `admit` when either key is over its limit. */
export class ThrottleLocked extends Error {
  override readonly name = 'ThrottleLocked';
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super(`locked for ${retryAfterMs} ms`);
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Password tries counted in PostgreSQL (rate-limiter-flexible), so every
 * instance shares the count. A try is counted *before* the password is
 * checked, in one atomic upsert per key: 300 tries sent at once are bounded
 * exactly like 300 sent one after another. A success takes its try back.
 *
 * @example
 * await throttle.admit(keys);             // throws ThrottleLocked when over
 * if (passwordOk) await throttle.succeeded(keys);
 */
export function createLoginThrottle(db: Kysely<Database>, rules: ThrottleRules) {
  const limiterOf = (name: string, rule: ThrottleRule) =>
    sharedLimiter(db, {
      name,
      points: rule.maxFailures,
      windowSeconds: rule.windowMs / 1000,
      blockSeconds: rule.lockMs / 1000,
    });
  const account = limiterOf('sign-in:account', rules.account);
  const ip = limiterOf('sign-in:ip', rules.ip);
  // The table keeps no email: a digest names the account.
  const accountKey = (email: string) => createHash('sha256').update(email).digest('base64url');

  return {
    /** Counts one try against the account and the address; throws ThrottleLocked when either is over. */
    async admit(keys: ThrottleKeys): Promise<void> {
      const outcomes = await Promise.allSettled([
        account.consume(accountKey(keys.account)),
        ip.consume(keys.ip),
      ]);
      let waitMs = 0;
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
        waitMs = Math.max(waitMs, outcome.reason.msBeforeNext);
      }
      if (waitMs > 0) throw new ThrottleLocked(waitMs);
    },

    /** The password was right: the account's count starts over and the address gets its try back. */
    async succeeded(keys: ThrottleKeys): Promise<void> {
      await Promise.all([account.delete(accountKey(keys.account)), ip.reward(keys.ip, 1)]);
    },
  };
}

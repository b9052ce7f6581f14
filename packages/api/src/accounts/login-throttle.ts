import { createHash } from 'node:crypto';

import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

import type { Database, Kysely } from '@skycast/db';

import { sharedLimiter } from '../rate-limit.ts';

export interface ThrottleRule {
  /** Tries within `windowMs` before the key is locked (a successful try is not counted). */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** At most `max` successful sign-ins within `windowMs`; each one makes a session. */
export interface SignInRule {
  max: number;
  windowMs: number;
}

export interface ThrottleRules {
  /** Per account: stops guessing one person's password. */
  account: ThrottleRule;
  /** Per client address: stops trying one password on many accounts. */
  ip: ThrottleRule;
  /** Successful sign-ins per account (default 20 an hour). */
  accountSignIns?: SignInRule;
  /** Successful sign-ins per client address (default 100 in 10 minutes: an office behind one address). */
  ipSignIns?: SignInRule;
  /**
   * Wrong passwords re-entered by a signed-in owner (changing the password,
   * deleting the account), per account. Apart from sign-in's count, so
   * strangers failing to sign in never lock the owner out of these.
   */
  passwordCheck?: ThrottleRule;
}

export const DEFAULT_THROTTLE_RULES: Required<ThrottleRules> = {
  account: { maxFailures: 10, windowMs: 10 * 60_000, lockMs: 10 * 60_000 },
  ip: { maxFailures: 50, windowMs: 10 * 60_000, lockMs: 10 * 60_000 },
  accountSignIns: { max: 20, windowMs: 60 * 60_000 },
  ipSignIns: { max: 100, windowMs: 10 * 60_000 },
  passwordCheck: { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

export interface ThrottleKeys {
  account: string;
  ip: string;
}

/** Thrown when a key is over its limit: too many wrong passwords, or too many sign-ins. */
export class ThrottleLocked extends Error {
  override readonly name = 'ThrottleLocked';
  readonly retryAfterMs: number;
  readonly over: 'failures' | 'sign-ins';
  constructor(retryAfterMs: number, over: 'failures' | 'sign-ins' = 'failures') {
    super(`locked for ${retryAfterMs} ms (${over})`);
    this.retryAfterMs = retryAfterMs;
    this.over = over;
  }
}

/** Consumes one point from each limiter at once; the longest wait among the refusals, or 0. */
async function consumeAll(
  tries: readonly (readonly [RateLimiterAbstract, string])[],
): Promise<{ waitMs: number[]; admitted: boolean[] }> {
  const outcomes = await Promise.allSettled(tries.map(([limiter, key]) => limiter.consume(key)));
  const waitMs = outcomes.map((outcome) => {
    if (outcome.status === 'fulfilled') return 0;
    if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
    return Math.max(1, outcome.reason.msBeforeNext);
  });
  return { waitMs, admitted: waitMs.map((ms) => ms === 0) };
}

/**
 * Password tries and sign-ins counted in PostgreSQL (rate-limiter-flexible),
 * so every instance shares the count. A try is counted *before* the password
 * is checked, in one atomic upsert per key: 300 tries sent at once are
 * bounded exactly like 300 sent one after another.
 *
 * A sign-in counts against two budgets at once: failures (per account and
 * address) and successes (per account and address). A wrong password gives
 * back its success point; a right one gives back its failure points and keeps
 * the success point, so successful sign-ins are limited too (each makes a
 * session row) instead of being free.
 *
 * @example
 * await throttle.admit(keys);             // throws ThrottleLocked when over
 * if (passwordOk) await throttle.succeeded(keys); else await throttle.failed(keys);
 */
export function createLoginThrottle(db: Kysely<Database>, given: ThrottleRules) {
  const rules = { ...DEFAULT_THROTTLE_RULES, ...given };
  const failuresOf = (name: string, rule: ThrottleRule) =>
    sharedLimiter(db, {
      name,
      points: rule.maxFailures,
      windowSeconds: rule.windowMs / 1000,
      blockSeconds: rule.lockMs / 1000,
    });
  const signInsOf = (name: string, rule: SignInRule) =>
    sharedLimiter(db, { name, points: rule.max, windowSeconds: rule.windowMs / 1000 });
  const account = failuresOf('sign-in:account', rules.account);
  const ip = failuresOf('sign-in:ip', rules.ip);
  const accountSignIns = signInsOf('sign-in-ok:account', rules.accountSignIns);
  const ipSignIns = signInsOf('sign-in-ok:ip', rules.ipSignIns);
  const passwordCheck = failuresOf('password-check', rules.passwordCheck);
  // The table keeps no email: a digest names the account.
  const accountKey = (email: string) => createHash('sha256').update(email).digest('base64url');

  return {
    /** Counts one try against the account and the address; throws ThrottleLocked when either is over. */
    async admit(keys: ThrottleKeys): Promise<void> {
      const a = accountKey(keys.account);
      const { waitMs, admitted } = await consumeAll([
        [account, a],
        [ip, keys.ip],
        [accountSignIns, a],
        [ipSignIns, keys.ip],
      ]);
      const failuresWait = Math.max(waitMs[0]!, waitMs[1]!);
      const signInsWait = Math.max(waitMs[2]!, waitMs[3]!);
      if (failuresWait === 0 && signInsWait === 0) return;
      // Refused unchecked: the sign-in budget gets back what it lent.
      await Promise.all([
        admitted[2] ? accountSignIns.reward(a, 1) : undefined,
        admitted[3] ? ipSignIns.reward(keys.ip, 1) : undefined,
      ]);
      if (failuresWait > 0) throw new ThrottleLocked(failuresWait, 'failures');
      throw new ThrottleLocked(signInsWait, 'sign-ins');
    },

    /** The password was wrong: the try stays counted as a failure, and was no sign-in. */
    async failed(keys: ThrottleKeys): Promise<void> {
      await Promise.all([
        accountSignIns.reward(accountKey(keys.account), 1),
        ipSignIns.reward(keys.ip, 1),
      ]);
    },

    /**
     * The password was right: the account's failures start over and the
     * address gets its failure point back; the sign-in stays counted.
     */
    async succeeded(keys: ThrottleKeys): Promise<void> {
      await Promise.all([account.delete(accountKey(keys.account)), ip.reward(keys.ip, 1)]);
    },

    /** Forgets the account's counts (after a reset by email, or when it is deleted). */
    async forgetAccount(email: string, userId: string): Promise<void> {
      const a = accountKey(email);
      await Promise.all([
        account.delete(a),
        accountSignIns.delete(a),
        passwordCheck.delete(userId),
      ]);
    },

    /** Counts a signed-in owner's password re-entry; throws ThrottleLocked when over. */
    async admitPasswordCheck(userId: string): Promise<void> {
      const { waitMs } = await consumeAll([[passwordCheck, userId]]);
      if (waitMs[0]! > 0) throw new ThrottleLocked(waitMs[0]!, 'failures');
    },

    /** The re-entered password was right: the owner's count starts over. */
    async passwordCheckSucceeded(userId: string): Promise<void> {
      await passwordCheck.delete(userId);
    },
  };
}

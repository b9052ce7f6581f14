import type { Kysely } from 'kysely';

import { writeUnlessReadOnly, type Database } from '@skycast/db';

import {
  createLoginThrottle,
  DEFAULT_THROTTLE_RULES,
  ThrottleLocked,
  type ThrottleKeys,
  type ThrottleRules,
} from './login-throttle.ts';
import {
  hashPassword,
  prepareDummyHash,
  weakPasswordKind,
  verifyDummyPassword,
  verifyPassword,
} from './passwords.ts';
import {
  hashSessionToken,
  looksLikeSessionToken,
  newSessionToken,
  sameHash,
} from './session-token.ts';

const DAY_MS = 24 * 60 * 60_000;
/** A session lives 30 days from its last renewal… */
export const SESSION_IDLE_MS = 30 * DAY_MS;
/** …is renewed when used in the last 15 of them… */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;
/** …and never outlives 90 days from sign-in, however often it is used. */
export const SESSION_MAX_AGE_MS = 90 * DAY_MS;

export interface SessionUser {
  id: string;
  email: string;
}

export interface IssuedSession {
  /** Goes into the cookie; the database keeps only its SHA-256. */
  token: string;
  expiresAt: Date;
}

export type AccountErrorKind =
  | 'invalid-credentials'
  | 'email-taken'
  | 'common-password'
  | 'password-contains-email'
  | 'wrong-password'
  | 'locked';

/** A refusal the client should hear about; the router turns it into a tRPC error. */
export class AccountError extends Error {
  override readonly name = 'AccountError';
  readonly kind: AccountErrorKind;
  /** For `locked`: how long until the lock ends. */
  readonly retryAfterMs: number | undefined;
  constructor(kind: AccountErrorKind, retryAfterMs?: number) {
    super(kind);
    this.kind = kind;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface AccountsOptions {
  db: Kysely<Database>;
  now?: () => Date;
  throttle?: ThrottleRules;
}

/** Trims and lower-cases, so `Ada@Example.com ` and `ada@example.com` are one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Sign-up, sign-in and sessions: the only code that reads `users` and
 * `sessions`. Procedures reach it as `ctx.accounts`.
 *
 * @example
 * const { user, session } = await accounts.signIn('ada@example.com', 'correct horse', { ip });
 */
export function createAccountsService(options: AccountsOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const throttle = createLoginThrottle(db, options.throttle ?? DEFAULT_THROTTLE_RULES);
  void prepareDummyHash();

  /** Counts the try first, so concurrent guesses are bounded like serial ones. */
  async function admitTry(keys: ThrottleKeys): Promise<void> {
    try {
      await throttle.admit(keys);
    } catch (error) {
      if (error instanceof ThrottleLocked) throw new AccountError('locked', error.retryAfterMs);
      throw error;
    }
  }

  async function issueSession(userId: string): Promise<IssuedSession> {
    const token = newSessionToken();
    const createdAt = now();
    const expiresAt = new Date(createdAt.getTime() + SESSION_IDLE_MS);
    await db
      .insertInto('sessions')
      .values({ tokenHash: hashSessionToken(token), userId, createdAt, expiresAt })
      .execute();
    // Housekeeping: this user's dead sessions go when a new one starts.
    await db
      .deleteFrom('sessions')
      .where('userId', '=', userId)
      .where('expiresAt', '<=', createdAt)
      .execute();
    return { token, expiresAt };
  }

  return {
    async signUp(email: string, password: string) {
      const address = normaliseEmail(email);
      const weakness = weakPasswordKind(password, address);
      if (weakness) throw new AccountError(weakness);
      const passwordHash = await hashPassword(password);
      const user = await db
        .insertInto('users')
        .values({ email: address, passwordHash })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning(['id', 'email'])
        .executeTakeFirst();
      if (!user) throw new AccountError('email-taken');
      return { user, session: await issueSession(user.id) };
    },

    /**
     * Unknown email and wrong password fail alike, after an argon2 check
     * either way, so neither the answer nor its timing tells them apart.
     */
    async signIn(email: string, password: string, client: { ip: string }) {
      const address = normaliseEmail(email);
      const keys = { account: address, ip: client.ip };
      await admitTry(keys);
      const user = await db
        .selectFrom('users')
        .select(['id', 'email', 'passwordHash'])
        .where('email', '=', address)
        .executeTakeFirst();
      const valid = user
        ? await verifyPassword(user.passwordHash, password)
        : (await verifyDummyPassword(password), false);
      if (!user || !valid) throw new AccountError('invalid-credentials');
      await throttle.succeeded(keys);
      return { user: { id: user.id, email: user.email }, session: await issueSession(user.id) };
    },

    /**
     * The user behind a session token, or null when it is unknown or expired.
     * A session used in the last 15 days of its life is extended (`renewed`),
     * within its absolute maximum age.
     */
    async authenticate(token: string | undefined) {
      if (!token || !looksLikeSessionToken(token)) return null;
      const tokenHash = hashSessionToken(token);
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.userId')
        .select([
          'sessions.tokenHash',
          'sessions.createdAt',
          'sessions.expiresAt',
          'users.id',
          'users.email',
        ])
        .where('sessions.tokenHash', '=', tokenHash)
        .executeTakeFirst();
      if (!row || !sameHash(row.tokenHash, tokenHash)) return null;
      const at = now();
      if (row.expiresAt.getTime() <= at.getTime()) {
        // Read-only (a failover): the row goes with the next prune instead.
        await writeUnlessReadOnly(
          db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute(),
        );
        return null;
      }
      const user: SessionUser = { id: row.id, email: row.email };
      let expiresAt = row.expiresAt;
      const renewed = new Date(
        Math.min(at.getTime() + SESSION_IDLE_MS, row.createdAt.getTime() + SESSION_MAX_AGE_MS),
      );
      if (
        row.expiresAt.getTime() - at.getTime() < SESSION_RENEW_WITHIN_MS &&
        renewed.getTime() > row.expiresAt.getTime()
      ) {
        // A read-only database (a failover) keeps the old expiry: reads must go on.
        const stored = await writeUnlessReadOnly(
          db
            .updateTable('sessions')
            .set({ expiresAt: renewed })
            .where('tokenHash', '=', tokenHash)
            .execute(),
        );
        if (stored) expiresAt = renewed;
      }
      return { user, expiresAt, renewed: expiresAt !== row.expiresAt };
    },

    /** Ends the session the token belongs to; unknown tokens are ignored. */
    async signOut(token: string | undefined): Promise<void> {
      if (!token || !looksLikeSessionToken(token)) return;
      await db.deleteFrom('sessions').where('tokenHash', '=', hashSessionToken(token)).execute();
    },

    /** Ends every session of the user, on every device. */
    async signOutEverywhere(userId: string): Promise<number> {
      const result = await db.deleteFrom('sessions').where('userId', '=', userId).execute();
      return result.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);
    },

    /** Deletes expired sessions, so the table keeps no hash longer than needed. */
    async prune(): Promise<{ sessions: number }> {
      const sessions = await db
        .deleteFrom('sessions')
        .where('expiresAt', '<=', now())
        .executeTakeFirst();
      return { sessions: Number(sessions.numDeletedRows) };
    },

    /**
     * Replaces the password after checking the current one, and ends every
     * other session (a thief's included); the caller's own session stays.
     */
    async changePassword(
      user: SessionUser,
      keepToken: string | undefined,
      currentPassword: string,
      newPassword: string,
      client: { ip: string },
    ): Promise<void> {
      const keys = { account: user.email, ip: client.ip };
      await admitTry(keys);
      const row = await db
        .selectFrom('users')
        .select('passwordHash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.passwordHash, currentPassword))) {
        throw new AccountError('wrong-password');
      }
      await throttle.succeeded(keys);
      const weakness = weakPasswordKind(newPassword, user.email);
      if (weakness) throw new AccountError(weakness);
      const passwordHash = await hashPassword(newPassword);
      const keep = keepToken ? hashSessionToken(keepToken) : Buffer.alloc(0);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ passwordHash, passwordChangedAt: now() })
          .where('id', '=', user.id)
          .execute();
        await trx
          .deleteFrom('sessions')
          .where('userId', '=', user.id)
          .where('tokenHash', '!=', keep)
          .execute();
      });
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;

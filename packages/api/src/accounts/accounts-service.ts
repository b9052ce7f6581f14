import { createHash } from 'node:crypto';

import { sql, type Kysely, type Transaction } from 'kysely';

import { writeUnlessReadOnly, type Database } from '@skycast/db';
import { RESET_PASSWORD_PATH, type ErrorReason } from '@skycast/validators';

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
  weakPasswordReason,
  verifyDummyPassword,
  verifyPassword,
} from './passwords.ts';
import { silentLogger, type Logger } from '../logger.ts';
import { sharedLimiter } from '../rate-limit.ts';
import type { SessionMemory } from './session-memory.ts';
import { createResetMailer, type ResetDelivery, type ResetMailer } from './reset-mail.ts';
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
/**
 * …and never outlives 90 days from sign-in, however often it is used: checked
 * from `created_at` on every use, whatever `expires_at` says (a row restored
 * from a backup, or written before a clock jump).
 */
export const SESSION_MAX_AGE_MS = 90 * DAY_MS;
/** Live sessions an account may have; signing in once more ends the oldest. */
export const MAX_SESSIONS_PER_ACCOUNT = 20;
/** An emailed password-reset link works once, within this long. */
export const RESET_LINK_LIFETIME_MS = 30 * 60_000;
/** Reset emails one account may be sent per hour, whoever asks: nobody can flood a mailbox. */
export const RESET_EMAILS_PER_HOUR = 3;

export interface SessionUser {
  id: string;
  email: string;
}

export interface IssuedSession {
  /** Goes into the cookie; the database keeps only its SHA-256. */
  token: string;
  expiresAt: Date;
}

/** The refusals the accounts service makes: reasons of the one vocabulary (`ERROR_REASONS`). */
export type AccountRefusal = Extract<
  ErrorReason,
  | 'WRONG_CREDENTIALS'
  | 'EMAIL_TAKEN'
  | 'COMMON_PASSWORD'
  | 'PASSWORD_CONTAINS_EMAIL'
  | 'WRONG_CURRENT_PASSWORD'
  | 'SIGN_IN_LOCKED'
  | 'TOO_MANY_SIGN_INS'
  | 'PASSWORD_CHECK_LOCKED'
  | 'RESET_LINK_INVALID'
>;

/** A refusal the client should hear about; the router turns it into a tRPC error with its reason. */
export class AccountError extends Error {
  override readonly name = 'AccountError';
  readonly reason: AccountRefusal;
  /** For the locks: how long until the lock ends. */
  readonly retryAfterMs: number | undefined;
  constructor(reason: AccountRefusal, retryAfterMs?: number) {
    super(reason);
    this.reason = reason;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface AccountsOptions {
  db: Kysely<Database>;
  now?: () => Date;
  throttle?: ThrottleRules;
  /** Live sessions per account (default {@link MAX_SESSIONS_PER_ACCOUNT}). */
  maxSessions?: number;
  /** Sends reset links; without it they go to the log (see `createResetMailer`). */
  resetMailer?: ResetMailer;
  /** Where users reach the app, for the reset link (default http://localhost:3000). */
  publicOrigin?: string;
  /** For the log-only reset mailer when none is given. */
  logger?: Logger;
  /**
   * Where valid sessions are kept between requests, told of every revocation
   * on every instance (see `session-memory.ts`); without it every check asks
   * the database.
   */
  sessionMemory?: SessionMemory;
}

/** Everything Skycast keeps about a person, as `auth.exportData` hands it over. */
export interface AccountExport {
  exportedAt: Date;
  account: { id: string; email: string; createdAt: Date; passwordChangedAt: Date };
  sessions: { createdAt: Date; expiresAt: Date }[];
  places: {
    name: string;
    latitude: number;
    longitude: number;
    country: string | null;
    timezone: string | null;
    position: number;
    createdAt: Date;
  }[];
  preferences: Record<string, unknown> | null;
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
  const { db, sessionMemory: memory } = options;
  const now = options.now ?? (() => new Date());
  const throttle = createLoginThrottle(db, options.throttle ?? DEFAULT_THROTTLE_RULES);
  const maxSessions = options.maxSessions ?? MAX_SESSIONS_PER_ACCOUNT;
  const resetMailer =
    options.resetMailer ??
    createResetMailer({
      from: 'Skycast <skycast@localhost>',
      logger: options.logger ?? silentLogger,
    });
  const publicOrigin = options.publicOrigin ?? 'http://localhost:3000';
  const resetEmails = sharedLimiter(db, {
    name: 'reset-mail:account',
    points: RESET_EMAILS_PER_HOUR,
    windowSeconds: 3600,
  });
  const emailDigest = (email: string) => createHash('sha256').update(email).digest('base64url');
  void prepareDummyHash();

  /** Inside the transaction that ends sessions: every instance drops the account's at commit. */
  async function revokeIn(trx: Transaction<Database>, userId: string): Promise<void> {
    await memory?.revoke(trx, userId);
  }

  /** Counts the try first, so concurrent guesses are bounded like serial ones. */
  async function admitTry(keys: ThrottleKeys): Promise<void> {
    try {
      await throttle.admit(keys);
    } catch (error) {
      if (error instanceof ThrottleLocked) {
        throw new AccountError(
          error.over === 'sign-ins' ? 'TOO_MANY_SIGN_INS' : 'SIGN_IN_LOCKED',
          error.retryAfterMs,
        );
      }
      throw error;
    }
  }

  /**
   * Checks a signed-in owner's password against their own count, never the
   * sign-in one. Returns the credential version the password was checked
   * under; throws `wrong-password` or `password-check-locked`.
   */
  async function checkOwnPassword(userId: string, password: string): Promise<number> {
    try {
      await throttle.admitPasswordCheck(userId);
    } catch (error) {
      if (error instanceof ThrottleLocked) {
        throw new AccountError('PASSWORD_CHECK_LOCKED', error.retryAfterMs);
      }
      throw error;
    }
    const row = await db
      .selectFrom('users')
      .select(['passwordHash', 'credentialVersion'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(row.passwordHash, password))) {
      throw new AccountError('WRONG_CURRENT_PASSWORD');
    }
    await throttle.passwordCheckSucceeded(userId);
    return row.credentialVersion;
  }

  /**
   * Starts a session, or returns null when the account's credentials changed
   * since `checkedVersion` (the password was checked against an older hash).
   * The account's row is locked for the transaction, so this and a password
   * change are ordered: either the session is made first and the change ends
   * it, or the change is first and no session is made.
   */
  async function issueSession(
    userId: string,
    checkedVersion: number,
  ): Promise<IssuedSession | null> {
    const token = newSessionToken();
    const createdAt = now();
    const expiresAt = new Date(createdAt.getTime() + SESSION_IDLE_MS);
    const issued = await db.transaction().execute(async (trx) => {
      const account = await trx
        .selectFrom('users')
        .select('credentialVersion')
        .where('id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
      if (account?.credentialVersion !== checkedVersion) return null;
      await trx
        .insertInto('sessions')
        .values({
          tokenHash: hashSessionToken(token),
          userId,
          createdAt,
          expiresAt,
          credentialVersion: checkedVersion,
        })
        .execute();
      const trimmed = await trimSessions(trx, userId, createdAt);
      if (trimmed > 0) await revokeIn(trx, userId);
      return { token, expiresAt, trimmed };
    });
    if (!issued) return null;
    if (issued.trimmed > 0) memory?.forget(userId);
    return { token: issued.token, expiresAt: issued.expiresAt };
  }

  /** Ends the account's dead sessions, and its oldest live ones beyond the cap. */
  async function trimSessions(
    trx: Transaction<Database>,
    userId: string,
    at: Date,
  ): Promise<number> {
    const trimmed = await trx
      .deleteFrom('sessions')
      .where('userId', '=', userId)
      .where((eb) =>
        eb.or([
          eb('expiresAt', '<=', at),
          eb('createdAt', '<=', new Date(at.getTime() - SESSION_MAX_AGE_MS)),
          eb(
            'tokenHash',
            'in',
            eb
              .selectFrom('sessions as newest')
              .select('newest.tokenHash')
              .where('newest.userId', '=', userId)
              .orderBy('newest.createdAt', 'desc')
              .orderBy('newest.tokenHash')
              .offset(maxSessions),
          ),
        ]),
      )
      .executeTakeFirst();
    return Number(trimmed.numDeletedRows);
  }

  /**
   * Stores a new password hash and moves the account's credential version on,
   * if it is still `checkedVersion`; returns the new version, or null when
   * another change came first. Locks the account's row until the transaction
   * ends, which orders it against `issueSession`.
   */
  async function replaceCredentials(
    trx: Transaction<Database>,
    userId: string,
    passwordHash: string,
    checkedVersion: number,
  ): Promise<number | null> {
    const updated = await trx
      .updateTable('users')
      .set({
        passwordHash,
        passwordChangedAt: now(),
        credentialVersion: sql<number>`credential_version + 1`,
      })
      .where('id', '=', userId)
      .where('credentialVersion', '=', checkedVersion)
      .returning('credentialVersion')
      .executeTakeFirst();
    if (!updated) return null;
    await trx.deleteFrom('passwordResets').where('userId', '=', userId).execute();
    return updated.credentialVersion;
  }

  /**
   * A session this instance keeps in memory, checked as the row would be;
   * undefined when it is not kept, has ended, or is due for renewal (the
   * database then decides).
   */
  function keptSession(memoryKey: string) {
    const remembered = memory?.get(memoryKey);
    if (!remembered) return undefined;
    const at = now().getTime();
    const endsAt = Math.min(
      remembered.expiresAt.getTime(),
      remembered.createdAt.getTime() + SESSION_MAX_AGE_MS,
    );
    const dueForRenewal =
      remembered.expiresAt.getTime() - at < SESSION_RENEW_WITHIN_MS &&
      Math.min(at + SESSION_IDLE_MS, remembered.createdAt.getTime() + SESSION_MAX_AGE_MS) >
        remembered.expiresAt.getTime();
    if (endsAt <= at || dueForRenewal) return undefined;
    return {
      user: { id: remembered.userId, email: remembered.email } satisfies SessionUser,
      expiresAt: new Date(endsAt),
      renewed: false,
    };
  }

  return {
    async signUp(email: string, password: string) {
      const address = normaliseEmail(email);
      const weakness = weakPasswordReason(password, address);
      if (weakness) throw new AccountError(weakness);
      const passwordHash = await hashPassword(password);
      const created = await db
        .insertInto('users')
        .values({ email: address, passwordHash })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning(['id', 'email', 'credentialVersion'])
        .executeTakeFirst();
      if (!created) throw new AccountError('EMAIL_TAKEN');
      const session = await issueSession(created.id, created.credentialVersion);
      // Only a reset by email could change a brand-new account's password meanwhile.
      if (!session) throw new AccountError('WRONG_CREDENTIALS');
      return { user: { id: created.id, email: created.email }, session };
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
        .select(['id', 'email', 'passwordHash', 'credentialVersion'])
        .where('email', '=', address)
        .executeTakeFirst();
      const valid = user
        ? await verifyPassword(user.passwordHash, password)
        : (await verifyDummyPassword(password), false);
      if (!user || !valid) {
        await throttle.failed(keys);
        throw new AccountError('WRONG_CREDENTIALS');
      }
      await throttle.succeeded(keys);
      // The password may have changed while it was being checked: then it is wrong now.
      const session = await issueSession(user.id, user.credentialVersion);
      if (!session) throw new AccountError('WRONG_CREDENTIALS');
      return { user: { id: user.id, email: user.email }, session };
    },

    /**
     * The user behind a session token from this instance's memory alone, with
     * no database round trip; undefined whenever `authenticate` would have to
     * ask the database (not kept, revoked, ended, due for renewal).
     */
    keptUser(token: string | undefined): SessionUser | undefined {
      if (!token || !looksLikeSessionToken(token)) return undefined;
      return keptSession(hashSessionToken(token).toString('base64url'))?.user;
    },

    /**
     * The user behind a session token, or null when it is unknown, expired,
     * older than its absolute maximum age, or made before the account's last
     * password change. A session used in the last 15 days of its life is
     * extended (`renewed`), within its absolute maximum age.
     */
    async authenticate(token: string | undefined) {
      if (!token || !looksLikeSessionToken(token)) return null;
      const tokenHash = hashSessionToken(token);
      const memoryKey = tokenHash.toString('base64url');
      const kept = keptSession(memoryKey);
      if (kept) return kept;
      const mark = memory?.mark() ?? 0;
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.userId')
        .select([
          'sessions.tokenHash',
          'sessions.createdAt',
          'sessions.expiresAt',
          'sessions.credentialVersion as sessionVersion',
          'users.credentialVersion as accountVersion',
          'users.id',
          'users.email',
        ])
        .where('sessions.tokenHash', '=', tokenHash)
        .executeTakeFirst();
      if (!row || !sameHash(row.tokenHash, tokenHash)) return null;
      const at = now();
      const endsAt = Math.min(
        row.expiresAt.getTime(),
        row.createdAt.getTime() + SESSION_MAX_AGE_MS,
      );
      if (endsAt <= at.getTime() || row.sessionVersion !== row.accountVersion) {
        // Read-only (a failover): the row goes with the next prune instead.
        await writeUnlessReadOnly(
          db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute(),
        );
        return null;
      }
      const user: SessionUser = { id: row.id, email: row.email };
      let expiresAt = new Date(endsAt);
      let storedExpiry = row.expiresAt;
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
        if (stored) {
          expiresAt = renewed;
          storedExpiry = renewed;
        }
      }
      memory?.remember(
        memoryKey,
        { userId: row.id, email: row.email, createdAt: row.createdAt, expiresAt: storedExpiry },
        mark,
      );
      return { user, expiresAt, renewed: expiresAt.getTime() !== row.expiresAt.getTime() };
    },

    /** Ends the session the token belongs to; unknown tokens are ignored. */
    async signOut(token: string | undefined): Promise<void> {
      if (!token || !looksLikeSessionToken(token)) return;
      const ended = await db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('sessions')
          .where('tokenHash', '=', hashSessionToken(token))
          .returning('userId')
          .executeTakeFirst();
        if (row) await revokeIn(trx, row.userId);
        return row;
      });
      if (ended) memory?.forget(ended.userId);
    },

    /** Ends every session of the user, on every device. */
    async signOutEverywhere(userId: string): Promise<number> {
      const result = await db.transaction().execute(async (trx) => {
        const deleted = await trx
          .deleteFrom('sessions')
          .where('userId', '=', userId)
          .executeTakeFirst();
        await revokeIn(trx, userId);
        return deleted;
      });
      memory?.forget(userId);
      return Number(result.numDeletedRows);
    },

    /**
     * Deletes expired sessions (by either end of their life) and those a
     * password change voided, so the table keeps no hash longer than needed.
     */
    async prune(): Promise<{ sessions: number }> {
      const at = now();
      const sessions = await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([
            eb('expiresAt', '<=', at),
            eb('createdAt', '<=', new Date(at.getTime() - SESSION_MAX_AGE_MS)),
            eb(
              'credentialVersion',
              '<',
              eb
                .selectFrom('users')
                .select('users.credentialVersion')
                .whereRef('users.id', '=', 'sessions.userId'),
            ),
          ]),
        )
        .executeTakeFirst();
      return { sessions: Number(sessions.numDeletedRows) };
    },

    /** How reset links travel on this server, for the page to say where to look. */
    resetDelivery(): ResetDelivery {
      return resetMailer.delivery;
    },

    /**
     * Emails a single-use reset link to the account, if there is one. The
     * caller learns nothing either way: the answer is the same, the mail is
     * sent after it, and an account gets at most {@link RESET_EMAILS_PER_HOUR}
     * links an hour, however many are asked for.
     */
    async requestPasswordReset(email: string): Promise<void> {
      const address = normaliseEmail(email);
      const within = await resetEmails.consume(emailDigest(address)).then(
        () => true,
        (refusal: unknown) => {
          if (refusal instanceof Error) throw refusal;
          return false;
        },
      );
      const user = await db
        .selectFrom('users')
        .select(['id', 'email', 'credentialVersion'])
        .where('email', '=', address)
        .executeTakeFirst();
      if (!user || !within) return;
      const token = newSessionToken();
      const createdAt = now();
      await db
        .insertInto('passwordResets')
        .values({
          tokenHash: hashSessionToken(token),
          userId: user.id,
          credentialVersion: user.credentialVersion,
          createdAt,
          expiresAt: new Date(createdAt.getTime() + RESET_LINK_LIFETIME_MS),
        })
        .execute();
      // The token rides in the fragment, which no server log or Referer sees.
      const link = `${publicOrigin}${RESET_PASSWORD_PATH}#token=${token}`;
      void resetMailer.send(user.email, link);
    },

    /**
     * Sets a new password with an emailed token: the token is used up, every
     * session of the account ends, and so does any sign-in lock on it. A
     * token that is unknown, used, expired, or older than the last password
     * change fails alike (`reset-link-invalid`); a weak password fails
     * without using the token up.
     */
    async resetPassword(token: string, newPassword: string): Promise<void> {
      if (!looksLikeSessionToken(token)) throw new AccountError('RESET_LINK_INVALID');
      const tokenHash = hashSessionToken(token);
      const row = await db
        .selectFrom('passwordResets')
        .innerJoin('users', 'users.id', 'passwordResets.userId')
        .select([
          'passwordResets.tokenHash',
          'passwordResets.expiresAt',
          'passwordResets.credentialVersion as linkVersion',
          'users.credentialVersion as accountVersion',
          'users.id',
          'users.email',
        ])
        .where('passwordResets.tokenHash', '=', tokenHash)
        .executeTakeFirst();
      if (
        !row ||
        !sameHash(row.tokenHash, tokenHash) ||
        row.expiresAt.getTime() <= now().getTime() ||
        row.linkVersion !== row.accountVersion
      ) {
        throw new AccountError('RESET_LINK_INVALID');
      }
      const weakness = weakPasswordReason(newPassword, row.email);
      if (weakness) throw new AccountError(weakness);
      const passwordHash = await hashPassword(newPassword);
      await db.transaction().execute(async (trx) => {
        // Deleting the row is what uses the token: of two uses at once, one finds it gone.
        const used = await trx
          .deleteFrom('passwordResets')
          .where('tokenHash', '=', tokenHash)
          .executeTakeFirst();
        if (Number(used.numDeletedRows) !== 1) throw new AccountError('RESET_LINK_INVALID');
        const version = await replaceCredentials(trx, row.id, passwordHash, row.linkVersion);
        if (version === null) throw new AccountError('RESET_LINK_INVALID');
        await trx.deleteFrom('sessions').where('userId', '=', row.id).execute();
        await revokeIn(trx, row.id);
      });
      memory?.forget(row.id);
      await throttle.forgetAccount(row.email, row.id);
    },

    /**
     * Deletes the account after its owner re-entered the password: the
     * `users` row, and with it (by `on delete cascade`) its sessions, places,
     * preferences and reset links, then every count kept under its id or
     * email digest (`rate_limits`).
     */
    async deleteAccount(user: SessionUser, password: string): Promise<void> {
      await checkOwnPassword(user.id, password);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('users').where('id', '=', user.id).execute();
        await revokeIn(trx, user.id);
      });
      memory?.forget(user.id);
      await Promise.all([
        throttle.forgetAccount(user.email, user.id),
        resetEmails.delete(emailDigest(user.email)),
      ]);
    },

    /** Everything kept about the account, for its owner to download. */
    async exportData(userId: string): Promise<AccountExport> {
      const [account, sessions, places, preferences] = await Promise.all([
        db
          .selectFrom('users')
          .select(['id', 'email', 'createdAt', 'passwordChangedAt'])
          .where('id', '=', userId)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('sessions')
          .select(['createdAt', 'expiresAt'])
          .where('userId', '=', userId)
          .orderBy('createdAt')
          .execute(),
        db
          .selectFrom('places')
          .select(['name', 'latitude', 'longitude', 'country', 'timezone', 'position', 'createdAt'])
          .where('userId', '=', userId)
          .orderBy('position')
          .execute(),
        db.selectFrom('preferences').selectAll().where('userId', '=', userId).executeTakeFirst(),
      ]);
      const { userId: _owner, ...settings } = preferences ?? { userId };
      return {
        exportedAt: now(),
        account,
        sessions,
        places,
        preferences: preferences ? settings : null,
      };
    },

    /**
     * Replaces the password after checking the current one (counted on the
     * owner's own throttle, not sign-in's), and ends every other session: a
     * thief's, and any a sign-in with the old password is making right now.
     * The caller's own session stays.
     */
    async changePassword(
      user: SessionUser,
      keepToken: string | undefined,
      currentPassword: string,
      newPassword: string,
    ): Promise<void> {
      const checkedVersion = await checkOwnPassword(user.id, currentPassword);
      const weakness = weakPasswordReason(newPassword, user.email);
      if (weakness) throw new AccountError(weakness);
      const passwordHash = await hashPassword(newPassword);
      const keep = keepToken ? hashSessionToken(keepToken) : undefined;
      await db.transaction().execute(async (trx) => {
        const version = await replaceCredentials(trx, user.id, passwordHash, checkedVersion);
        // Changed by someone else while the current password was checked: it is not current now.
        if (version === null) throw new AccountError('WRONG_CURRENT_PASSWORD');
        if (keep) {
          await trx
            .updateTable('sessions')
            .set({ credentialVersion: version })
            .where('tokenHash', '=', keep)
            .where('userId', '=', user.id)
            .where('credentialVersion', '=', checkedVersion)
            .execute();
        }
        await trx
          .deleteFrom('sessions')
          .where('userId', '=', user.id)
          .where('credentialVersion', '!=', version)
          .execute();
        await revokeIn(trx, user.id);
      });
      memory?.forget(user.id);
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;

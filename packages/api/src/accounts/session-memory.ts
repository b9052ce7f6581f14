import { LRUCache } from 'lru-cache';

import { sql, type Database, type Kysely } from '@skycast/db';
import { listenForNotifications, type NotificationListener } from '@skycast/db/notifications';

import type { Logger } from '../logger.ts';

/** Every instance LISTENs here; the payload is the id of the account whose sessions changed. */
export const SESSIONS_CHANNEL = 'skycast_sessions_revoked';

/** A session as last read from the database, checked again on every use. */
export interface RememberedSession {
  userId: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionMemoryOptions {
  /** For the dedicated LISTEN connection. */
  connectionString: string;
  logger: Logger;
  /** How long a session is trusted without asking the database, if no NOTIFY came (default 30 s). */
  ttlMs?: number;
  /** Bytes of sessions kept (default 8 MiB). */
  maxBytes?: number;
}

/**
 * Valid sessions kept in this instance's memory, keyed by token hash, so a
 * signed-in request needs no database round trip. Whoever ends sessions or
 * changes credentials calls {@link SessionMemory.revoke} inside the same
 * transaction: its NOTIFY reaches every instance at commit, and each drops
 * that account's sessions. The TTL bounds a lost notification; while the
 * LISTEN connection is down, nothing is kept.
 */
export interface SessionMemory {
  get(tokenHash: string): RememberedSession | undefined;
  /**
   * A marker to take before reading a session from the database; `remember`
   * keeps the row only if no revocation arrived since, so a read that raced
   * a sign-out elsewhere is never kept.
   */
  mark(): number;
  remember(tokenHash: string, session: RememberedSession, mark: number): void;
  /** Tells every instance (at commit of `db`'s transaction) that the account's sessions changed. */
  revoke(db: Kysely<Database>, userId: string): Promise<void>;
  /** Drops the account's sessions here, at once (after the revoking transaction committed). */
  forget(userId: string): void;
  close(): Promise<void>;
}

export function createSessionMemory(options: SessionMemoryOptions): SessionMemory {
  const byUser = new Map<string, Set<string>>();
  const sessions = new LRUCache<string, RememberedSession>({
    maxSize: options.maxBytes ?? 8 * 1024 * 1024,
    // A 43-char key twice (cache and index), an id, an email and two dates, with the map's overhead.
    sizeCalculation: (session) => 256 + session.email.length * 2,
    ttl: options.ttlMs ?? 30_000,
    // Keeps the per-account index exactly as large as the cache.
    dispose(session, tokenHash) {
      const hashes = byUser.get(session.userId);
      hashes?.delete(tokenHash);
      if (hashes?.size === 0) byUser.delete(session.userId);
    },
  });
  let revocations = 0;
  let listening = false;

  function forget(userId: string): void {
    revocations += 1;
    for (const tokenHash of [...(byUser.get(userId) ?? [])]) sessions.delete(tokenHash);
  }
  function forgetAll(): void {
    revocations += 1;
    sessions.clear();
  }

  const listener: NotificationListener = listenForNotifications({
    connectionString: options.connectionString,
    channel: SESSIONS_CHANNEL,
    onNotification: forget,
    onListening() {
      forgetAll();
      listening = true;
    },
    onLost() {
      listening = false;
      forgetAll();
    },
    onError: (error) =>
      options.logger.warn({ err: error }, 'session notification listener lost its connection'),
  });

  return {
    get(tokenHash) {
      if (!listening) return undefined;
      return sessions.get(tokenHash);
    },
    mark: () => revocations,
    remember(tokenHash, session, mark) {
      if (!listening || mark !== revocations) return;
      sessions.set(tokenHash, session);
      let hashes = byUser.get(session.userId);
      if (!hashes) {
        hashes = new Set();
        byUser.set(session.userId, hashes);
      }
      hashes.add(tokenHash);
    },
    async revoke(db, userId) {
      await sql`select pg_notify(${SESSIONS_CHANNEL}, ${userId})`.execute(db);
    },
    forget,
    async close() {
      listening = false;
      forgetAll();
      await listener.close();
    },
  };
}

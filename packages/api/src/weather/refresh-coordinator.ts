import { randomUUID } from 'node:crypto';

import { sql, type CachedResource, type Database, type Kysely } from '@skycast/db';
import { listenForNotifications, type NotificationListener } from '@skycast/db/notifications';

import type { Logger } from '../logger.ts';
import { entryId } from './request-scope.ts';

export interface CacheKey {
  provider: string;
  resource: CachedResource;
  cacheKey: string;
}

/**
 * Makes sure one instance at a time refreshes a cache entry. The winner holds
 * a lease row, claimed with one conditional upsert (no lock is held while it
 * calls the provider) and renewed while it works; the others wait for its
 * NOTIFY, or see the lease go. A lease is short, so an instance that dies
 * holding one (kill -9, a lost machine) blocks the entry only until it expires.
 */
export interface RefreshCoordinator {
  /** True when this instance now holds the lease for `key`; it is renewed until released. */
  claim(key: CacheKey): Promise<boolean>;
  /**
   * Gives the lease up and wakes every waiting instance; `storedAt` (the new
   * entry's `fetchedAt`) tells every instance to drop older copies it keeps.
   */
  release(key: CacheKey, storedAt?: Date): Promise<void>;
  /**
   * Resolves when the lease holder is done (it notified, or its lease is
   * gone) or after `timeoutMs`; the caller then reads what was stored.
   */
  waitFor(key: CacheKey, timeoutMs: number): Promise<void>;
  /** Calls `listener` whenever any instance (this one too) stored a newer entry. */
  onStored(listener: (id: string, storedAt: Date) => void): void;
  close(): Promise<void>;
}

export interface RefreshCoordinatorOptions {
  db: Kysely<Database>;
  /** For the dedicated LISTEN connection. */
  connectionString: string;
  logger: Logger;
  /** A lease outlives a crashed holder by at most this long; a live holder renews it every third of it. */
  leaseMs?: number;
  /** How often a waiter re-checks the lease, in case a notification is lost. */
  pollMs?: number;
}

const CHANNEL = 'skycast_cache_refreshed';

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

// A notification is `<entry id>@<epoch ms of the stored entry>`, or `<entry id>@`
// when the lease was given up with nothing stored. Ids may hold `@`; the last one separates.
const payloadOf = (key: CacheKey, storedAt?: Date) =>
  `${entryId(key)}@${storedAt ? storedAt.getTime() : ''}`;

export function createRefreshCoordinator(options: RefreshCoordinatorOptions): RefreshCoordinator {
  const { db, logger } = options;
  const owner = randomUUID();
  const leaseMs = options.leaseMs ?? 5_000;
  const pollMs = options.pollMs ?? 250;
  const waiters = new Map<string, Set<() => void>>();
  const renewals = new Map<string, NodeJS.Timeout>();
  const leaseInterval = sql`${`${leaseMs} milliseconds`}::interval`;

  function renewWhileHeld(key: CacheKey): void {
    const id = entryId(key);
    const timer = setInterval(() => {
      db.updateTable('refreshLeases')
        .set({ expiresAt: sql`now() + ${leaseInterval}` })
        .where('provider', '=', key.provider)
        .where('resource', '=', key.resource)
        .where('cacheKey', '=', key.cacheKey)
        .where('owner', '=', owner)
        .execute()
        .catch((error: unknown) =>
          logger.debug({ err: error, key }, 'could not renew a refresh lease'),
        );
    }, leaseMs / 3);
    timer.unref();
    renewals.set(id, timer);
  }
  const storedListeners: ((id: string, storedAt: Date) => void)[] = [];

  const listener: NotificationListener = listenForNotifications({
    connectionString: options.connectionString,
    channel: CHANNEL,
    onError: (error) =>
      logger.warn({ err: error }, 'cache notification listener lost its connection'),
    onNotification(payload) {
      const at = payload.lastIndexOf('@');
      const id = at === -1 ? payload : payload.slice(0, at);
      for (const wake of waiters.get(id) ?? []) wake();
      const storedAt = at === -1 ? '' : payload.slice(at + 1);
      if (/^\d+$/.test(storedAt)) {
        for (const listener of storedListeners) listener(id, new Date(Number(storedAt)));
      }
    },
  });

  async function leaseHeld(key: CacheKey): Promise<boolean> {
    const row = await db
      .selectFrom('refreshLeases')
      .select('owner')
      .where('provider', '=', key.provider)
      .where('resource', '=', key.resource)
      .where('cacheKey', '=', key.cacheKey)
      .where('expiresAt', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return row !== undefined;
  }

  return {
    async claim(key) {
      // Waiters also poll, so a slow LISTEN connection delays nothing for long.
      await Promise.race([listener.ready, delay(2_000)]);
      const claimed = await db
        .insertInto('refreshLeases')
        .values({ ...key, owner, expiresAt: sql`now() + ${leaseInterval}` })
        .onConflict((oc) =>
          oc
            .columns(['provider', 'resource', 'cacheKey'])
            .doUpdateSet({ owner, expiresAt: sql`excluded.expires_at` })
            .where('refreshLeases.expiresAt', '<=', sql<Date>`now()`),
        )
        .returning('owner')
        .executeTakeFirst();
      if (claimed?.owner !== owner) return false;
      renewWhileHeld(key);
      return true;
    },

    async release(key, storedAt) {
      clearInterval(renewals.get(entryId(key)));
      renewals.delete(entryId(key));
      await db
        .deleteFrom('refreshLeases')
        .where('provider', '=', key.provider)
        .where('resource', '=', key.resource)
        .where('cacheKey', '=', key.cacheKey)
        .where('owner', '=', owner)
        .execute();
      await sql`select pg_notify(${CHANNEL}, ${payloadOf(key, storedAt)})`.execute(db);
    },

    waitFor(key, timeoutMs) {
      const id = entryId(key);
      return new Promise((resolve) => {
        let set = waiters.get(id);
        if (!set) waiters.set(id, (set = new Set()));
        const done = () => {
          clearTimeout(deadline);
          clearInterval(poll);
          set.delete(done);
          if (set.size === 0) waiters.delete(id);
          resolve();
        };
        set.add(done);
        const deadline = setTimeout(done, timeoutMs);
        // A notification can be lost while the listener reconnects: the lease
        // disappearing means the holder is done (or gone) all the same.
        const poll = setInterval(() => {
          leaseHeld(key).then(
            (held) => {
              if (!held) done();
            },
            () => undefined,
          );
        }, pollMs);
      });
    },

    onStored(listener) {
      storedListeners.push(listener);
    },

    async close() {
      for (const timer of renewals.values()) clearInterval(timer);
      renewals.clear();
      await listener.close();
    },
  };
}

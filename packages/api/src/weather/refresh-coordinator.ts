import { randomUUID } from 'node:crypto';

import { sql, type CachedResource, type Database, type Kysely, type RawBuilder } from '@skycast/db';
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
      renewLease(db, key, owner, leaseInterval).catch((error: unknown) =>
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
      const { id, storedAt } = parseNotification(payload);
      for (const wake of waiters.get(id) ?? []) wake();
      if (storedAt) for (const listener of storedListeners) listener(id, storedAt);
    },
  });

  return {
    async claim(key) {
      // Waiters also poll, so a slow LISTEN connection delays nothing for long.
      await Promise.race([listener.ready, delay(2_000)]);
      if (!(await claimLease(db, key, owner, leaseInterval))) return false;
      renewWhileHeld(key);
      return true;
    },

    async release(key, storedAt) {
      clearInterval(renewals.get(entryId(key)));
      renewals.delete(entryId(key));
      await dropLease(db, key, owner);
      await sql`select pg_notify(${CHANNEL}, ${payloadOf(key, storedAt)})`.execute(db);
    },

    waitFor(key, timeoutMs) {
      return waitUntilWoken(waiters, entryId(key), timeoutMs, pollMs, () => leaseHeld(db, key));
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

/**
 * A notification's entry id and, when an entry was stored, its time.
 *
 * @example
 * parseNotification('open-meteo|forecast|52.52,13.41@1765000000000');
 * // { id: 'open-meteo|forecast|52.52,13.41', storedAt: new Date(1765000000000) }
 */
export function parseNotification(payload: string): { id: string; storedAt: Date | undefined } {
  const at = payload.lastIndexOf('@');
  const id = at === -1 ? payload : payload.slice(0, at);
  const storedAt = at === -1 ? '' : payload.slice(at + 1);
  return { id, storedAt: /^\d+$/.test(storedAt) ? new Date(Number(storedAt)) : undefined };
}

/** Takes the lease for `owner`, unless another owner holds one that has not expired. */
async function claimLease(
  db: Kysely<Database>,
  key: CacheKey,
  owner: string,
  lease: RawBuilder<unknown>,
): Promise<boolean> {
  const claimed = await db
    .insertInto('refreshLeases')
    .values({ ...key, owner, expiresAt: sql`now() + ${lease}` })
    .onConflict((oc) =>
      oc
        .columns(['provider', 'resource', 'cacheKey'])
        .doUpdateSet({ owner, expiresAt: sql`excluded.expires_at` })
        .where('refreshLeases.expiresAt', '<=', sql<Date>`now()`),
    )
    .returning('owner')
    .executeTakeFirst();
  return claimed?.owner === owner;
}

/** Pushes the end of `owner`'s lease one lease length past now. */
async function renewLease(
  db: Kysely<Database>,
  key: CacheKey,
  owner: string,
  lease: RawBuilder<unknown>,
): Promise<void> {
  await db
    .updateTable('refreshLeases')
    .set({ expiresAt: sql`now() + ${lease}` })
    .where('provider', '=', key.provider)
    .where('resource', '=', key.resource)
    .where('cacheKey', '=', key.cacheKey)
    .where('owner', '=', owner)
    .execute();
}

async function dropLease(db: Kysely<Database>, key: CacheKey, owner: string): Promise<void> {
  await db
    .deleteFrom('refreshLeases')
    .where('provider', '=', key.provider)
    .where('resource', '=', key.resource)
    .where('cacheKey', '=', key.cacheKey)
    .where('owner', '=', owner)
    .execute();
}

/** True while any owner holds an unexpired lease on `key`. */
async function leaseHeld(db: Kysely<Database>, key: CacheKey): Promise<boolean> {
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

/**
 * Resolves when a notification wakes `id`'s waiters, when `stillHeld` says
 * the lease is gone (polled every `pollMs`: a notification can be lost while
 * the listener reconnects, and the lease disappearing means the holder is
 * done, or gone, all the same), or after `timeoutMs`.
 */
function waitUntilWoken(
  waiters: Map<string, Set<() => void>>,
  id: string,
  timeoutMs: number,
  pollMs: number,
  stillHeld: () => Promise<boolean>,
): Promise<void> {
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
    const poll = setInterval(() => {
      stillHeld().then(
        (held) => {
          if (!held) done();
        },
        () => undefined,
      );
    }, pollMs);
  });
}

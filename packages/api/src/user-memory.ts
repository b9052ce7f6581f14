import { LRUCache } from 'lru-cache';

import { sql, type Kysely } from '@skycast/db';
import { listenForNotifications, type NotificationListener } from '@skycast/db/notifications';

import type { Logger } from './logger.ts';

export interface UserMemoryOptions<V extends object> {
  /** The NOTIFY channel; its payload is the id of the user whose data changed. */
  channel: string;
  /** For the dedicated LISTEN connection. */
  connectionString: string;
  logger: Logger;
  /** Rough bytes of one user's value, for the bound. */
  sizeOf: (value: V) => number;
  /** How long a value is trusted if no NOTIFY came (default 30 s). */
  ttlMs?: number;
  /** Bytes kept (default 16 MiB). */
  maxBytes?: number;
}

/**
 * One value per user (e.g. their places) kept in this instance's memory.
 * A write calls {@link UserMemory.changed} inside its transaction: the
 * NOTIFY reaches every instance at commit and each drops the user's value;
 * the writing instance drops it at once with `forget`. A read that
 * overlapped any change is not kept (`mark`), nothing is kept while the
 * LISTEN connection is down, and the TTL bounds anything else.
 */
export interface UserMemory<V extends object> {
  get(userId: string): V | undefined;
  /** Taken before reading from the database; `remember` keeps the value only if nothing changed since. */
  mark(): number;
  remember(userId: string, value: V, mark: number): void;
  /** Tells every instance, at commit of `db`'s transaction, that the user's value changed. */
  changed<DB>(db: Kysely<DB>, userId: string): Promise<void>;
  /** Drops the user's value here, at once (after the writing transaction committed). */
  forget(userId: string): void;
  close(): Promise<void>;
}

export function createUserMemory<V extends object>(options: UserMemoryOptions<V>): UserMemory<V> {
  const values = new LRUCache<string, V>({
    maxSize: options.maxBytes ?? 16 * 1024 * 1024,
    sizeCalculation: (value) => Math.max(1, options.sizeOf(value)),
    ttl: options.ttlMs ?? 30_000,
  });
  let changes = 0;
  let listening = false;

  function forget(userId: string): void {
    changes += 1;
    values.delete(userId);
  }
  function forgetAll(): void {
    changes += 1;
    values.clear();
  }

  const listener: NotificationListener = listenForNotifications({
    connectionString: options.connectionString,
    channel: options.channel,
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
      options.logger.warn({ err: error, channel: options.channel }, 'listener lost its connection'),
  });

  return {
    get: (userId) => (listening ? values.get(userId) : undefined),
    mark: () => changes,
    remember(userId, value, mark) {
      if (listening && mark === changes) values.set(userId, value);
    },
    async changed(db, userId) {
      await sql`select pg_notify(${options.channel}, ${userId})`.execute(db);
    },
    forget,
    async close() {
      listening = false;
      forgetAll();
      await listener.close();
    },
  };
}

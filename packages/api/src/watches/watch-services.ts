import type { Database, Kysely } from '@skycast/db';
import { DEFAULT_PUSH_SERVICE_ORIGINS } from '@skycast/validators';

import type { JobSender } from './notifier.ts';
import { loadVapidKeys, type VapidKeys } from './push-sender.ts';

export interface WatchSettings {
  /** Origins a push subscription's endpoint may have (PUSH_SERVICE_ORIGINS). */
  pushServiceOrigins?: readonly string[];
  /** VAPID keys from the environment; unset: made once and kept in the database. */
  vapidPublicKey?: string | undefined;
  vapidPrivateKey?: string | undefined;
  vapidSubject?: string;
  /** Notifications per user and hour that are pushed (default 20). */
  maxPerHour?: number;
  /** Where links in notifications lead (default http://localhost:3000). */
  publicOrigin?: string;
}

export interface WatchServices {
  readonly pushServiceOrigins: readonly string[];
  readonly maxPerHour: number;
  readonly publicOrigin: string;
  /** The VAPID keys, read or made on first use and kept. */
  vapid(): Promise<VapidKeys>;
  /** The job queue for pushes; null until the server starts it (then pushes wait as pending). */
  jobs: JobSender | null;
}

/** Watches' settings with their defaults, and the VAPID keys read or made once, on first use. */
export function createWatchServices(db: Kysely<Database>, settings: WatchSettings): WatchServices {
  let keys: Promise<VapidKeys> | undefined;
  return {
    pushServiceOrigins: settings.pushServiceOrigins ?? DEFAULT_PUSH_SERVICE_ORIGINS,
    maxPerHour: settings.maxPerHour ?? 20,
    publicOrigin: settings.publicOrigin ?? 'http://localhost:3000',
    vapid() {
      keys ??= loadVapidKeys(db, {
        publicKey: settings.vapidPublicKey,
        privateKey: settings.vapidPrivateKey,
        subject: settings.vapidSubject ?? 'mailto:webpush@skycast.invalid',
      }).catch((error: unknown) => {
        keys = undefined;
        throw error;
      });
      return keys;
    },
    jobs: null,
  };
}

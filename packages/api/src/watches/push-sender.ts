import type { Agent } from 'node:https';

import webpush, { WebPushError } from 'web-push';
import { z } from 'zod';

import type { Database, Kysely } from '@skycast/db';
import { parseRetryAfter } from '@skycast/weather';

/** RFC 8292 application server keys, base64url (the public key is what browsers subscribe with). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:` contact the push services may use. */
  subject: string;
}

const storedKeys = z.object({ publicKey: z.string().min(40), privateKey: z.string().min(20) });

/**
 * The VAPID keys: from the environment when given, otherwise made once and
 * kept in the database, so every instance (and every restart) signs with the
 * same key and subscriptions stay valid.
 */
export async function loadVapidKeys(
  db: Kysely<Database>,
  configured: { publicKey?: string | undefined; privateKey?: string | undefined; subject: string },
): Promise<VapidKeys> {
  if (configured.publicKey && configured.privateKey) {
    return {
      publicKey: configured.publicKey,
      privateKey: configured.privateKey,
      subject: configured.subject,
    };
  }
  const fresh = webpush.generateVAPIDKeys();
  // Two instances starting together: the first insert wins, both read it back.
  await db
    .insertInto('serverSecrets')
    .values({ name: 'vapid', value: JSON.stringify(fresh) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('serverSecrets')
    .select('value')
    .where('name', '=', 'vapid')
    .executeTakeFirstOrThrow();
  return { ...storedKeys.parse(row.value), subject: configured.subject };
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushOptions {
  /** Seconds the push service keeps the message for an offline device. */
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  /** ≤ 32 base64url characters: a newer message with the same topic replaces an undelivered one. */
  topic: string;
}

export type PushOutcome =
  | { kind: 'sent'; status: number }
  /** 404/410: the subscription is gone for good. */
  | { kind: 'gone'; status: number }
  /** 429 and 5xx, network trouble: try again, not before `retryAfterSeconds` when the service said. */
  | { kind: 'retry'; status: number | null; retryAfterSeconds: number | null; reason: string }
  /** Any other refusal (400, 413…): trying again would not help. */
  | { kind: 'failed'; status: number; reason: string };

export interface PushSender {
  send(target: PushTarget, payload: string, options: PushOptions): Promise<PushOutcome>;
}

/**
 * Sends one Web Push message (RFC 8030) encrypted for the subscription
 * (RFC 8291, aes128gcm) and signed with VAPID (RFC 8292), through `web-push`.
 * Never throws: the outcome says what to do next.
 */
export function createPushSender(options: {
  vapid: () => Promise<VapidKeys>;
  timeoutMs?: number;
  /** Tests trust their own certificate with this. */
  agent?: Agent;
  now?: () => Date;
}): PushSender {
  const now = options.now ?? (() => new Date());
  return {
    async send(target, payload, push) {
      const vapid = await options.vapid();
      try {
        const result = await webpush.sendNotification(
          { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
          payload,
          {
            vapidDetails: vapid,
            TTL: push.ttlSeconds,
            urgency: push.urgency,
            topic: push.topic,
            contentEncoding: 'aes128gcm',
            timeout: options.timeoutMs ?? 10_000,
            ...(options.agent ? { agent: options.agent } : {}),
          },
        );
        return { kind: 'sent', status: result.statusCode };
      } catch (error) {
        if (!(error instanceof WebPushError)) {
          return {
            kind: 'retry',
            status: null,
            retryAfterSeconds: null,
            reason: error instanceof Error ? error.message : String(error),
          };
        }
        const status = error.statusCode;
        if (status === 404 || status === 410) return { kind: 'gone', status };
        if (status === 429 || status >= 500) {
          const header = headerOf(error.headers, 'retry-after');
          const retryAfterSeconds = header
            ? Math.max(
                1,
                Math.ceil((parseRetryAfter(header, now()).getTime() - now().getTime()) / 1000),
              )
            : null;
          return {
            kind: 'retry',
            status,
            retryAfterSeconds,
            reason: `push service answered ${status}`,
          };
        }
        return { kind: 'failed', status, reason: `push service answered ${status}` };
      }
    },
  };
}

function headerOf(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  const value = (headers as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : null;
  return typeof value === 'string' ? value : null;
}

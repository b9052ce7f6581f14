import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createPushSender } from '../src/watches/push-sender.ts';
import { pushPayload } from '../src/watches/watch-jobs.ts';
import {
  decryptPush,
  newSubscription,
  startPushService,
  vapidClaims,
  type PushService,
} from './push/push-service.ts';

let service: PushService;
const keys = webpush.generateVAPIDKeys();
const vapid = { ...keys, subject: 'mailto:ops@skycast.example' };

beforeAll(async () => {
  service = await startPushService();
});
afterAll(() => service.close());

const sender = () =>
  createPushSender({ vapid: () => Promise.resolve(vapid), agent: service.agent });
const options = {
  ttlSeconds: 1800,
  urgency: 'high',
  topic: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
} as const;

describe('Web Push protocol', () => {
  it('POSTs an aes128gcm body the subscription can decrypt, signed with VAPID, with TTL, Topic and Urgency', async () => {
    const subscription = newSubscription(service.origin);
    const payload = pushPayload({
      id: 'n1',
      title: 'Home: Regen in 20 Min.',
      body: 'Leichter Regen ab 14:15.',
      url: 'https://skycast.example/place/52.52,13.41/Home',
      kind: 'rain-starts',
      topic: options.topic,
      language: 'de',
    });
    const before = Math.floor(Date.now() / 1000);
    const outcome = await sender().send(
      { endpoint: subscription.json.endpoint, ...subscription.json.keys },
      payload,
      options,
    );
    expect(outcome).toEqual({ kind: 'sent', status: 201 });

    const push = service.received.at(-1)!;
    expect(push.path).toBe(new URL(subscription.json.endpoint).pathname);
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers.ttl).toBe('1800');
    expect(push.headers.topic).toBe(options.topic);
    expect(push.headers.urgency).toBe('high');

    const message = JSON.parse(decryptPush(push, subscription)) as Record<string, unknown>;
    // Declarative Web Push (Safari shows it without a service worker).
    expect(message).toMatchObject({
      web_push: 8030,
      notification: {
        title: 'Home: Regen in 20 Min.',
        body: 'Leichter Regen ab 14:15.',
        navigate: 'https://skycast.example/place/52.52,13.41/Home',
        lang: 'de',
        dir: 'ltr',
      },
    });

    const claims = vapidClaims(push);
    expect(claims.valid).toBe(true);
    expect(claims.publicKey).toBe(vapid.publicKey);
    expect(claims.aud).toBe(service.origin);
    expect(claims.sub).toBe(vapid.subject);
    // RFC 8292: at most 24 hours ahead.
    expect(claims.exp).toBeGreaterThan(before);
    expect(claims.exp).toBeLessThanOrEqual(before + 24 * 3600 + 60);
  });

  it('reports 404 and 410 as a subscription that is gone', async () => {
    const subscription = newSubscription(service.origin);
    const target = { endpoint: subscription.json.endpoint, ...subscription.json.keys };
    service.answerWith({ status: 404 }, { status: 410 });
    expect(await sender().send(target, '{}', options)).toEqual({ kind: 'gone', status: 404 });
    expect(await sender().send(target, '{}', options)).toEqual({ kind: 'gone', status: 410 });
  });

  it('reports 413 as refused for good, and 429 and 5xx as worth retrying after Retry-After', async () => {
    const subscription = newSubscription(service.origin);
    const target = { endpoint: subscription.json.endpoint, ...subscription.json.keys };
    service.answerWith(
      { status: 413 },
      { status: 429, headers: { 'retry-after': '120' } },
      { status: 503 },
    );
    expect(await sender().send(target, 'x'.repeat(100), options)).toMatchObject({
      kind: 'failed',
      status: 413,
    });
    expect(await sender().send(target, '{}', options)).toMatchObject({
      kind: 'retry',
      status: 429,
      retryAfterSeconds: 120,
    });
    expect(await sender().send(target, '{}', options)).toMatchObject({
      kind: 'retry',
      status: 503,
      retryAfterSeconds: null,
    });
  });
});

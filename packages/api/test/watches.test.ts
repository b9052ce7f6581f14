import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_WATCHES_PER_PLACE, type WatchRule } from '@skycast/validators';

import { silentLogger } from '../src/logger.ts';
import { cellOf } from '../src/normals/normals-service.ts';
import { createPushSender } from '../src/watches/push-sender.ts';
import { startWatchQueue, type WatchQueue } from '../src/watches/watch-jobs.ts';
import {
  decryptPush,
  newSubscription,
  startPushService,
  type PushService,
} from './push/push-service.ts';
import { createTestApi, type TestApi } from './test-api.ts';

const PASSWORD = 'correct horse battery staple';
const ORIGIN = 'https://skycast.example';

let api: TestApi;
let service: PushService;
const queues: WatchQueue[] = [];

beforeAll(async () => {
  service = await startPushService();
  api = await createTestApi({
    watches: { pushServiceOrigins: [service.origin], publicOrigin: ORIGIN, maxPerHour: 20 },
  });
});
afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.stop()));
  await api.close();
  await service.close();
});

/** A worker process's queue on the test database; `instance` is a second API instance's services. */
async function startQueue(services = api.services) {
  const queue = await startWatchQueue({
    db: api.db,
    connectionString: api.connectionString,
    weather: services.weather,
    push: createPushSender({ vapid: () => services.watches.vapid(), agent: service.agent }),
    logger: silentLogger,
    publicOrigin: ORIGIN,
    intervalSeconds: 1,
    maxPerHour: 20,
    work: true,
    drainTimeoutMs: 5_000,
    normals: services.normals,
  });
  services.watches.jobs = queue;
  queues.push(queue);
  return queue;
}

let counter = 0;
async function newUser() {
  const browser = api.browser();
  await browser.api.auth.signUp({ email: `watch${++counter}@example.com`, password: PASSWORD });
  return browser;
}

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const rainSoon: WatchRule = { kind: 'rain-starts', withinMinutes: 30, intensity: 'light' };
const berlin = { name: 'Zuhause', latitude: 52.52, longitude: 13.41, timezone: 'Europe/Berlin' };

describe('watches', () => {
  it('keeps watches on the user’s own places only: another user’s place or watch is NOT_FOUND', async () => {
    const ada = await newUser();
    const bob = await newUser();
    const home = await ada.api.places.add(berlin);
    const watch = await ada.api.watches.create({ placeId: home.id, rule: rainSoon });
    expect(watch).toMatchObject({ placeName: 'Zuhause', rule: rainSoon, enabled: true });

    const onAdasPlace = await errorOf(bob.api.watches.create({ placeId: home.id, rule: rainSoon }));
    expect(onAdasPlace.code).toBe('NOT_FOUND');
    const update = await errorOf(bob.api.watches.update({ id: watch.id, enabled: false }));
    expect(update.code).toBe('NOT_FOUND');
    expect((await errorOf(bob.api.watches.remove({ id: watch.id }))).code).toBe('NOT_FOUND');
    expect(await bob.api.watches.list({})).toEqual([]);
    expect((await ada.api.watches.list({ placeId: home.id })).map((w) => w.id)).toEqual([watch.id]);

    const off = await ada.api.watches.update({ id: watch.id, enabled: false });
    expect(off.enabled).toBe(false);
    await ada.api.watches.remove({ id: watch.id });
    expect(await ada.api.watches.list({})).toEqual([]);
  });

  it('bounds watches per place and thresholds to their ranges', async () => {
    const ada = await newUser();
    const home = await ada.api.places.add(berlin);
    for (let i = 0; i < MAX_WATCHES_PER_PLACE; i++)
      await ada.api.watches.create({
        placeId: home.id,
        rule: { kind: 'uv', threshold: 6, hours: 12 },
      });
    const full = await errorOf(ada.api.watches.create({ placeId: home.id, rule: rainSoon }));
    expect(full.code).toBe('BAD_REQUEST');
    expect(full.message).toMatch(/at most 10 watches/);

    const hot = await errorOf(
      ada.api.watches.create({
        placeId: home.id,
        rule: { kind: 'temperature', direction: 'above', threshold: 99, horizon: { hours: 6 } },
      }),
    );
    expect(hot.code).toBe('BAD_REQUEST');
    expect(hot.message).toMatch(/threshold/);
  });

  it('refuses a subscription endpoint that is not https at a known push service, without calling it', async () => {
    const ada = await newUser();
    const before = service.received.length;
    const keys = newSubscription(service.origin).json.keys;
    for (const endpoint of [
      'http://127.0.0.1:9/push/x',
      'https://169.254.169.254/latest/meta-data',
      'https://evil.example/push',
      'not a url',
    ]) {
      const refused = await errorOf(ada.api.push.subscribe({ endpoint, keys }));
      expect(refused.code).toBe('BAD_REQUEST');
      expect(refused.message).toMatch(/push service/);
    }
    expect(await ada.api.push.devices()).toEqual([]);
    expect(service.received.length).toBe(before);
  });

  it('makes VAPID keys once and keeps them in the database for every instance', async () => {
    const first = await api.services.watches.vapid();
    const other = api.instance();
    const second = await other.services.watches.vapid();
    expect(second.publicKey).toBe(first.publicKey);
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const ada = await newUser();
    expect(await ada.api.push.publicKey()).toEqual({ publicKey: first.publicKey });
  });

  it('previews a rule against the past hours of the stored forecast', async () => {
    const ada = await newUser();
    const home = await ada.api.places.add(berlin);
    const preview = await ada.api.watches.preview({
      placeId: home.id,
      rule: { kind: 'daily-summary', at: '00:00' },
    });
    expect(preview.supported).toBe(true);
    expect(preview.from).not.toBeNull();
    expect(preview.events.length).toBeGreaterThanOrEqual(1);
    expect(preview.events[0]!.title).toMatch(/^Zuhause today$/);
    const warnings = await ada.api.watches.preview({
      placeId: home.id,
      rule: { kind: 'warning', minSeverity: 'minor', mutedEvents: [] },
    });
    expect(warnings.supported).toBe(false);
  });

  it('previews the last 48 hours: a daily summary fires on each of the two past days', async () => {
    const ada = await newUser();
    const home = await ada.api.places.add(berlin);
    // Half an hour from now on Berlin's clock: it last came 23.5 and 47.5 hours ago,
    // the second time before yesterday began (unless it is now past 23:30 there).
    const at = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(Date.now() + 30 * 60_000);
    const preview = await ada.api.watches.preview({
      placeId: home.id,
      rule: { kind: 'daily-summary', at },
    });
    const covered = Date.parse(preview.until) - Date.parse(preview.from ?? preview.until);
    expect(covered).toBeGreaterThan(47.5 * 3_600_000);
    expect(covered).toBeLessThanOrEqual(48 * 3_600_000);
    const ago = preview.events.map(
      (event) => (Date.parse(preview.until) - Date.parse(event.at)) / 3_600_000,
    );
    expect(ago).toHaveLength(2);
    expect(ago[0]).toBeGreaterThan(47);
    expect(ago[1]).toBeGreaterThan(23);
    expect(ago[1]).toBeLessThan(24);
  });

  it('previews rain watches over the last 48 hours too, from the 15-minute steps of the same forecast', async () => {
    const ada = await newUser();
    const hamburg = { name: 'Hafen', latitude: 53.55, longitude: 9.99, timezone: 'Europe/Berlin' };
    const home = await ada.api.places.add(hamburg);
    // A shower 30 to 20 hours ago on the local provider; dry before, dry since. "Rain
    // soon" fires half an hour before it starts, "rain stops" within the hour before it ends.
    const quarter = Math.floor(Date.now() / (15 * 60_000)) * 15 * 60_000;
    api.stub.setScenarios([
      {
        latitude: hamburg.latitude,
        longitude: hamburg.longitude,
        startsAt: quarter - 30 * 3_600_000,
        endsAt: quarter - 20 * 3_600_000,
        mmPerHour: 3,
      },
    ]);
    try {
      const callsBefore = api.stub.calls();
      const hoursAgo = (preview: { until: string }, at: string) =>
        (Date.parse(preview.until) - Date.parse(at)) / 3_600_000;
      for (const [rule, title, from, to] of [
        [rainSoon, /^Hafen: rain in 30 min$/, 30, 31],
        [{ kind: 'rain-stops' }, /^Hafen: rain stops in \d+ min$/, 20, 21.5],
      ] as const) {
        const preview = await ada.api.watches.preview({ placeId: home.id, rule });
        expect(preview.supported).toBe(true);
        expect(hoursAgo(preview, preview.from ?? preview.until)).toBeGreaterThan(47.5);
        expect(preview.events).toHaveLength(1);
        const [event] = preview.events;
        expect(event!.title).toMatch(title);
        expect(hoursAgo(preview, event!.at)).toBeGreaterThan(from);
        expect(hoursAgo(preview, event!.at)).toBeLessThan(to);
      }
      // Both previews, and the past steps, came from one forecast call for the cell.
      expect(api.stub.calls() - callsBefore).toBe(1);
    } finally {
      api.stub.setScenarios([]);
    }
  });
});

describe('watches evaluated and pushed by the job queue', () => {
  it('sends a test notification to each device, lists it, and forgets a device the service says is gone', async () => {
    await startQueue();
    const ada = await newUser();
    const phone = newSubscription(service.origin);
    const device = await ada.api.push.subscribe({ ...phone.json, device: 'Phone' });
    expect(await ada.api.push.test()).toEqual({ devices: 1 });
    const push = await until(() =>
      service.received.find((p) => p.path === new URL(phone.json.endpoint).pathname),
    );
    const message = JSON.parse(decryptPush(push, phone)) as {
      notification: { title: string; navigate: string };
    };
    expect(message.notification.title).toBe('Skycast: test notification');
    expect(message.notification.navigate).toBe(`${ORIGIN}/account`);
    const listed = await ada.api.notifications.list({ limit: 5 });
    expect(listed.map((n) => n.title)).toEqual(['Skycast: test notification']);

    service.answerWith({ status: 410 });
    await ada.api.push.test();
    await until(async () => ((await ada.api.push.devices()).length === 0 ? true : undefined));
    expect(device.device).toBe('Phone');
    // Both are listed, though the second reached no device.
    expect(await ada.api.notifications.list({ limit: 5 })).toHaveLength(2);
  });

  it(
    'pushes “rain in 20 minutes” exactly once, in German, though two instances evaluate every second',
    { timeout: 60_000 },
    async () => {
      const second = api.instance();
      await startQueue(second.services);
      if (queues.length < 2) await startQueue();
      const ada = await newUser();
      await ada.api.preferences.update({ language: 'de' });
      const place = {
        name: 'Garten',
        latitude: 48.14,
        longitude: 11.58,
        timezone: 'Europe/Berlin',
      };
      const home = await ada.api.places.add(place);
      await ada.api.watches.create({ placeId: home.id, rule: rainSoon });
      const phone = newSubscription(service.origin);
      await ada.api.push.subscribe({ ...phone.json, device: 'Phone' });
      const path = new URL(phone.json.endpoint).pathname;

      // Dry for hours, until the rounds have seen it dry; then the local provider says rain in 20 minutes.
      api.stub.setScenarios([
        {
          latitude: place.latitude,
          longitude: place.longitude,
          startsAt: Date.now() + 6 * 3_600_000,
          mmPerHour: 1.5,
        },
      ]);
      const seenDry = Date.now();
      await until(async () => {
        const [watch] = await ada.api.watches.list({});
        return watch?.evaluatedAt &&
          Date.parse(watch.evaluatedAt) > seenDry + 1_000 &&
          !watch.conditionMet
          ? true
          : undefined;
      });
      api.stub.setScenarios([
        {
          latitude: place.latitude,
          longitude: place.longitude,
          startsAt: Date.now() + 20 * 60_000,
          mmPerHour: 1.5,
        },
      ]);
      const push = await until(() => service.received.find((p) => p.path === path));
      const message = JSON.parse(decryptPush(push, phone)) as {
        notification: { title: string; body: string; navigate: string; lang: string };
      };
      // The stub's shower falls in the quarter hour that holds its start: 5 to 20 minutes away.
      const minutes = Number(
        /^Garten: Regen in (\d+) Min\.$/.exec(message.notification.title)?.[1],
      );
      expect(minutes).toBeGreaterThanOrEqual(5);
      expect(minutes).toBeLessThanOrEqual(20);
      expect(message.notification.lang).toBe('de');
      expect(message.notification.navigate).toBe(`${ORIGIN}/place/48.14,11.58/Garten`);
      expect(push.headers.urgency).toBe('high');

      // Several more rounds from both instances: still one.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(service.received.filter((p) => p.path === path)).toHaveLength(1);
      expect(await ada.api.notifications.list({})).toHaveLength(1);
      api.stub.setScenarios([]);
    },
  );

  it('pushes a warning issued at the place once, and none of a muted event type', async () => {
    if (queues.length === 0) await startQueue();
    const ada = await newUser();
    const chicago = await ada.api.places.add({
      name: 'Chicago',
      latitude: 41.85,
      longitude: -87.65,
      timezone: 'America/Chicago',
    });
    await ada.api.watches.create({
      placeId: chicago.id,
      rule: { kind: 'warning', minSeverity: 'moderate', mutedEvents: ['Cold Weather Advisory'] },
    });
    const phone = newSubscription(service.origin);
    await ada.api.push.subscribe(phone.json);
    const path = new URL(phone.json.endpoint).pathname;
    const push = await until(() => service.received.find((p) => p.path === path));
    const message = JSON.parse(decryptPush(push, phone)) as { notification: { title: string } };
    expect(message.notification.title).toBe('Chicago: severe warning — Winter Storm Warning');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(service.received.filter((p) => p.path === path)).toHaveLength(1);
  });

  it('retries a push the service refused with 429 after its Retry-After, and sends it once', async () => {
    if (queues.length === 0) await startQueue();
    const ada = await newUser();
    const phone = newSubscription(service.origin);
    await ada.api.push.subscribe(phone.json);
    const path = new URL(phone.json.endpoint).pathname;
    service.answerWith({ status: 429, headers: { 'retry-after': '1' } });
    await ada.api.push.test();
    await until(() =>
      service.received.filter((p) => p.path === path).length >= 2 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(service.received.filter((p) => p.path === path)).toHaveLength(2);
    const [delivery] = await api.db
      .selectFrom('pushDeliveries')
      .innerJoin('pushSubscriptions', 'pushSubscriptions.id', 'pushDeliveries.subscriptionId')
      .where('pushSubscriptions.endpoint', '=', phone.json.endpoint)
      .select(['status', 'attempts'])
      .execute();
    expect(delivery).toEqual({ status: 'sent', attempts: 2 });
  });

  it(
    'pushes “unusually warm tomorrow” once, in Spanish, from the cell’s stored normals without asking the archive',
    { timeout: 60_000 },
    async () => {
      if (queues.length === 0) await startQueue();
      const ada = await newUser();
      await ada.api.preferences.update({ language: 'es' });
      const home = await ada.api.places.add({
        name: 'Sevilla',
        latitude: 37.39,
        longitude: -5.98,
        timezone: 'Europe/Madrid',
      });
      // Saving the place queued its normals on the job queue.
      const cell = cellOf(37.39, -5.98);
      await until(async () => {
        const row = await api.db
          .selectFrom('climateNormalCells')
          .select('state')
          .where('cellLatitude', '=', cell.latitude)
          .where('cellLongitude', '=', cell.longitude)
          .executeTakeFirst();
        return row?.state === 'fetched' ? true : undefined;
      });
      // A climate whose warmest tenth starts at -40 °C: whatever tomorrow brings is beyond it.
      await api.db
        .updateTable('climateNormals')
        .set({ highP90: -40 })
        .where('cellLatitude', '=', cell.latitude)
        .where('cellLongitude', '=', cell.longitude)
        .execute();
      api.stub.resetCalls();
      const phone = newSubscription(service.origin);
      await ada.api.push.subscribe(phone.json);
      const path = new URL(phone.json.endpoint).pathname;
      await ada.api.watches.create({
        placeId: home.id,
        rule: { kind: 'unusual-tomorrow', direction: 'warm' },
      });
      const push = await until(() => service.received.find((p) => p.path === path));
      const message = JSON.parse(decryptPush(push, phone)) as {
        notification: { title: string; body: string; lang: string };
      };
      expect(message.notification.title).toBe('Sevilla: mañana inusualmente cálido');
      expect(message.notification.body).toMatch(
        /^Máxima de -?\d+ °C el .+, por encima de -40 °C: el 10 % más cálido para la fecha \(1991–2020\)\.$/,
      );
      expect(message.notification.lang).toBe('es');
      // More rounds: the same date is not news again.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect(service.received.filter((p) => p.path === path)).toHaveLength(1);
      expect(api.stub.calls('/v1/archive')).toBe(0);
    },
  );
});

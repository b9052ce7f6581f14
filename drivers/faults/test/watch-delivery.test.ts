import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { mutationRequest, signUp } from '../src/api-calls.ts';
import { startRestartablePostgres, type RestartablePostgres } from '../src/postgres.ts';
import { newSubscription, openPush, startPushService } from '../src/push-service.ts';
import { startServerProcess, type ServerProcess } from '../src/server-process.ts';

let pg: RestartablePostgres;
let stub: WeatherStub;
let push: Awaited<ReturnType<typeof startPushService>>;
const servers: ServerProcess[] = [];

function start(): Promise<ServerProcess> {
  return startServerProcess({
    databaseUrl: pg.databaseUrl,
    stubUrl: stub.url,
    env: {
      WATCHES_INTERVAL_SECONDS: '1',
      PUSH_SERVICE_ORIGINS: push.origin,
      NODE_EXTRA_CA_CERTS: push.caFile,
      SHUTDOWN_TIMEOUT_MS: '5000',
    },
  }).then((server) => {
    servers.push(server);
    return server;
  });
}

beforeAll(async () => {
  pg = await startRestartablePostgres();
  stub = await startWeatherStub();
  push = await startPushService();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await stub?.close();
  await push?.close();
  await pg?.destroy();
});

async function call(serverUrl: string, procedure: string, input: unknown, cookie: string) {
  const { url, init } = mutationRequest(serverUrl, procedure, input, cookie);
  const response = await fetch(url, init);
  const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
  if (!response.ok)
    throw new Error(`${procedure} answered ${response.status}: ${JSON.stringify(body)}`);
  return body.result?.data as Record<string, unknown>;
}

async function until(probe: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Places in separate grid cells, each a person with two devices and a rain watch. */
const PLACES = [
  { name: 'Home', latitude: 48.14, longitude: 11.58 },
  { name: 'Office', latitude: 50.11, longitude: 8.68 },
  { name: 'Cabin', latitude: 47.37, longitude: 8.54 },
  { name: 'Flat', latitude: 45.46, longitude: 9.19 },
];

describe('two instances on one PostgreSQL, with SIGTERM and kill -9 during the run', () => {
  it(
    'delivers exactly one push per event and device: rain in 20 minutes, and a warning issued',
    { timeout: 240_000 },
    async () => {
      const [a, b] = await Promise.all([start(), start()]);
      const people = [];
      for (const place of PLACES) {
        const cookie = await signUp(a.url);
        await call(a.url, 'preferences.update', { language: 'fr' }, cookie);
        const saved = await call(
          a.url,
          'places.add',
          { ...place, timezone: 'Europe/Berlin' },
          cookie,
        );
        await call(
          b.url,
          'watches.create',
          {
            placeId: saved.id,
            rule: { kind: 'rain-starts', withinMinutes: 30, intensity: 'light' },
          },
          cookie,
        );
        const devices = [newSubscription(push.origin), newSubscription(push.origin)];
        for (const device of devices) await call(b.url, 'push.subscribe', device.json, cookie);
        people.push({ place, devices });
      }
      // A warning is issued at Chicago (the local provider's NWS sample): one person watches it.
      const watcher = await signUp(b.url);
      const chicago = await call(
        b.url,
        'places.add',
        { name: 'Chicago', latitude: 41.85, longitude: -87.65, timezone: 'America/Chicago' },
        watcher,
      );
      const warningDevice = newSubscription(push.origin);
      await call(b.url, 'push.subscribe', warningDevice.json, watcher);

      // Dry for hours at every place until each watch has been seen dry, then rain in 20 minutes.
      stub.setScenarios(
        PLACES.map((p) => ({ ...p, startsAt: Date.now() + 6 * 3_600_000, mmPerHour: 1.5 })),
      );
      const dryFrom = new Date(Date.now() + 1_500);
      await until(
        async () =>
          (
            await pg.admin
              .selectFrom('watches')
              .where((eb) =>
                eb.or([
                  eb('evaluatedAt', 'is', null),
                  eb('evaluatedAt', '<', dryFrom),
                  // Rain the simulation had before the dry spell may still be in a forecast fetched then.
                  eb('conditionMet', '=', true),
                ]),
              )
              .select('id')
              .execute()
          ).length === 0,
        30_000,
        'every watch to be seen dry',
      );
      stub.setScenarios(
        PLACES.map((p) => ({ ...p, startsAt: Date.now() + 20 * 60_000, mmPerHour: 1.5 })),
      );
      await call(
        a.url,
        'watches.create',
        { placeId: chicago.id, rule: { kind: 'warning', minSeverity: 'severe', mutedEvents: [] } },
        watcher,
      );

      // Mid-run: the first notification is made; one instance is killed, the other stopped.
      await until(
        async () => (await pg.admin.selectFrom('notifications').select('id').execute()).length > 0,
        30_000,
        'the first notification',
      );
      a.signal('SIGKILL');
      expect((await a.exited).signal).toBe('SIGKILL');
      expect(await b.stop()).toEqual({ code: 0, signal: null });
      // Fresh instances take over what the dead one held (its jobs time out and run again).
      await Promise.all([start(), start()]);

      const devices = [...people.flatMap((person) => person.devices), warningDevice];
      const received = (device: (typeof devices)[number]) =>
        push.received.filter((p) => p.path === new URL(device.json.endpoint).pathname);
      await until(
        () => devices.every((device) => received(device).length > 0),
        60_000,
        'a push on every device',
      ).catch(async (error: unknown) => {
        const { sql } = await import('@skycast/db');
        console.log(
          JSON.stringify(
            {
              received: devices.map((d) => received(d).length),
              notifications: await pg.admin
                .selectFrom('notifications')
                .select(['eventKey', 'createdAt'])
                .execute(),
              deliveries: (await pg.admin.selectFrom('pushDeliveries').selectAll().execute())
                .length,
              watches: await pg.admin
                .selectFrom('watches')
                .select(['kind', 'conditionMet', 'evaluatedAt'])
                .execute(),
              now: new Date(),
              jobs: (
                await sql`select name, state, singleton_key, start_after, created_on, retry_count from pgboss.job where state not in ('completed') order by created_on`.execute(
                  pg.admin,
                )
              ).rows,
              logs: servers
                .flatMap((s) =>
                  s
                    .logs()
                    .filter((l) => (l.level ?? 0) >= 40 || l.msg === 'watch condition changed'),
                )
                .slice(0, 60),
            },
            null,
            1,
          ),
        );
        throw error;
      });
      // More rounds on both instances, and jobs a dead instance held taken over: still one each.
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      for (const person of people) {
        for (const device of person.devices) {
          const messages = received(device).map((p) => openPush(p, device));
          expect(messages).toHaveLength(1);
          expect(messages[0]!.notification.title).toMatch(
            new RegExp(`^${person.place.name} : pluie dans \\d+ min$`),
          );
          expect(messages[0]!.notification.lang).toBe('fr');
        }
      }
      const warning = received(warningDevice).map((p) => openPush(p, warningDevice));
      expect(warning.map((m) => m.notification.title)).toEqual([
        'Chicago: severe warning — Winter Storm Warning',
      ]);
      const deliveries = await pg.admin.selectFrom('pushDeliveries').select('status').execute();
      expect(deliveries.map((d) => d.status)).toEqual(devices.map(() => 'sent'));
    },
  );
});

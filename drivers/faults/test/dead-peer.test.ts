import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { queryRequest } from '../src/api-calls.ts';
import { send } from '../src/load.ts';
import { startRestartablePostgres, type RestartablePostgres } from '../src/postgres.ts';
import { startServerProcess, type ServerProcess } from '../src/server-process.ts';

let pg: RestartablePostgres;
let stub: WeatherStub;
let holder: ServerProcess;
let peer: ServerProcess;

beforeAll(async () => {
  pg = await startRestartablePostgres();
  stub = await startWeatherStub();
  [holder, peer] = await Promise.all([
    startServerProcess({ databaseUrl: pg.databaseUrl, stubUrl: stub.url }),
    startServerProcess({ databaseUrl: pg.databaseUrl, stubUrl: stub.url }),
  ]);
});

afterAll(async () => {
  stub?.setFault(null);
  await Promise.all([holder?.stop(), peer?.stop()]);
  await stub?.close();
  await pg?.destroy();
});

describe('an instance killed (-9) while it holds a refresh lease', () => {
  it('is taken over by the other instance once the lease expires: it fetches, never 502', async () => {
    const place = { latitude: 35.68, longitude: 139.69 };
    // The holder's provider call hangs, so it is mid-refresh when it dies.
    stub.setFault({ mode: 'slow', delayMs: 60_000 });
    const doomed = queryRequest(holder.url, 'weather.forecast', place);
    const doomedAnswer = send(doomed.url, doomed.init);
    await expect
      .poll(async () => (await pg.admin.selectFrom('refreshLeases').selectAll().execute()).length, {
        timeout: 10_000,
        interval: 50,
      })
      .toBe(1);
    holder.signal('SIGKILL');
    expect((await holder.exited).signal).toBe('SIGKILL');
    // As the dead holder left it: nobody renews it any more.
    const lease = await pg.admin
      .selectFrom('refreshLeases')
      .select('expiresAt')
      .executeTakeFirstOrThrow();
    expect((await doomedAnswer).error).toBeDefined();
    stub.setFault(null);

    const asked = queryRequest(peer.url, 'weather.forecast', place);
    const answer = await send(asked.url, asked.init);
    const answeredAt = new Date();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body ?? '{}')).toMatchObject({ result: { data: { stale: false } } });
    // Taken over once the dead holder's last lease ran out (5 s, never renewed
    // after the kill), not after some longer wait.
    expect(answeredAt.getTime() - lease.expiresAt.getTime()).toBeLessThan(3_000);
    expect(peer.running).toBe(true);
  });
});

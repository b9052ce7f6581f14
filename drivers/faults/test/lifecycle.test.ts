import { spawn } from 'node:child_process';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, stubProviderEnv, type WeatherStub } from '@skycast/weather-stub';

import { queryRequest } from '../src/api-calls.ts';
import { send, startLoad, tally } from '../src/load.ts';
import { startRestartablePostgres, type RestartablePostgres } from '../src/postgres.ts';
import { freePort, spawnServerProcess, startServerProcess } from '../src/server-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let pg: RestartablePostgres;
let stub: WeatherStub;

beforeAll(async () => {
  pg = await startRestartablePostgres();
  stub = await startWeatherStub();
});

afterAll(async () => {
  await stub?.close();
  await pg?.destroy();
});

describe('SIGTERM under load', () => {
  it('turns /readyz to 503 at once, finishes every in-flight request, slow ones included, and exits 0', async () => {
    const server = await startServerProcess({
      databaseUrl: pg.databaseUrl,
      stubUrl: stub.url,
      env: { SHUTDOWN_DRAIN_MS: '2000', SHUTDOWN_TIMEOUT_MS: '15000' },
    });
    try {
      const warm = { latitude: 52.37, longitude: 4.9 };
      const first = queryRequest(server.url, 'weather.forecast', warm);
      expect((await send(first.url, first.init)).status).toBe(200);

      // Fast answers from storage on keep-alive connections, and five slow ones
      // (never-seen places, the provider taking 4 s: longer than the drain) in
      // flight at the signal.
      const fast = startLoad({
        workers: 6,
        pauseMs: 5,
        request: () => queryRequest(server.url, 'weather.forecast', warm),
      });
      stub.setFault({ mode: 'slow', delayMs: 4_000 });
      const slow = Promise.all(
        Array.from({ length: 5 }, (_, i) => {
          const { url, init } = queryRequest(server.url, 'weather.forecast', {
            latitude: 10 + i,
            longitude: 20 + i,
          });
          return send(url, init);
        }),
      );
      await sleep(400);
      server.signal('SIGTERM');
      await sleep(100);
      const readiness = await send(`${server.url}/readyz`);
      // A load balancer stops sending once it sees the 503, within the drain delay.
      const fastOutcomes = await fast.stop();
      const exit = await server.exited;
      const slowOutcomes = await slow;

      expect(readiness.status).toBe(503);
      expect(JSON.parse(readiness.body ?? '{}')).toEqual({
        status: 'unavailable',
        reason: 'shutting down',
      });
      expect(exit).toEqual({ code: 0, signal: null });
      expect(tally(slowOutcomes)).toEqual({ '200': 5 });
      // Every request sent before and during the drain was answered, none reset.
      expect(Object.keys(tally(fastOutcomes))).toEqual(['200']);
      // And new connections are refused once it has stopped listening.
      expect((await send(`${server.url}/livez`)).error).toBe('ECONNREFUSED');
      // Background work settled: no refresh lease left behind for others to wait out.
      expect(await pg.admin.selectFrom('refreshLeases').selectAll().execute()).toEqual([]);
      const messages = server.logs().map((line) => line.msg);
      expect(messages).toContain('shutting down: /readyz now answers 503');
      expect(messages.at(-1)).toBe('stopped');
    } finally {
      stub.setFault(null);
      await server.stop();
    }
  });
});

describe('run as a daemon', () => {
  it('keeps running when the shell that started it in the background exits', async () => {
    const port = await freePort();
    const entry = path.resolve(import.meta.dirname, '../../../apps/api/src/main.ts');
    // What `nohup node main.ts &` from a login shell amounts to: the shell exits at once.
    const shell = spawn(
      'sh',
      ['-c', `"${process.execPath}" "${entry}" >/dev/null 2>&1 & echo $!`],
      {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          PORT: String(port),
          DATABASE_URL: pg.databaseUrl,
          ...stubProviderEnv(stub.url),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    shell.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((resolve) => shell.once('exit', resolve));
    const pid = Number(output.trim());
    expect(pid).toBeGreaterThan(1);
    try {
      await expect
        .poll(async () => (await send(`http://127.0.0.1:${port}/readyz`)).status, {
          timeout: 60_000,
          interval: 200,
        })
        .toBe(200);
      // The parent watch, when on, notices an exited parent within 1 s.
      await sleep(2_500);
      expect((await send(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      process.kill(pid, 'SIGTERM');
      await expect
        .poll(
          () => {
            try {
              process.kill(pid, 0);
              return 'running';
            } catch {
              return 'gone';
            }
          },
          { timeout: 20_000 },
        )
        .toBe('gone');
    }
  });
});

describe('start-up with the database not there yet', () => {
  it('waits for a database that comes up a moment later, then serves', async () => {
    await pg.stop();
    const server = await spawnServerProcess({ databaseUrl: pg.databaseUrl, stubUrl: stub.url });
    try {
      await expect
        .poll(() => server.logs().map((line) => line.msg), { timeout: 30_000, interval: 100 })
        .toContain('database not reachable yet; trying again');
      expect(server.running).toBe(true);
      await pg.start();
      await server.ready();
    } finally {
      await pg.start();
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  });

  it('gives up after DATABASE_START_TIMEOUT_MS with one clear line and exit code 1', async () => {
    const nowhere = new URL(pg.databaseUrl);
    nowhere.port = String(await freePort());
    const server = await spawnServerProcess({
      databaseUrl: nowhere.toString(),
      stubUrl: stub.url,
      env: { DATABASE_START_TIMEOUT_MS: '1000' },
    });
    expect(await server.exited).toEqual({ code: 1, signal: null });
    const fatal = server.logs().find((line) => line.level === 60);
    expect(fatal?.msg).toBe('Skycast could not start');
    expect(JSON.stringify(fatal)).toMatch(/did not answer within DATABASE_START_TIMEOUT_MS/);
  });
});

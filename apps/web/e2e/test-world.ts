import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { startEmbeddedPostgres } from '@skycast/db/embedded';
import { startWeatherStub, stubProviderEnv } from '@skycast/weather-stub';

import { startMailSink } from './mail-sink.ts';

const webDir = path.resolve(import.meta.dirname, '..');
const serverEntry = path.resolve(webDir, '../api/src/main.ts');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilReady(url: string, server: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`The API server exited with ${server.exitCode}:\n${output.join('')}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The API server was not ready within 90 s:\n${output.join('')}`);
}

export interface TestWorld {
  /** The API server serving the production build: `http://127.0.0.1:PORT`. */
  appUrl: string;
  /** The local weather provider; its control API is at `/__stub/`. */
  stubUrl: string;
  /** The database the API server uses. */
  databaseUrl: string;
  /** Where the mails the API server sent (through a loopback SMTP server) land, one `.eml` each. */
  mailDir: string;
  stop(): Promise<void>;
}

/**
 * A world to drive a browser in: an embedded PostgreSQL, the local weather
 * provider, and the real API server (`apps/api/src/main.ts`,
 * NODE_ENV=production) serving the production build in `dist/`.
 *
 * @example
 * const world = await startTestWorld();
 * await page.goto(`${world.appUrl}/place/52.52,13.41/Berlin`);
 * await world.stop();
 */
export async function startTestWorld(): Promise<TestWorld> {
  if (!existsSync(path.join(webDir, 'dist/index.html')))
    throw new Error('No production build: run `pnpm --filter @skycast/web build` first.');

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-e2e-pg-'));
  const database = await startEmbeddedPostgres({ dataDir, database: 'skycast_e2e' });
  const stub = await startWeatherStub();
  const mailDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-e2e-mail-'));
  const mail = await startMailSink(mailDir);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;

  const output: string[] = [];
  const server = spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: database.connectionString,
      LOG_LEVEL: 'warn',
      ...stubProviderEnv(stub.url),
      // The local provider has no usage policy: the public Nominatim's one call a second would slow the tests.
      NOMINATIM_QUOTA: '600/60',
      // Room for a cell's climate normals (about 1,850 weighted calls) within a minute
      // beside every other test's forecasts and confidence, whose ensemble calls weigh
      // dozens each: the normals keep half of each window for forecasts, so a busy
      // minute of the whole run must still leave them their share.
      OPEN_METEO_QUOTA: '100000/60,1000000/3600,2000000/86400',
      WEATHER_PROVIDER: 'open-meteo',
      SMTP_URL: mail.url,
      MAIL_FROM: 'Skycast <no-reply@skycast.test>',
      // Each browser context sends its own X-Forwarded-For (see openPage), as people
      // behind a proxy would: per-address limits then see separate people.
      TRUST_PROXY: '1',
      WEB_DIST_DIR: path.join(webDir, 'dist'),
      // The browser tests' stand-in push subscriptions point here (never contacted).
      PUSH_SERVICE_ORIGINS: 'https://push.skycast.test',
      // No load balancer to wait for: stop at once when the run ends.
      SHUTDOWN_DRAIN_MS: '0',
      // A first visit's page waits for its forecast long enough that a loaded CI machine
      // still brings it every time (the default, 500 ms, is apps/api's place-pages test's);
      // weatherStub.slowForecasts() stays slower than this.
      PLACE_PAGE_WAIT_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);

  const teardown = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await stub.close();
    await mail.close();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(mailDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(appUrl, server, output);
  } catch (error) {
    await teardown();
    throw error;
  }
  return {
    appUrl,
    stubUrl: stub.url,
    databaseUrl: database.connectionString,
    mailDir,
    stop: teardown,
  };
}

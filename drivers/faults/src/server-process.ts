import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { stubProviderEnv } from '@skycast/weather-stub';

const serverEntry = path.resolve(import.meta.dirname, '../../../apps/api/src/main.ts');

export interface ServerProcessOptions {
  /** The PostgreSQL the server uses (it migrates it at start). */
  databaseUrl: string;
  /** The local weather provider (`@skycast/weather-stub`) for every Open-Meteo endpoint. */
  stubUrl: string;
  /** More environment for the server, e.g. `{ SHUTDOWN_DRAIN_MS: '300' }`. */
  env?: Record<string, string>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly pid: number;
  /** True until the process exits. */
  readonly running: boolean;
  /** Resolves when the process exits, however it does. */
  readonly exited: Promise<Exit>;
  /** The server's log so far, one JSON object per line (non-JSON lines as `{ msg }`). */
  logs(): LogLine[];
  /** Sends a signal (SIGTERM for a graceful stop, SIGKILL for a crash). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after 20 s; resolves with how it exited. */
  stop(): Promise<Exit>;
  /** Resolves once `/readyz` answers 200; throws if the process exits first or after 60 s. */
  ready(): Promise<void>;
}

export interface LogLine {
  level?: number;
  msg?: string;
  [key: string]: unknown;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts the real API server (`apps/api/src/main.ts`, its own Node process)
 * on a free loopback port against `databaseUrl` and the weather stub, and
 * waits until `/readyz` answers 200. `TRUST_PROXY=1`, so a load generator can
 * spread its requests over many client addresses with `X-Forwarded-For`
 * (rate limits key on the address) and measure what it means to measure.
 *
 * @example
 * const server = await startServerProcess({ databaseUrl, stubUrl: stub.url });
 * await fetch(`${server.url}/readyz`);
 * expect(await server.stop()).toEqual({ code: 0, signal: null });
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const server = await spawnServerProcess(options);
  await server.ready();
  return server;
}

/** {@link startServerProcess} without waiting for readiness: for a server expected to wait, or to fail. */
export async function spawnServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_ORIGIN: url,
      TRUST_PROXY: '1',
      LOG_LEVEL: 'info',
      DATABASE_URL: options.databaseUrl,
      ...stubProviderEnv(options.stubUrl),
      WEATHER_PROVIDER: 'open-meteo',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let partial = '';
  const keep = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) {
      if (!line.trim()) continue;
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        lines.push({ msg: line });
      }
      if (lines.length > 50_000) lines.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let running = true;
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );

  const server: ServerProcess = {
    url,
    pid: child.pid ?? 0,
    get running() {
      return running;
    },
    exited,
    logs: () => [...lines],
    signal: (signal) => void child.kill(signal),
    async stop() {
      if (!running) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
    ready,
  };

  return server;

  async function ready(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (!running) {
        throw new Error(
          `The API server exited before it was ready:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`,
        );
      }
      try {
        if ((await fetch(`${url}/readyz`)).ok) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error('The API server was not ready within 60 s');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

import { stubProviderEnv } from '@skycast/weather-stub';

export interface RunningProcess {
  readonly url: string;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts `node <script>` with `env` and waits until `readyPath` answers 200,
 * so a benchmark measures a server as it runs in production: its own process.
 */
export async function startNodeServer(options: {
  script: string;
  /** Arguments after the script; the chosen port is also in the environment as PORT. */
  args?: (port: number) => string[];
  env?: Record<string, string>;
  readyPath: string;
}): Promise<RunningProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [options.script, ...(options.args?.(port) ?? [])], {
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}${options.readyPath}`, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${options.script} did not become ready: ${String(error)}\n${stderr}`, {
      cause: error,
    });
  }
  return { url, cpuMs: () => cpuMsOf(child), stop: () => stopProcess(child) };
}

/**
 * One Skycast server process on `databaseUrl`, its providers pointed at the
 * local stub, in production mode; `env` adds to or overrides that.
 */
export function startSkycast(options: {
  repoRoot: string;
  databaseUrl: string;
  stubUrl: string;
  env?: Record<string, string>;
}): Promise<RunningProcess> {
  return startNodeServer({
    script: path.join(options.repoRoot, 'apps/api/src/main.ts'),
    env: {
      DATABASE_URL: options.databaseUrl,
      ...stubProviderEnv(options.stubUrl),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    readyPath: '/readyz',
  });
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('timed out after 60 s');
}

/**
 * From /proc/<pid>/stat (utime and stime, in clock ticks of 10 ms): what the
 * process itself used, however busy the machine is with other work.
 */
async function cpuMsOf(child: ChildProcess): Promise<number> {
  const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
  // The command name, in parentheses, may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * 10;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import autocannon from 'autocannon';

import { startNodeServer, startSkycast, type RunningProcess } from './processes.ts';

export interface OverviewOptions {
  repoRoot: string;
  databaseUrl: string;
  stubUrl: string;
  connections: number;
  /** Seconds each load runs. */
  seconds: number;
  /** Saved places of the one signed-in user. */
  places: number;
  /** Where Skycast's process writes a CPU profile (`node --cpu-prof`) when it stops, if given. */
  profileDir?: string;
}

export interface OverviewFigures {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  bodyBytes: number;
  cpuMsPerThousand: number;
}

const ORIGIN = 'http://localhost:3000';
const OVERVIEW_PATH = `/trpc/places.overview?input=${encodeURIComponent(
  JSON.stringify({ units: 'metric', windUnit: 'kmh' }),
)}`;

/**
 * The signed-in start page: `places.overview` for one user with `places`
 * saved places (weather for each cached beforehand), through Skycast's whole
 * stack, against a bare `node:http` server answering the same bytes; same
 * load, same run.
 */
export async function benchOverview(options: OverviewOptions): Promise<OverviewFigures[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'skycast-overview-'));
  let skycast: RunningProcess | undefined;
  let bare: RunningProcess | undefined;
  try {
    skycast = await startSkycast({
      ...options,
      env: {
        LOG_LEVEL: 'info',
        PUBLIC_ORIGIN: ORIGIN,
        ...(options.profileDir
          ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.profileDir}` }
          : {}),
      },
    });
    const post = (procedure: string, input: unknown, cookie = '') =>
      fetch(`${skycast?.url}/trpc/${procedure}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
        body: JSON.stringify({ 0: input }),
      });
    const signUp = await post('auth.signUp', {
      email: `bench-${Date.now()}@example.com`,
      password: 'a bench horse, stapled correctly',
    });
    if (!signUp.ok) throw new Error(`signing up answered ${signUp.status}`);
    const cookie = (signUp.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    for (let index = 0; index < options.places; index++) {
      const added = await post(
        'places.add',
        { name: `Place ${index}`, latitude: 40 + index * 0.5, longitude: 10 + index * 0.5 },
        cookie,
      );
      if (!added.ok) throw new Error(`adding place ${index} answered ${added.status}`);
    }
    // Twice: the first fetches each place's weather, the second is what the load sees.
    let body = Buffer.alloc(0);
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${skycast.url}${OVERVIEW_PATH}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`places.overview answered ${response.status}`);
      body = Buffer.from(await response.arrayBuffer());
    }
    await writeFile(path.join(tmp, 'body.json'), body);
    await writeFile(path.join(tmp, 'body.json.gz'), gzipSync(body, { level: 9 }));
    bare = await startNodeServer({
      script: path.join(options.repoRoot, 'drivers/bench/src/bare-server.ts'),
      env: { BODY_FILE: path.join(tmp, 'body.json'), GZIP_FILE: path.join(tmp, 'body.json.gz') },
      readyPath: '/livez',
    });

    const figures: OverviewFigures[] = [];
    for (const [name, server] of [
      [`Skycast places.overview, ${options.places} places`, skycast],
      ['bare node:http, same bytes', bare],
    ] as const) {
      const cpuBefore = await server.cpuMs();
      const result = await autocannon({
        url: `${server.url}${OVERVIEW_PATH}`,
        connections: options.connections,
        duration: options.seconds,
        headers: { cookie },
      });
      const cpuMs = (await server.cpuMs()) - cpuBefore;
      figures.push({
        name,
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx + result.errors + result.timeouts,
        bodyBytes: body.length,
        cpuMsPerThousand: (cpuMs / Math.max(1, result.requests.total)) * 1000,
      });
    }
    return figures;
  } finally {
    await skycast?.stop();
    await bare?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

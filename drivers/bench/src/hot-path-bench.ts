import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import autocannon from 'autocannon';

import { startNodeServer, startSkycast, type RunningProcess } from './processes.ts';
import { providerCalls } from './server-bench.ts';

export interface HotPathOptions {
  repoRoot: string;
  databaseUrl: string;
  stubUrl: string;
  connections: number;
  /** Seconds each load runs. */
  seconds: number;
  /** Distinct places, all cached before the load starts. */
  places: number;
  /** Where Skycast's process writes a CPU profile (`node --cpu-prof`) when it stops, if given. */
  profileDir?: string;
}

export interface HotPathFigures {
  name: string;
  encoding: 'identity' | 'gzip';
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Bytes of one answer's body on the wire. */
  bodyBytes: number;
  providerCalls: number;
  /** The server process's own CPU time per 1,000 answers: steady however busy the machine is. */
  cpuMsPerThousand: number;
}

const placeInput = (index: number) => ({
  latitude: 30 + (index % 10) * 0.5,
  longitude: 60 + Math.floor(index / 10) * 0.5,
});
const forecastPath = (index: number) =>
  `/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(placeInput(index)))}`;

/**
 * A cached forecast through Skycast's whole stack (one process, behind one
 * trusted proxy hop, a new client address on every request) against a bare
 * `node:http` server answering the same bytes, same load, same run; then the
 * same with `Accept-Encoding: gzip`. Every place is cached before the load,
 * so no provider call should happen during it.
 */
export async function benchHotPath(options: HotPathOptions): Promise<HotPathFigures[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'skycast-hot-'));
  let skycast: RunningProcess | undefined;
  let bare: RunningProcess | undefined;
  try {
    // Logging every request, as production does.
    skycast = await startSkycast({
      ...options,
      env: {
        LOG_LEVEL: 'info',
        TRUST_PROXY: '1',
        ...(options.profileDir
          ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.profileDir}` }
          : {}),
      },
    });
    for (let index = 0; index < options.places; index++) {
      const response = await fetch(`${skycast.url}${forecastPath(index)}`);
      if (!response.ok) throw new Error(`warming place ${index} answered ${response.status}`);
      await response.arrayBuffer();
    }
    const identity = Buffer.from(
      await (await fetch(`${skycast.url}${forecastPath(0)}`)).arrayBuffer(),
    );
    const gzipResponse = await fetch(`${skycast.url}${forecastPath(0)}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    // fetch decodes; the wire size is in the header.
    const gzipBytes = Number(gzipResponse.headers.get('content-length'));
    await gzipResponse.arrayBuffer();
    await writeFile(path.join(tmp, 'body.json'), identity);
    await writeFile(path.join(tmp, 'body.json.gz'), gzipSync(identity, { level: 9 }));
    bare = await startNodeServer({
      script: path.join(options.repoRoot, 'drivers/bench/src/bare-server.ts'),
      env: { BODY_FILE: path.join(tmp, 'body.json'), GZIP_FILE: path.join(tmp, 'body.json.gz') },
      readyPath: '/livez',
    });

    const figures: HotPathFigures[] = [];
    for (const encoding of ['identity', 'gzip'] as const) {
      for (const [name, server] of [
        ['Skycast weather.forecast, cached', skycast],
        ['bare node:http, same bytes', bare],
      ] as const) {
        const before = await providerCalls(options.stubUrl);
        const cpuBefore = await server.cpuMs();
        const result = await load(server.url, encoding, options);
        const cpuMs = (await server.cpuMs()) - cpuBefore;
        figures.push({
          name,
          encoding,
          requestsPerSecond: result.requests.average,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx + result.errors + result.timeouts,
          bodyBytes: encoding === 'gzip' ? gzipBytes : identity.length,
          providerCalls: (await providerCalls(options.stubUrl)) - before,
          cpuMsPerThousand: (cpuMs / Math.max(1, result.requests.total)) * 1000,
        });
      }
    }
    return figures;
  } finally {
    await skycast?.stop();
    await bare?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

function load(url: string, encoding: 'identity' | 'gzip', options: HotPathOptions) {
  let sent = 0;
  return autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'GET',
        // A new client address on every request, as many users behind one proxy.
        setupRequest: (request: autocannon.Request): autocannon.Request => {
          const n = sent++;
          return {
            ...request,
            path: forecastPath(n % options.places),
            headers: {
              ...request.headers,
              'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
              ...(encoding === 'gzip' ? { 'accept-encoding': 'gzip' } : {}),
            },
          };
        },
      },
    ],
  });
}

import path from 'node:path';

import { stubProviderEnv } from '@skycast/weather-stub';
import autocannon from 'autocannon';

import { startNodeServer } from './processes.ts';

export interface ServerBenchOptions {
  repoRoot: string;
  /** An empty, reachable database: Skycast's cache starts cold. */
  databaseUrl: string;
  /** The local provider, already answering with the simulated latency. */
  stubUrl: string;
  /** Requests to send in all; the run ends when they are answered. */
  requests: number;
  connections: number;
  /** Processes of each server, sharing the load (and, for Skycast, the database). */
  instances: number;
  /** Distinct places the load cycles through. */
  places: number;
}

export interface ServerFigures {
  name: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  providerCalls: number;
}

/**
 * Skycast's forecast path against the naive baseline, under the same load in
 * the same run: many users asking for a few dozen places, a weather service
 * that answers after a simulated network round trip. Each server runs as
 * `instances` processes, the connections spread over them; Skycast's share
 * one database, so their cache, leases and quota are shared.
 */
export async function benchServer(options: ServerBenchOptions): Promise<ServerFigures[]> {
  const { stubUrl } = options;
  const providerEnv = {
    ...stubProviderEnv(stubUrl),
    LOG_LEVEL: 'warn',
  };
  const servers = [
    {
      name: 'Skycast (PostgreSQL cache, coalescing)',
      script: path.join(options.repoRoot, 'apps/api/src/main.ts'),
      // Behind one proxy hop, so each connection counts as its own user for the rate limits.
      env: {
        ...providerEnv,
        DATABASE_URL: options.databaseUrl,
        NODE_ENV: 'development',
        TRUST_PROXY: '1',
      },
      readyPath: '/readyz',
    },
    {
      name: 'naive (provider call per request)',
      script: path.join(options.repoRoot, 'drivers/bench/src/naive-server.ts'),
      env: providerEnv,
      readyPath: '/livez',
    },
  ];

  const figures: ServerFigures[] = [];
  for (const server of servers) {
    const running = await Promise.all(
      Array.from({ length: options.instances }, () => startNodeServer(server)),
    );
    try {
      const before = await providerCalls(stubUrl);
      const result = await autocannon({
        // autocannon spreads the connections over several URLs (its types say one).
        url: running.map((instance) => instance.url) as unknown as string,
        connections: options.connections,
        amount: options.requests,
        requests: [{ method: 'GET', setupRequest: cyclePlaces(options.places) }],
      });
      figures.push({
        name: server.name,
        requests: result.requests.total,
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        failed: result.non2xx + result.errors + result.timeouts,
        providerCalls: (await providerCalls(stubUrl)) - before,
      });
    } finally {
      await Promise.all(running.map((instance) => instance.stop()));
    }
  }
  return figures;
}

/**
 * Spreads requests over `count` places on a grid far enough apart not to share
 * a cache key. Each connection is one user with an address of its own (sent as
 * the proxy's `X-Forwarded-For`), so per-client rate limits apply as they would
 * to real users, not to the whole load as one client.
 */
function cyclePlaces(count: number) {
  let next = 0;
  let users = 0;
  return (request: autocannon.Request, context: { ip?: string }): autocannon.Request => {
    context.ip ??= `10.${(users >> 16) & 255}.${(users >> 8) & 255}.${users++ & 255}`;
    const index = next++ % count;
    const input = { latitude: 40 + (index % 10) * 0.5, longitude: Math.floor(index / 10) * 0.5 };
    return {
      ...request,
      headers: { ...request.headers, 'x-forwarded-for': context.ip },
      path: `/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`,
    };
  };
}

export async function providerCalls(stubUrl: string): Promise<number> {
  const response = await control(stubUrl, 'GET', '/__stub/calls');
  const body = (await response.json()) as { byEndpoint: Record<string, number> };
  return body.byEndpoint['/v1/forecast'] ?? 0;
}

export async function control(baseUrl: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`stub control ${method} ${route} answered ${response.status}`);
  return response;
}

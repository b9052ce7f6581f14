import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { appRouter, listProcedures } from '@skycast/api';
import { createDb, type Kysely, type Database } from '@skycast/db';
import type { WeatherStub } from '@skycast/weather-stub';

import { createMetrics, serveMetrics, type Metrics } from '../src/metrics.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let world: TestServer;
let db: Kysely<Database>;
let stub: WeatherStub;
let metrics: Metrics;
let appUrl: string;
let metricsServer: Server;

beforeAll(async () => {
  world = await startTestServer();
  stub = world.stub;
  metrics = createMetrics(listProcedures(appRouter).map((procedure) => procedure.path));
  // A pool of its own, so that the pool gauges see it.
  db = createDb({ connectionString: world.connectionString, observePool: metrics.observePool });
  ({ url: appUrl } = await world.startWith({ db, metrics: metrics.api }, { metrics }));
  metricsServer = await serveMetrics(metrics, 0, pino({ level: 'silent' }));
});

afterAll(async () => {
  await new Promise((resolve) => metricsServer.close(resolve));
  await world.close();
  await db.destroy();
});

async function scrape(): Promise<string> {
  const port = (metricsServer.address() as AddressInfo).port;
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
}

const forecast = (latitude: number) =>
  `/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify({ latitude, longitude: 13.4 }))}`;

describe('/metrics', () => {
  it('counts requests by procedure and status, cache answers and provider calls', async () => {
    for (let i = 0; i < 3; i++)
      expect((await fetch(`${appUrl}${forecast(52.5)}`)).status).toBe(200);
    expect((await fetch(`${appUrl}/trpc/weather.forecast?input=%7B%7D`)).status).toBe(400);
    expect((await fetch(`${appUrl}/trpc/no.such.procedure`)).status).toBe(404);
    // A request is counted when its response finishes, which a loaded machine may
    // report a moment after the client has the answer: scrape until the last one shows.
    let text = await scrape();
    for (let i = 0; i < 40 && !text.includes('procedure="unknown",status="404"'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      text = await scrape();
    }

    expect(
      value(
        text,
        'skycast_trpc_request_duration_seconds_count{procedure="weather.forecast",status="200"}',
      ),
    ).toBe(3);
    expect(
      value(
        text,
        'skycast_trpc_request_duration_seconds_count{procedure="weather.forecast",status="400"}',
      ),
    ).toBe(1);
    // A made-up path is one label, whatever its name: clients cannot grow the label set.
    expect(text).toContain(
      'skycast_trpc_request_duration_seconds_count{procedure="unknown",status="404"} 1',
    );
    // The first answer came through the weather cache; the next two, ready-made from memory.
    expect(value(text, 'skycast_weather_cache_answers_total{result="miss"}')).toBe(1);
    expect(value(text, 'skycast_public_answers_from_memory_total')).toBe(2);
    expect(value(text, 'skycast_provider_calls_total{provider="open-meteo",outcome="ok"}')).toBe(1);
    expect(value(text, 'skycast_provider_call_duration_seconds_count{provider="open-meteo"}')).toBe(
      1,
    );
    expect(
      value(text, 'skycast_provider_breaker_state{provider="open-meteo",state="closed"}'),
    ).toBe(1);
  });

  it('reports provider failures and the database pool', async () => {
    stub.setFault({ mode: 'error', status: 503, endpoints: ['/v1/forecast'] });
    try {
      // Nothing stored for this place: the failure reaches the client.
      expect((await fetch(`${appUrl}${forecast(48.1)}`)).status).toBeGreaterThanOrEqual(500);
    } finally {
      stub.setFault(null);
    }
    const text = await scrape();
    expect(
      value(text, 'skycast_provider_calls_total{provider="open-meteo",outcome="http"}'),
    ).toBeGreaterThan(0);
    expect(value(text, 'skycast_db_pool_connections{state="waiting"}')).toBe(0);
    expect(value(text, 'skycast_db_pool_connections{state="idle"}')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('counts calls refused by a rate limit', async () => {
    // weather.forecast allows 240 calls a minute per client; the first test made 4.
    const statuses: number[] = [];
    for (let i = 0; i < 240; i++) statuses.push((await fetch(`${appUrl}${forecast(52.5)}`)).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    const text = await scrape();
    expect(value(text, 'skycast_rate_limit_refusals_total{procedure="weather.forecast"}')).toBe(
      statuses.filter((status) => status === 429).length,
    );
  });

  it('is not served on the public port', async () => {
    const response = await fetch(`${appUrl}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('skycast_');
  });

  it('answers only GET /metrics on its own port', async () => {
    const port = (metricsServer.address() as AddressInfo).port;
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
  });
});

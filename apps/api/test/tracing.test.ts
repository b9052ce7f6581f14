import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@skycast/db/testing';
import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

const cli = path.resolve(import.meta.dirname, '../src/cli.ts');

interface ExportedSpans {
  resourceSpans?: { scopeSpans?: { scope?: { name?: string }; spans?: { name?: string }[] }[] }[];
}

let testDb: TestDatabase;
let stub: WeatherStub;
let collector: Server;
const received: ExportedSpans[] = [];
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  testDb = await createTestDatabase(inject('databaseAdminUrl'));
  stub = await startWeatherStub();
  // A stand-in OpenTelemetry collector: OTLP over HTTP with JSON bodies.
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces')
        received.push(JSON.parse(Buffer.concat(chunks).toString()) as ExportedSpans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise((resolve) => collector.close(resolve));
  await stub.close();
  await testDb.destroy();
});

describe('tracing', () => {
  it('sends spans of HTTP, Express and PostgreSQL when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const port = await freePort();
    server = spawn(process.execPath, [cli, 'serve'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATABASE_URL: testDb.connectionString,
        OPEN_METEO_URL: stub.url,
        OPEN_METEO_GEOCODING_URL: stub.url,
        OPEN_METEO_AIR_QUALITY_URL: stub.url,
        OPEN_METEO_ENSEMBLE_URL: stub.url,
        OPEN_METEO_PREVIOUS_RUNS_URL: stub.url,
        LOG_LEVEL: 'warn',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    await expect
      .poll(
        () =>
          fetch(`${base}/readyz`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 20_000, interval: 200 },
      )
      .toBe(200);
    const input = encodeURIComponent(JSON.stringify({ latitude: 50.1, longitude: 8.7 }));
    expect((await fetch(`${base}/trpc/weather.forecast?input=${input}`)).status).toBe(200);

    const scopes = () =>
      new Set(
        received.flatMap((batch) =>
          (batch.resourceSpans ?? []).flatMap((r) =>
            (r.scopeSpans ?? []).map((s) => s.scope?.name ?? ''),
          ),
        ),
      );
    await expect
      .poll(() => [...scopes()].sort(), { timeout: 15_000, interval: 200 })
      .toEqual(
        expect.arrayContaining([
          '@opentelemetry/instrumentation-express',
          '@opentelemetry/instrumentation-http',
          '@opentelemetry/instrumentation-pg',
        ]),
      );
  });
});

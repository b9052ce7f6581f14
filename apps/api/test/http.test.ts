import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createServices, MAX_BATCH_SIZE, type Services } from '@skycast/api';
import { createDb, sql } from '@skycast/db';
import { createTestDatabase, type TestDatabase } from '@skycast/db/testing';
import { createOpenMeteo } from '@skycast/weather';
import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { createApp } from '../src/app.ts';

const logLines: string[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });

async function listen(app: ReturnType<typeof createApp>): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address && typeof address === 'object')
        resolve({ server, url: `http://127.0.0.1:${address.port}` });
    });
  });
}

let testDb: TestDatabase;
let stub: WeatherStub;
let server: Server;
let baseUrl: string;
let webDistDir: string;
let services: Services;

beforeAll(async () => {
  testDb = await createTestDatabase(inject('databaseAdminUrl'));
  stub = await startWeatherStub();
  webDistDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-web-'));
  await writeFile(path.join(webDistDir, 'index.html'), '<!doctype html><title>Skycast</title>');
  const provider = createOpenMeteo({
    forecastUrl: stub.url,
    geocodingUrl: stub.url,
    airQualityUrl: stub.url,
  });
  services = createServices({
    db: testDb.db,
    connectionString: testDb.connectionString,
    provider,
    logger,
  });
  ({ server, url: baseUrl } = await listen(createApp({ services, logger, webDistDir })));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await services.close();
  await stub.close();
  await testDb.destroy();
  await rm(webDistDir, { recursive: true, force: true });
});

const call = (procedure: string, input: unknown) =>
  fetch(`${baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`);

describe('HTTP API', () => {
  it('serves a forecast as plain JSON to a GET, as curl would send it', async () => {
    const response = await call('weather.forecast', { latitude: 52.52, longitude: 13.41 });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const body = (await response.json()) as {
      result: { data: { hourly: unknown[]; source: string } };
    };
    expect(body.result.data.source).toBe('open-meteo');
    expect(body.result.data.hourly.length).toBeGreaterThanOrEqual(48);
  });

  it('answers bad input with 400, a readable message and no stack', async () => {
    const response = await call('weather.forecast', { latitude: 'north', longitude: 13.41 });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('latitude');
    expect(text).not.toMatch(/stack|at .*\.ts:\d+/);
  });

  it.each([
    ['input that is not JSON', '/trpc/weather.forecast?input=%7Bnot-json'],
    ['an unknown procedure', '/trpc/weather.nothing?input=%7B%7D'],
    [
      'a huge query string',
      `/trpc/weather.searchLocations?input=${encodeURIComponent(JSON.stringify({ query: 'x'.repeat(20_000) }))}`,
    ],
  ])('answers %s with a 4xx, never a 500', async (_name, url) => {
    const response = await fetch(`${baseUrl}${url}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toMatch(/stack/i);
  });

  it('refuses a batch larger than the client may send', async () => {
    const procedures = Array.from(
      { length: MAX_BATCH_SIZE + 1 },
      () => 'weather.searchLocations',
    ).join(',');
    const input = Object.fromEntries(
      Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => [i, { query: 'Berlin' }]),
    );
    const response = await fetch(
      `${baseUrl}/trpc/${procedures}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    expect(response.status).toBe(400);
  });

  it('reports an upstream failure as 502 with words a user can act on', async () => {
    stub.setFault({ mode: 'error', status: 500 });
    try {
      const response = await call('weather.forecast', { latitude: 1.35, longitude: 103.82 });
      expect(response.status).toBe(502);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/weather service/i);
    } finally {
      stub.setFault(null);
    }
  });

  it('logs a malformed provider body with the request id, and stores nothing', async () => {
    stub.setFault({ mode: 'malformed' });
    try {
      const response = await fetch(
        `${baseUrl}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify({ latitude: 64.1, longitude: -51.7 }))}`,
        { headers: { 'x-request-id': 'trace-malformed-1' } },
      );
      expect(response.status).toBe(502);
      const logged = logLines.filter((line) => line.includes('trace-malformed-1'));
      expect(logged.some((line) => line.includes('not JSON'))).toBe(true);
      const stored = await testDb.db
        .selectFrom('weatherCache')
        .select('cacheKey')
        .where('cacheKey', '=', '6410:-5170')
        .execute();
      expect(stored).toEqual([]);
    } finally {
      stub.setFault(null);
    }
  });

  it('is live and ready when the database answers and is migrated', async () => {
    expect((await fetch(`${baseUrl}/livez`)).status).toBe(200);
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('serves the web app for client-side routes and 404s unknown API paths', async () => {
    const page = await fetch(`${baseUrl}/place/52.52,13.41/Berlin`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Skycast</title>');
  });
});

describe('readiness', () => {
  it('answers 503 when the database cannot be reached', async () => {
    const db = createDb({ connectionString: 'postgres://nobody:wrong@127.0.0.1:1/none' });
    const provider = createOpenMeteo({
      forecastUrl: stub.url,
      geocodingUrl: stub.url,
      airQualityUrl: stub.url,
    });
    const { server: broken, url } = await listen(
      createApp({
        services: createServices({
          db,
          connectionString: 'postgres://nobody:wrong@127.0.0.1:1/none',
          provider,
          logger,
        }),
        logger,
      }),
    );
    try {
      expect((await fetch(`${url}/livez`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).not.toMatch(/password|wrong|ECONNREFUSED/);
    } finally {
      await new Promise((resolve) => broken.close(resolve));
      await db.destroy();
    }
  });

  it('answers 503 while migrations are pending', async () => {
    const admin = createDb({ connectionString: inject('databaseAdminUrl') });
    const name = `unmigrated_${Date.now()}`;
    await sql`create database ${sql.id(name)}`.execute(admin);
    await admin.destroy();
    const url = new URL(inject('databaseAdminUrl'));
    url.pathname = `/${name}`;
    const db = createDb({ connectionString: url.toString() });
    const provider = createOpenMeteo({
      forecastUrl: stub.url,
      geocodingUrl: stub.url,
      airQualityUrl: stub.url,
    });
    const { server: unmigrated, url: appUrl } = await listen(
      createApp({
        services: createServices({ db, connectionString: url.toString(), provider, logger }),
        logger,
      }),
    );
    try {
      expect((await fetch(`${appUrl}/readyz`)).status).toBe(503);
    } finally {
      await new Promise((resolve) => unmigrated.close(resolve));
      await db.destroy();
    }
  });
});

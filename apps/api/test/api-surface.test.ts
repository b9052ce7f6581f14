import { createHash } from 'node:crypto';
import type { Server } from 'node:http';

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createServices, type Services } from '@skycast/api';
import { createTestDatabase, type TestDatabase } from '@skycast/db/testing';
import { createOpenMeteo } from '@skycast/weather';
import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { createApp } from '../src/app.ts';

const logger = pino({ level: 'silent' });
let testDb: TestDatabase;
let stub: WeatherStub;
let server: Server;
let baseUrl: string;
let services: Services;

beforeAll(async () => {
  testDb = await createTestDatabase(inject('databaseAdminUrl'));
  stub = await startWeatherStub();
  services = createServices({
    db: testDb.db,
    connectionString: testDb.connectionString,
    provider: createOpenMeteo({
      forecastUrl: stub.url,
      geocodingUrl: stub.url,
      airQualityUrl: stub.url,
    }),
    logger,
  });
  const app = createApp({ services, logger });
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await services.close();
  await stub.close();
  await testDb.destroy();
});

const query = (procedure: string, input: unknown, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers,
  });

describe('procedure metadata over HTTP', () => {
  it('marks a forecast cacheable for 5 minutes', async () => {
    const response = await query('weather.forecast', { latitude: 52.52, longitude: 13.41 });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('marks a rejected call no-store', async () => {
    const response = await query('weather.forecast', { latitude: 'north', longitude: 13.41 });
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it("counts calls by the client's address, not by a forged X-Forwarded-For", async () => {
    // searchLocations allows 120 calls a minute; a new forged address on each
    // call must not buy a new allowance.
    const statuses: number[] = [];
    for (let i = 0; i < 125 && !statuses.includes(429); i++) {
      const response = await query(
        'weather.searchLocations',
        { query: 'Berlin' },
        { 'x-forwarded-for': `203.0.113.${i}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(121);
  });
});

describe('API reference', () => {
  it('serves a readable page listing every procedure at /api', async () => {
    const response = await fetch(`${baseUrl}/api`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const page = await response.text();
    for (const path of ['weather.forecast', 'weather.searchLocations', 'weather.airQuality']) {
      expect(page).toContain(`id="${path}"`);
    }
    expect(page).toContain('curl -G');
    // The page's own stylesheet is allowed by hash, and nothing else is.
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(response.headers.get('content-security-policy')).toContain(
      `style-src 'sha256-${hash}';`,
    );
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves the OpenAPI document at /api/openapi.json', async () => {
    const response = await fetch(`${baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/trpc/weather.forecast');
  });
});

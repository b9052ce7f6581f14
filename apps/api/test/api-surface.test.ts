import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from './test-server.ts';

let world: TestServer;
let baseUrl: string;

beforeAll(async () => {
  world = await startTestServer();
  baseUrl = await world.start();
});
afterAll(() => world.close());

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
    await query(
      'weather.searchLocations',
      { query: 'Berlin' },
      { 'x-forwarded-for': '203.0.113.9' },
    );
    const rows = await world.db
      .selectFrom('rateLimitCounters')
      .select(['procedure', 'clientKey', 'hits'])
      .where('procedure', '=', 'weather.searchLocations')
      .execute();
    expect(rows).toEqual([
      { procedure: 'weather.searchLocations', clientKey: '127.0.0.1', hits: 1 },
    ]);
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

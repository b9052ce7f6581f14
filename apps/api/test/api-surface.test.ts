import { describe, expect, it } from 'vitest';

import { testServerForFile } from './test-server.ts';

const server = testServerForFile();

const query = (procedure: string, input: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
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
  it("serves the viewer at /api, its scripts allowed by this response's nonce only", async () => {
    const response = await fetch(`${server.url}/api`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const page = await response.text();
    const policy = response.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(policy).toContain("default-src 'none'");
    // Everything the page loads is served here: no CDN.
    expect(page).not.toMatch(/https?:\/\//);
    expect((await fetch(`${server.url}/api`)).headers.get('content-security-policy')).not.toContain(
      nonce,
    );
  });

  it("serves the viewer's script from this app", async () => {
    const page = await (await fetch(`${server.url}/api`)).text();
    const src = /<script src="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(src).toMatch(/^\/api\/assets\//);
    const script = await fetch(`${server.url}${src}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });

  it('serves the OpenAPI document at /api/openapi.json', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/trpc/weather.forecast');
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { MAX_BATCH_SIZE } from '@skycast/api';
import { createDb, sql } from '@skycast/db';

import { startTestServer, type TestServer } from './test-server.ts';

const logLines: string[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });

let world: TestServer;
let baseUrl: string;
let webDistDir: string;

beforeAll(async () => {
  world = await startTestServer({ logger });
  webDistDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-web-'));
  await writeFile(path.join(webDistDir, 'index.html'), '<!doctype html><title>Skycast</title>');
  await writeFile(path.join(webDistDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(path.join(webDistDir, 'manifest.webmanifest'), '{"name":"Skycast"}');
  baseUrl = await world.start({ webDistDir });
});

afterAll(async () => {
  await world.close();
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
    world.stub.setFault({ mode: 'error', status: 500 });
    try {
      const response = await call('weather.forecast', { latitude: 1.35, longitude: 103.82 });
      expect(response.status).toBe(502);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/weather service/i);
    } finally {
      world.stub.setFault(null);
    }
  });

  it('logs a malformed provider body with the request id, and stores nothing', async () => {
    world.stub.setFault({ mode: 'malformed' });
    try {
      const response = await fetch(
        `${baseUrl}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify({ latitude: 64.1, longitude: -51.7 }))}`,
        { headers: { 'x-request-id': 'trace-malformed-1' } },
      );
      expect(response.status).toBe(502);
      const logged = logLines.filter((line) => line.includes('trace-malformed-1'));
      expect(logged.some((line) => line.includes('not JSON'))).toBe(true);
      const stored = await world.db
        .selectFrom('weatherCache')
        .select('cacheKey')
        .where('cacheKey', '=', '64.1,-51.7')
        .execute();
      expect(stored).toEqual([]);
    } finally {
      world.stub.setFault(null);
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

  it('has browsers ask again for the service worker and manifest each time, so a deploy reaches them', async () => {
    const worker = await fetch(`${baseUrl}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(worker.headers.get('content-security-policy')).toContain("worker-src 'self'");

    const manifest = await fetch(`${baseUrl}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');

    const page = await fetch(`${baseUrl}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("manifest-src 'self'");
  });
});

describe('a procedure without input over plain HTTP', () => {
  it.each([
    ['no body at all', {}],
    ['an empty body', { headers: { 'content-type': 'application/json' }, body: '' }],
    ['{}', { headers: { 'content-type': 'application/json' }, body: '{}' }],
    ['null', { headers: { 'content-type': 'application/json' }, body: 'null' }],
  ])('answers a POST to auth.signOut with %s', async (_, init: RequestInit) => {
    const response = await fetch(`${baseUrl}/trpc/auth.signOut`, { method: 'POST', ...init });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { data: { ok: true } } });
  });

  it('still refuses an empty form post, which a page of another site could send', async () => {
    const response = await fetch(`${baseUrl}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
  });

  it('still refuses an input to a procedure that takes none', async () => {
    const response = await fetch(`${baseUrl}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"everywhere":true}',
    });
    expect(response.status).toBe(400);
  });

  it('gives a procedure that needs input a 400 with field errors for an empty POST', async () => {
    const response = await fetch(`${baseUrl}/trpc/auth.signIn`, { method: 'POST' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { data: { reason: string; zodError: { fieldErrors: Record<string, unknown> } } };
    };
    expect(body.error.data.reason).toBe('INVALID_INPUT');
    expect(Object.keys(body.error.data.zodError.fieldErrors).sort()).toEqual(['email', 'password']);
  });
});

describe('readiness', () => {
  it('answers 503 when the database cannot be reached', async () => {
    const unreachable = 'postgres://nobody:wrong@127.0.0.1:1/none';
    const db = createDb({ connectionString: unreachable });
    const broken = await world.startWith({ db, connectionString: unreachable });
    try {
      expect((await fetch(`${broken.url}/livez`)).status).toBe(200);
      const ready = await fetch(`${broken.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).not.toMatch(/password|wrong|ECONNREFUSED/);
    } finally {
      await broken.close();
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
    const unmigrated = await world.startWith({ db, connectionString: url.toString() });
    try {
      expect((await fetch(`${unmigrated.url}/readyz`)).status).toBe(503);
    } finally {
      await unmigrated.close();
      await db.destroy();
    }
  });
});

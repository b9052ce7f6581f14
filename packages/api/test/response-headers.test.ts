import type { AddressInfo } from 'node:net';

import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';

import { createTestDatabase, type TestDatabase } from '@skycast/db/testing';

import { createAccountsService } from '../src/accounts/accounts-service.ts';
import { clientKeys } from '../src/client-key.ts';
import { silentLogger } from '../src/logger.ts';
import { createRateLimiter } from '../src/rate-limit.ts';
import { responseHeaders } from '../src/response-headers.ts';
import type { Services } from '../src/services.ts';
import {
  createTRPCContext,
  createTRPCRouter,
  protectedProcedure,
  publicProcedure,
} from '../src/trpc.ts';

// A small router on the real builders, served over real HTTP with the same
// responseMeta and limiter as the app, so every header rule can be shown.
const ok = z.object({ ok: z.boolean() });
const answer = () => ({ ok: true });
const router = createTRPCRouter({
  probe: {
    longCache: publicProcedure.meta({ cacheSeconds: 600 }).input(z.void()).output(ok).query(answer),
    shortCache: publicProcedure.meta({ cacheSeconds: 60 }).input(z.void()).output(ok).query(answer),
    noCache: publicProcedure.input(z.void()).output(ok).query(answer),
    failing: publicProcedure
      .meta({ cacheSeconds: 60 })
      .input(z.object({ n: z.number().max(5) }))
      .output(ok)
      .query(answer),
    change: publicProcedure
      .input(z.object({ n: z.number().max(5) }))
      .output(ok)
      .mutation(answer),
    limited: publicProcedure
      .meta({ rateLimit: { max: 3, windowSeconds: 60, scope: 'shared' } })
      .input(z.void())
      .output(ok)
      .query(answer),
    limitedHere: publicProcedure
      .meta({ rateLimit: { max: 2, windowSeconds: 60 } })
      .input(z.void())
      .output(ok)
      .query(answer),
  },
});
const privateQuery = protectedProcedure
  .meta({ cacheSeconds: 60 })
  .input(z.void())
  .output(ok)
  .query(answer);
const appRouter = createTRPCRouter({ ...router._def.record, mine: { list: privateQuery } });

let testDb: TestDatabase;
const servers: ReturnType<typeof createHTTPServer>[] = [];
const urls: string[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase(inject('databaseAdminUrl'));
  // Two instances on one database: the limit is shared.
  for (let i = 0; i < 2; i++) {
    const services = {
      db: testDb.db,
      rateLimiter: createRateLimiter({ db: testDb.db }),
      accounts: createAccountsService({ db: testDb.db }),
      clientKeyOf: clientKeys(),
    } as unknown as Services;
    const server = createHTTPServer({
      router: appRouter,
      basePath: '/trpc/',
      createContext: ({ req }) =>
        createTRPCContext({
          services,
          logger: silentLogger,
          requestId: 'test',
          sessionCookie: {
            token: req.headers['x-test-session'] as string | undefined,
            set: () => undefined,
            clear: () => undefined,
          },
          clientIp: String(req.headers['x-test-client'] ?? req.socket.remoteAddress),
        }),
      responseMeta: (opts) =>
        responseHeaders(opts, {
          // Stands in for "a user is signed in" until accounts' context has `user`.
          isPersonal: (ctx) => ctx?.clientKey === '192.0.2.99',
        }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await testDb.destroy();
});

const get = (paths: string, input?: unknown, headers: Record<string, string> = {}, instance = 0) =>
  fetch(
    `${urls[instance]}/trpc/${paths}${input === undefined ? '' : `?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`}`,
    { headers },
  );

describe('Cache-Control', () => {
  it('lets browsers and CDNs reuse a public cacheable query', async () => {
    const response = await get('probe.longCache');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=600');
  });

  it('takes the shortest lifetime of a batch of cacheable queries', async () => {
    const response = await get('probe.longCache,probe.shortCache', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('sends no-store when one call of a batch is not cacheable', async () => {
    const response = await get('probe.longCache,probe.noCache', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('sends no-store when a call failed', async () => {
    const single = await get('probe.failing', { 0: { n: 99 } });
    expect(single.status).toBe(400);
    expect(single.headers.get('cache-control')).toBe('no-store');
    const batch = await get('probe.longCache,probe.failing', { 1: { n: 99 } });
    expect(batch.headers.get('cache-control')).toBe('no-store');
  });

  it('sends no-store for a protected query even when it declares cacheSeconds', async () => {
    const { session } = await createAccountsService({ db: testDb.db }).signUp(
      'headers@example.com',
      'correct horse battery',
    );
    const response = await get('mine.list', undefined, { 'x-test-session': session.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('never marks a personal answer public, even for a cacheable query', async () => {
    const response = await get('probe.longCache', undefined, { 'x-test-client': '192.0.2.99' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('sends no-store for a mutation', async () => {
    const response = await fetch(`${urls[0]}/trpc/probe.change`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ n: 1 }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('rate limit', () => {
  it('counts a shared limit across instances and refuses the call over it with Retry-After', async () => {
    const client = { 'x-test-client': '198.51.100.1' };
    const statuses = [];
    for (const instance of [0, 1, 0]) {
      statuses.push((await get('probe.limited', undefined, client, instance)).status);
    }
    expect(statuses).toEqual([200, 200, 200]);

    const refused = await get('probe.limited', undefined, client, 1);
    expect(refused.status).toBe(429);
    // The window started with the first call, moments ago.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    const body = (await refused.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(body.error.message).toBe(
      `Too many requests to probe.limited: at most 3 every 60 seconds. Please try again in ${retryAfter} seconds.`,
    );
  });

  it('counts an instance-scoped limit in each instance on its own', async () => {
    const client = { 'x-test-client': '198.51.100.4' };
    const statuses = [];
    for (const instance of [0, 0, 1, 1, 0, 1]) {
      statuses.push((await get('probe.limitedHere', undefined, client, instance)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('counts each client on its own', async () => {
    const other = await get('probe.limited', undefined, { 'x-test-client': '198.51.100.2' });
    expect(other.status).toBe(200);
  });

  it('does not limit procedures without meta.rateLimit', async () => {
    const client = { 'x-test-client': '198.51.100.3' };
    for (let i = 0; i < 5; i++) {
      expect((await get('probe.noCache', undefined, client)).status).toBe(200);
    }
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@skycast/db/testing';

import { createRateLimiter } from '../src/rate-limit.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(inject('databaseAdminUrl'));
});
afterAll(() => testDb.destroy());

const perMinute = (max: number) => ({ max, windowSeconds: 60 });

describe('the per-instance limit in memory', () => {
  it('counts each client in its own window and lets it back once the window ends', async () => {
    let clock = 1_000_000;
    const limiter = createRateLimiter({ db: testDb.db, now: () => clock });
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.hit('p', '192.0.2.1', perMinute(3)));
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]?.retryAfterSeconds).toBe(60);
    expect((await limiter.hit('p', '192.0.2.2', perMinute(3))).allowed).toBe(true);
    // Another procedure, or the same one with another limit, counts apart.
    expect((await limiter.hit('q', '192.0.2.1', perMinute(3))).allowed).toBe(true);
    clock += 60_000;
    expect((await limiter.hit('p', '192.0.2.1', perMinute(3))).allowed).toBe(true);
  });

  it('stays within its bytes under 100,000 distinct clients, and still refuses the one that keeps calling', async () => {
    const memoryBytes = 1024 * 1024;
    const limiter = createRateLimiter({ db: testDb.db, memoryBytes });
    let hammering = { allowed: true };
    for (let i = 0; i < 100_000; i++) {
      await limiter.hit(
        'weather.forecast',
        `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        perMinute(240),
      );
      if (i % 100 === 0)
        hammering = await limiter.hit('weather.forecast', '192.0.2.9', perMinute(240));
      expect(limiter.memory.bytes).toBeLessThanOrEqual(memoryBytes);
    }
    // 1,000 calls from one client in the flood: the last ones refused.
    expect(hammering.allowed).toBe(false);
    expect(limiter.memory.keys).toBeLessThan(100_000);
  });

  it('drops the counts of windows that ended', async () => {
    let clock = 5_000_000;
    const limiter = createRateLimiter({ db: testDb.db, now: () => clock });
    for (let i = 0; i < 1_000; i++) await limiter.hit('p', `198.51.100.${i}`, perMinute(10));
    expect(limiter.memory.keys).toBe(1_000);
    clock += 61_000;
    await limiter.hit('p', '203.0.113.1', perMinute(10));
    expect(limiter.memory.keys).toBe(1);
  });

  it('counts shared limits in PostgreSQL, not in memory', async () => {
    const limiter = createRateLimiter({ db: testDb.db });
    const shared = { max: 2, windowSeconds: 60, scope: 'shared' as const };
    const verdicts = [];
    for (let i = 0; i < 3; i++)
      verdicts.push(await limiter.hit('auth.signUp', '192.0.2.5', shared));
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, false]);
    expect(limiter.memory.keys).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@skycast/db/testing';

import { bucketFor, createNewPlacesBudget, reserveOf } from '../src/weather/new-places-budget.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase(inject('databaseAdminUrl'));
});
afterAll(() => testDb.destroy());

describe('the per-client bucket of new places', () => {
  it('grants exactly its capacity to 40 concurrent takes, the first of them marked first', async () => {
    const budget = createNewPlacesBudget(testDb.db, { capacity: 10, perMinute: 1 });
    const charges = await Promise.all(Array.from({ length: 40 }, () => budget.take('192.0.2.1')));
    expect(charges.filter((charge) => charge.allowed)).toHaveLength(10);
    expect(charges.filter((charge) => charge.first)).toHaveLength(1);
    const refused = charges.find((charge) => !charge.allowed);
    // One place comes back a minute.
    expect(refused?.retryAfterSeconds).toBeGreaterThan(50);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('fills again at its rate, and is first again only once full', async () => {
    // 600 a minute: one place back every 100 ms.
    const budget = createNewPlacesBudget(testDb.db, { capacity: 3, perMinute: 600 });
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push(await budget.take('192.0.2.2'));
    expect(taken.map((charge) => charge.first)).toEqual([true, false, false]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const refilled = await budget.take('192.0.2.2');
    expect(refilled).toMatchObject({ allowed: true, first: false });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await budget.take('192.0.2.2')).toMatchObject({ allowed: true, first: true });
  });

  it('keeps clients apart', async () => {
    const budget = createNewPlacesBudget(testDb.db, { capacity: 1, perMinute: 1 });
    expect((await budget.take('192.0.2.3')).allowed).toBe(true);
    expect((await budget.take('192.0.2.3')).allowed).toBe(false);
    expect(await budget.take('192.0.2.4')).toMatchObject({ allowed: true, first: true });
  });
});

describe('sizing against the provider budget', () => {
  it('keeps a tenth of each window for first places', () => {
    expect(reserveOf(600)).toBe(60);
    expect(reserveOf(10)).toBe(1);
    expect(reserveOf(1)).toBe(0);
  });

  it('fills a bucket by no more than a twentieth of what the shortest window leaves', () => {
    expect(
      bucketFor(60, [
        { windowSeconds: 3_600, capacity: 5_000 },
        { windowSeconds: 60, capacity: 600 },
      ]),
    ).toEqual({ capacity: 60, perMinute: 27 });
    expect(bucketFor(10, [{ windowSeconds: 60, capacity: 600 }])).toEqual({
      capacity: 10,
      perMinute: 10,
    });
    expect(bucketFor(60, [])).toEqual({ capacity: 60, perMinute: 60 });
  });
});

import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApi, type TestApi } from './test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

/** Points on a grid no other test uses, each its own cache cell. */
const newPlaces = (count: number, row: number) =>
  Array.from({ length: count }, (_, i) => ({ latitude: -60 + row, longitude: -170 + i }));

async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe('the per-client budget of new places', () => {
  it('lets one address make us fetch only its budget, giving null for the rest, and others still get theirs', async () => {
    const strict = api.instance({ newPlacesPerMinute: 10 });
    const flooder = strict.browser({ ip: '203.0.113.66' });
    api.stub.resetCalls();

    const places = newPlaces(20, 0);
    const first = await flooder.api.weather.summaries({ places });
    expect(first.filter((summary) => summary !== null)).toHaveLength(10);
    const fetched = places.filter((_, i) => first[i] !== null);
    const second = await flooder.api.weather.summaries({ places: newPlaces(20, 1) });
    expect(second.every((summary) => summary === null)).toBe(true);
    expect(api.stub.calls('/v1/forecast')).toBe(10);

    // Places already fetched cost nothing, and someone else is not held back.
    const again = await flooder.api.weather.summaries({ places: fetched });
    expect(again.every((summary) => summary !== null)).toBe(true);
    const neighbour = strict.browser({ ip: '203.0.113.67' });
    const theirs = await neighbour.api.weather.forecast(newPlaces(1, 2)[0]!);
    expect(theirs.stale).toBe(false);
  });

  it('answers a single new place over the budget with TOO_MANY_REQUESTS in words', async () => {
    const strict = api.instance({ newPlacesPerMinute: 1 });
    const client = strict.browser({ ip: '203.0.113.70' });
    await client.api.weather.forecast(newPlaces(1, 3)[0]!);
    const refused = await client.api.weather.forecast(newPlaces(2, 3)[1]!).then(
      () => undefined,
      (error: unknown) => error as TRPCError,
    );
    expect(refused?.code).toBe('TOO_MANY_REQUESTS');
    expect(refused?.message).toMatch(/more new places than we fetch for one visitor in a minute/);
  });
});

describe('the shared provider budget under concurrency', () => {
  it('takes 50 concurrent new places on two instances without a deadlock or an internal error', async () => {
    const quotas = {
      'open-meteo': [
        { windowSeconds: 60, capacity: 600 },
        { windowSeconds: 3_600, capacity: 5_000 },
      ],
    };
    const a = api.instance({ quotas });
    const b = api.instance({ quotas });
    api.stub.resetCalls();
    const outcomes = await Promise.all(
      newPlaces(50, 4).map((place, i) =>
        outcomeOf((i % 2 === 0 ? a : b).browser().api.weather.forecast(place)),
      ),
    );
    expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
    expect(api.stub.calls('/v1/forecast')).toBe(50);
  });
});

describe('sign-up from one address', () => {
  it('is limited across instances, so accounts cannot be made (or emails tried) at scale', async () => {
    const a = api.instance();
    const b = api.instance();
    const ip = '198.51.100.250';
    const outcomes: string[] = [];
    for (let i = 0; i < 11; i++) {
      const instance = i % 2 === 0 ? a : b;
      outcomes.push(
        await outcomeOf(
          instance.browser({ ip }).api.auth.signUp({
            email: `many${i}@limits.example`,
            password: 'a long and unusual passphrase',
          }),
        ),
      );
    }
    expect(outcomes.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 'ok'));
    expect(outcomes[10]).toBe('TOO_MANY_REQUESTS');
    expect(
      await outcomeOf(
        a.browser({ ip: '198.51.100.251' }).api.auth.signUp({
          email: 'someone-else@limits.example',
          password: 'a long and unusual passphrase',
        }),
      ),
    ).toBe('ok');
  });
});

describe('one IPv6 /64 is one client in every limit', () => {
  /** Distinct addresses of one /64, as one host may use them all. */
  const sameNet = (net: string) => (i: number) => `${net}:${(i + 1).toString(16)}:0:0:${i + 7}`;

  it('counts sign-ups from anywhere in a /64 together, and a neighbouring /64 apart', async () => {
    const a = api.instance();
    const address = sameNet('2001:db8:20:1');
    const outcomes: string[] = [];
    for (let i = 0; i < 11; i++) {
      outcomes.push(
        await outcomeOf(
          a.browser({ ip: address(i) }).api.auth.signUp({
            email: `v6-${i}@limits.example`,
            password: 'a long and unusual passphrase',
          }),
        ),
      );
    }
    expect(outcomes.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 'ok'));
    expect(outcomes[10]).toBe('TOO_MANY_REQUESTS');
    expect(
      await outcomeOf(
        a.browser({ ip: '2001:db8:20:2::1' }).api.auth.signUp({
          email: 'v6-neighbour@limits.example',
          password: 'a long and unusual passphrase',
        }),
      ),
    ).toBe('ok');
  });

  it('locks sign-in tries against many accounts from one /64 at the per-address limit', async () => {
    const a = api.instance({
      throttle: {
        account: { maxFailures: 10, windowMs: 60_000, lockMs: 60_000 },
        ip: { maxFailures: 5, windowMs: 60_000, lockMs: 60_000 },
      },
    });
    const address = sameNet('2001:db8:21:1');
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      outcomes.push(
        await outcomeOf(
          a.browser({ ip: address(i) }).api.auth.signIn({
            email: `nobody-${i}@limits.example`,
            password: 'a guessed passphrase',
          }),
        ),
      );
    }
    expect(outcomes.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => 'UNAUTHORIZED'));
    expect(outcomes.slice(5)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
  });

  it('charges new places from anywhere in a /64 to one budget', async () => {
    const strict = api.instance({ newPlacesPerMinute: 3 });
    const address = sameNet('2001:db8:22:1');
    api.stub.resetCalls();
    const outcomes: string[] = [];
    for (const [i, place] of newPlaces(5, 5).entries()) {
      outcomes.push(
        await outcomeOf(strict.browser({ ip: address(i) }).api.weather.forecast(place)),
      );
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect(api.stub.calls('/v1/forecast')).toBe(3);
  });

  it('limits reads from anywhere in a /64 as from one address', async () => {
    const a = api.instance();
    const address = sameNet('2001:db8:23:1');
    const place = { latitude: 1, longitude: 1, days: 1 };
    const outcomes: string[] = [];
    // weather.sunAndMoon allows 60 calls a minute per client.
    for (let i = 0; i < 61; i++) {
      outcomes.push(await outcomeOf(a.browser({ ip: address(i) }).api.weather.sunAndMoon(place)));
    }
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(60);
    expect(outcomes[60]).toBe('TOO_MANY_REQUESTS');
  });
});

describe('a fair share of the provider budget', () => {
  it('gives a newcomer their first place while hungry clients, throttled, have spent the rest', async () => {
    // 100 calls a window (61 s: a budget no other test here spends), 10 kept
    // for first places; each client's bucket holds 15 places and fills again
    // by a twentieth of the other 90 (about 4.4 a minute).
    const quotas = { 'open-meteo': [{ windowSeconds: 61, capacity: 100 }] };
    const fair = api.instance({ quotas, newPlacesPerMinute: 15 });
    api.stub.resetCalls();
    const hungry = Array.from({ length: 8 }, (_, i) =>
      fair.browser({ ip: `198.51.100.${120 + i}` }),
    );
    let row = 20;
    const got = new Map<number, number>();
    // Two rounds, each client asking for 15 places nobody asked about, all at once.
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(
        hungry.map((client) => client.api.weather.summaries({ places: newPlaces(15, row++) })),
      );
      answers.forEach((answer, i) =>
        got.set(i, (got.get(i) ?? 0) + answer.filter((summary) => summary !== null).length),
      );
    }
    // 240 places asked for; the hungry clients together spent what the reserve
    // leaves, and of the reserve at most their own eight first places.
    expect(api.stub.calls('/v1/forecast')).toBeGreaterThanOrEqual(90);
    expect(api.stub.calls('/v1/forecast')).toBeLessThanOrEqual(98);
    // None took more than its bucket (15, and 4.5 a minute after).
    for (const count of got.values()) expect(count).toBeLessThanOrEqual(16);

    const newcomer = fair.browser({ ip: '198.51.100.199' });
    const first = await newcomer.api.weather.forecast(newPlaces(1, row++)[0]!);
    expect(first.stale).toBe(false);
    expect(api.stub.calls('/v1/forecast')).toBeLessThanOrEqual(100);
  });

  it('still refuses a first place once the whole window, reserve included, is spent', async () => {
    const quotas = { 'open-meteo': [{ windowSeconds: 62, capacity: 10 }] };
    const fair = api.instance({ quotas, newPlacesPerMinute: 20 });
    const outcomes: string[] = [];
    // Eleven newcomers, one place each: nine from the ordinary share, one from the reserve.
    for (let i = 0; i < 11; i++) {
      const client = fair.browser({ ip: `198.51.100.${220 + i}` });
      outcomes.push(await outcomeOf(client.api.weather.forecast(newPlaces(1, 50 + i)[0]!)));
    }
    expect(outcomes.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 'ok'));
    expect(outcomes[10]).toBe('TOO_MANY_REQUESTS');
  });
});

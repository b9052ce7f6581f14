import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApi, type TestApi } from './test-api.ts';

const BERLIN = { latitude: 52.52, longitude: 13.41 };

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

describe('weather.confidence', () => {
  it('labels every day and hour with a reason, and keeps p10 ≤ p50 ≤ p90', async () => {
    const answer = await api.caller.weather.confidence(BERLIN);
    expect(answer.days).toHaveLength(7);
    expect(answer.hours).toHaveLength(7 * 24);
    for (const day of answer.days) {
      expect(['sure', 'likely', 'uncertain']).toContain(day.label);
      expect(day.reason.code).toEqual(expect.any(String));
      expect(day.high!.p10).toBeLessThanOrEqual(day.high!.p50);
      expect(day.high!.p50).toBeLessThanOrEqual(day.high!.p90);
      expect(day.models).toHaveLength(7);
    }
    expect(answer.simulated).toBe(true);
    expect(answer.accuracy).toBeNull();
    expect(answer.models.weightedBy).toBe('equal');
  });

  it('is cached and coalesced per cell: many callers, one call of each kind', async () => {
    const at = { latitude: 48.1374, longitude: 11.5755 };
    api.stub.resetCalls();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        api.instance().caller.weather.confidence({ ...at, longitude: at.longitude + i * 0.001 }),
      ),
    );
    expect(api.stub.calls('/v1/ensemble')).toBe(1);
    // The models and the previous runs.
    expect(api.stub.calls('/v1/forecast')).toBe(2);
    await api.caller.weather.confidence(at);
    expect(api.stub.calls()).toBe(3);
    // Mean and spread (1) + seven models (2.1) + previous runs (1).
    expect(api.stub.weightedCalls()).toBeCloseTo(4.1);
  });

  it('reads the 51 members only when asked, counting wet runs out of 51', async () => {
    api.stub.resetCalls();
    const answer = await api.caller.weather.confidence({ ...BERLIN, members: true });
    expect(answer.ensemble).toEqual({ model: 'ecmwf_ifs025', members: 51 });
    expect(api.stub.weightedCalls()).toBeCloseTo(15.3);
  });

  it('charges the provider budget by weight, not by request', async () => {
    const gated = await createTestApi({
      // 6 calls an hour: a tenth (rounded up, 1) is kept for clients' first places.
      quotas: { 'open-meteo': [{ windowSeconds: 3600, capacity: 6 }] },
    });
    try {
      // 1 + ceil(2.1) + 1 = 5 points: the whole ordinary share.
      await gated.caller.weather.confidence(BERLIN);
      const error = await gated.caller.weather.forecast(BERLIN).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('TOO_MANY_REQUESTS');
      expect(gated.stub.calls('/v1/forecast')).toBe(2);
    } finally {
      await gated.close();
    }
  });

  it('refuses bad coordinates', async () => {
    const error = await api.caller.weather
      .confidence({ latitude: 91, longitude: 0 })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });
});

describe('nightly skill job', () => {
  it('runs once per cell and night across two instances, then blends by local skill', async () => {
    const at = { latitude: 40.42, longitude: -3.7 };
    await api.caller.weather.confidence(at);
    const second = api.instance();
    const [a, b] = await Promise.all([
      api.services.nightlySkill!.run(),
      second.services.nightlySkill!.run(),
    ]);
    const cells = await api.db.selectFrom('forecastSkillRuns').selectAll().execute();
    // Every cell asked about so far, judged by exactly one of the two.
    expect(a.judged + b.judged).toBe(cells.length);
    expect(a.skipped + b.skipped).toBe(cells.length);
    expect(a.failed + b.failed).toBe(0);

    const again = await api.services.nightlySkill!.run();
    expect(again.judged).toBe(0);

    const rows = await api.db
      .selectFrom('forecastSkill')
      .selectAll()
      .where('cellKey', '=', '40.42,-3.7')
      .execute();
    expect(rows.map((row) => row.model).sort()).toEqual(
      [
        'blend',
        'ecmwf_ifs025',
        'gem_seamless',
        'gfs_seamless',
        'icon_seamless',
        'jma_seamless',
        'meteofrance_seamless',
        'ukmo_seamless',
      ].sort(),
    );

    const answer = await api.instance().caller.weather.confidence(at);
    expect(answer.accuracy).toMatchObject({ days: 30 });
    expect(answer.accuracy!.daysWithin).toBeLessThanOrEqual(30);
    expect(answer.models.weightedBy).toBe('skill');
    const weights = answer.models.series.map((s) => s.weight);
    expect(Math.max(...weights)).toBeGreaterThan(Math.min(...weights));
  });
});

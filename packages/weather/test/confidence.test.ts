import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  bandOfMeanAndSpread,
  bandOfMembers,
  buildConfidence,
  COMPARED_MODELS,
  CONFIDENCE_CALL_WEIGHTS,
  confidenceSchema,
  createOpenMeteoConfidence,
  ensembleStatistics,
  labelOf,
  nextDayHighSkill,
  openMeteoCallWeight,
  ProviderError,
  quantile,
  type OpenMeteoConfidence,
} from '../src/index.ts';

const NOW = new Date('2026-02-23T12:37:12Z');
const BERLIN = { latitude: 52.52, longitude: 13.41 };

let stub: WeatherStub;
let client: OpenMeteoConfidence;
beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
  client = createOpenMeteoConfidence({
    forecastUrl: stub.url,
    ensembleUrl: stub.url,
    previousRunsUrl: stub.url,
  });
});
afterAll(() => stub.close());

describe('quantile', () => {
  it('interpolates between order statistics like R type 7', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.1)).toBeCloseTo(1.3);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('keeps p10 ≤ p50 ≤ p90 for any members and any mean and spread', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -80, max: 80, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (members) => {
          const band = bandOfMembers(members)!;
          return band.p10 <= band.p50 && band.p50 <= band.p90;
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -5, max: 50, noNaN: true }),
        fc.boolean(),
        (mean, spread, floored) => {
          const band = bandOfMeanAndSpread(mean, spread, floored ? 0 : -Infinity);
          return band.p10 <= band.p50 && band.p50 <= band.p90;
        },
      ),
    );
  });
});

describe('labels', () => {
  it('are sure below 0.5, likely below 1 and uncertain from 1', () => {
    expect(labelOf(0.2)).toBe('sure');
    expect(labelOf(0.5)).toBe('likely');
    expect(labelOf(0.99)).toBe('likely');
    expect(labelOf(1)).toBe('uncertain');
  });
});

describe('call weight', () => {
  it('counts ten columns as a call and more than two weeks as more', () => {
    expect(openMeteoCallWeight({ columns: 3, days: 7 })).toBe(1);
    expect(openMeteoCallWeight({ columns: 153, days: 7 })).toBeCloseTo(15.3);
    expect(openMeteoCallWeight({ columns: 16, days: 31 })).toBeCloseTo(1.6 * (31 / 14));
  });

  it("matches the stub's weighted counter for every confidence call", async () => {
    stub.resetCalls();
    const weights = [
      (await client.ensembleMean(BERLIN)).weight,
      (await client.models(BERLIN)).weight,
      (await client.previousRuns(BERLIN)).weight,
      (await client.ensembleMembers(BERLIN)).weight,
      (await client.skillHistory(BERLIN)).weight,
    ];
    expect(stub.weightedCalls()).toBeCloseTo(
      weights.reduce((a, b) => a + b, 0),
      6,
    );
    expect(weights[0]).toBe(1);
    expect(weights).toEqual([
      CONFIDENCE_CALL_WEIGHTS.ensembleMean,
      CONFIDENCE_CALL_WEIGHTS.models,
      CONFIDENCE_CALL_WEIGHTS.previousRuns,
      CONFIDENCE_CALL_WEIGHTS.ensembleMembers('ecmwf_ifs025'),
      CONFIDENCE_CALL_WEIGHTS.skillHistory,
    ]);
  });
});

describe('contract: the ensemble mean and spread', () => {
  it("equal Skycast's own statistics over the raw members", async () => {
    const [mean, members] = await Promise.all([
      client.ensembleMean(BERLIN),
      client.ensembleMembers(BERLIN, 'ecmwf_ifs025'),
    ]);
    expect(members.data.members.temperature[0]).toHaveLength(51);
    for (const variable of ['temperature', 'precipitation', 'wind'] as const) {
      for (const hour of [0, 30, 100, 160]) {
        const own = ensembleStatistics(members.data.members[variable][hour]!)!;
        expect(mean.data.mean[variable][hour]).toBeCloseTo(own.mean, 1);
        expect(mean.data.spread[variable][hour]).toBeCloseTo(own.spread, 1);
      }
    }
  });
});

describe('buildConfidence', () => {
  it('labels every hour and day, widening with lead time, in the schema the API serves', async () => {
    const [ensemble, models, previousRuns] = await Promise.all([
      client.ensembleMean(BERLIN),
      client.models(BERLIN),
      client.previousRuns(BERLIN),
    ]);
    const confidence = buildConfidence({
      ensemble: { kind: 'mean', data: ensemble.data },
      models: models.data,
      previousRuns: previousRuns.data,
    });
    expect(confidenceSchema.parse(confidence)).toEqual(confidence);
    expect(confidence.days).toHaveLength(7);
    expect(confidence.hours).toHaveLength(7 * 24);
    const width = (i: number) => confidence.days[i]!.high!.p90 - confidence.days[i]!.high!.p10;
    expect(width(6)).toBeGreaterThan(width(0));
    expect(confidence.days[0]!.label).not.toBe('uncertain');
    expect(confidence.days[6]!.label).toBe('uncertain');
    expect(confidence.models.weightedBy).toBe('equal');
  });

  it('counts wet members out of 51 when read member by member', async () => {
    const [ensemble, models] = await Promise.all([
      client.ensembleMembers(BERLIN),
      client.models(BERLIN),
    ]);
    const confidence = buildConfidence({
      ensemble: { kind: 'members', data: ensemble.data },
      models: models.data,
      previousRuns: null,
    });
    expect(confidence.ensemble).toEqual({ model: 'ecmwf_ifs025', members: 51 });
    for (const hour of confidence.hours) {
      for (const band of [hour.temperature, hour.precipitation, hour.wind]) {
        expect(band!.p10).toBeLessThanOrEqual(band!.p50);
        expect(band!.p50).toBeLessThanOrEqual(band!.p90);
      }
    }
    const split = confidence.days.map((d) => d.reason).find((r) => r.of === 51);
    expect(split?.wet).toBeGreaterThanOrEqual(0);
  });

  it('treats a model past its horizon as missing, not as zero', async () => {
    const [ensemble, models] = await Promise.all([
      client.ensembleMean(BERLIN),
      client.models(BERLIN),
    ]);
    const confidence = buildConfidence({
      ensemble: { kind: 'mean', data: ensemble.data },
      models: models.data,
      previousRuns: null,
    });
    const last = confidence.days[6]!;
    // Météo-France reaches 102 hours, ICON 180: neither covers the seventh day whole.
    expect(last.models.find((m) => m.model === 'meteofrance_seamless')!.high).toBeNull();
    expect(last.models.find((m) => m.model === 'ecmwf_ifs025')!.high).toEqual(expect.any(Number));
    expect(last.blendHigh).toEqual(expect.any(Number));
    const first = confidence.models.series.find((s) => s.model === 'meteofrance_seamless')!;
    expect(first.temperature.at(-1)).toBeNull();
  });

  it('notes a changed high when the runs of the last days moved it', async () => {
    const [ensemble, models, previousRuns] = await Promise.all([
      client.ensembleMean(BERLIN),
      client.models(BERLIN),
      client.previousRuns(BERLIN),
    ]);
    const confidence = buildConfidence({
      ensemble: { kind: 'mean', data: ensemble.data },
      models: models.data,
      previousRuns: previousRuns.data,
    });
    const changes = confidence.days.flatMap((d) => (d.change ? [d.change] : []));
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(Math.abs(change.highNow - change.highThen)).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('skill', () => {
  it('gives each model a 30-day error and blends them by it', async () => {
    const { data } = await client.skillHistory(BERLIN);
    const skill = nextDayHighSkill(data, '2026-02-23');
    expect(skill.map((s) => s.model)).toEqual([...COMPARED_MODELS, 'blend']);
    for (const s of skill) {
      expect(s.days).toBe(30);
      expect(s.meanAbsoluteError).toBeGreaterThan(0);
      expect(s.daysWithin).toBeLessThanOrEqual(30);
    }
    const blend = skill.at(-1)!;
    const worst = Math.max(...skill.slice(0, -1).map((s) => s.meanAbsoluteError));
    expect(blend.meanAbsoluteError).toBeLessThan(worst);
  });
});

describe('bad answers', () => {
  it('refuses an implausible or misshapen ensemble as malformed', async () => {
    stub.setFault({ mode: 'malformed', endpoints: ['/v1/ensemble'] });
    try {
      const error = await client.ensembleMean(BERLIN).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe('malformed');
    } finally {
      stub.setFault(null);
    }
  });
});

import {
  archiveHalfRange,
  archiveSeasonalMean,
  siteAt,
  startWeatherStub,
  type WeatherStub,
} from '@skycast/weather-stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  archiveCallWeight,
  createOpenMeteoArchive,
  fetchCellNormals,
  leapDayOfYear,
  NORMALS_CALL_WEIGHT,
  NORMALS_REQUESTS,
  type ProviderError,
} from '../src/index.ts';
import { startRelay } from './relay.ts';

const NOW = new Date('2026-12-07T06:00:00Z');
const SYDNEY = { latitude: -33.87, longitude: 151.21, timeZone: 'Australia/Sydney' };
const AUCKLAND = { latitude: -36.85, longitude: 174.76, timeZone: 'Pacific/Auckland' };

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub({ now: () => NOW });
});
afterAll(() => stub.close());

const weighed: number[] = [];
const countingCall = <T>(weight: number, action: () => Promise<T>) => {
  weighed.push(weight);
  return action();
};

describe('Open-Meteo archive', () => {
  it('computes normals near the simulation’s known cycle, warm in January in Sydney, one call per decade', async () => {
    stub.resetCalls();
    weighed.length = 0;
    const archive = createOpenMeteoArchive({ archiveUrl: stub.url });
    const { data: normals, simulated } = await fetchCellNormals(archive, SYDNEY, countingCall);
    expect(simulated).toBe(true);
    expect(stub.calls('/v1/archive')).toBe(NORMALS_REQUESTS.length);
    expect(weighed.reduce((sum, weight) => sum + weight, 0)).toBe(NORMALS_CALL_WEIGHT);
    expect(normals).toHaveLength(366);

    const site = siteAt(SYDNEY.latitude, SYDNEY.longitude);
    for (const date of ['2020-01-20', '2020-04-15', '2020-07-20']) {
      const day = normals[leapDayOfYear(date)]!;
      const expected = archiveSeasonalMean(site, leapDayOfYear(date)) + archiveHalfRange(site);
      expect(Math.abs(day.highMean - expected)).toBeLessThan(1.5);
      expect(day.highP10).toBeLessThan(day.highMean);
      expect(day.highP90).toBeGreaterThan(day.highMean);
      expect(day.recordHigh).toBeGreaterThanOrEqual(day.highP90);
      expect(day.recordLow).toBeLessThanOrEqual(day.lowP10);
      expect(day.recordHighYear).toBeGreaterThanOrEqual(1950);
    }
    expect(normals[leapDayOfYear('2020-01-20')]!.highMean).toBeGreaterThan(
      normals[leapDayOfYear('2020-07-20')]!.highMean,
    );
  });

  it('asks for local days of the place’s zone: lows differ from GMT-bucketed days', async () => {
    const archive = createOpenMeteoArchive({ archiveUrl: stub.url });
    const query = {
      startDate: '2015-01-01',
      endDate: '2015-01-31',
      variables: ['temperature_2m_min'] as const,
    };
    const local = await archive.daily({ ...AUCKLAND, ...query });
    const utc = await archive.daily({ ...AUCKLAND, ...query, timeZone: 'GMT' });
    expect(local.data.map((day) => day.date)).toEqual(utc.data.map((day) => day.date));
    expect(local.data.map((day) => day.low)).not.toEqual(utc.data.map((day) => day.low));
  });

  it('refuses an answer with days missing, a low above its high, or an impossible value', async () => {
    const bodies = [
      { time: ['2015-01-01'], temperature_2m_max: [20], temperature_2m_min: [10] },
      {
        time: ['2015-01-01', '2015-01-02'],
        temperature_2m_max: [20, 5],
        temperature_2m_min: [10, 9],
      },
      {
        time: ['2015-01-01', '2015-01-02'],
        temperature_2m_max: [20, 95],
        temperature_2m_min: [10, 9],
      },
    ];
    for (const daily of bodies) {
      const relay = await startRelay(() =>
        Promise.resolve({
          status: 200,
          body: JSON.stringify({ latitude: 1, longitude: 1, timezone: 'GMT', daily }),
        }),
      );
      const archive = createOpenMeteoArchive({ archiveUrl: relay.url });
      await expect(
        archive.daily({
          ...AUCKLAND,
          startDate: '2015-01-01',
          endDate: '2015-01-02',
          variables: ['temperature_2m_max', 'temperature_2m_min'],
        }),
      ).rejects.toMatchObject({ kind: 'malformed' } satisfies Partial<ProviderError>);
      await relay.close();
    }
  });

  it('weighs a decade of four variables as Open-Meteo counts it, and every request under a minute’s budget', () => {
    expect(
      archiveCallWeight({
        startDate: '1991-01-01',
        endDate: '2000-12-31',
        variables: [
          'temperature_2m_max',
          'temperature_2m_min',
          'temperature_2m_mean',
          'precipitation_sum',
        ],
      }),
    ).toBe(261);
    expect(
      archiveCallWeight({
        startDate: '2000-01-01',
        endDate: '2000-01-01',
        variables: ['temperature_2m_max'],
      }),
    ).toBe(1);
    for (const request of NORMALS_REQUESTS) expect(archiveCallWeight(request)).toBeLessThan(300);
  });
});

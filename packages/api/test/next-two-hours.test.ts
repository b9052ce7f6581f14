import { describe, expect, it } from 'vitest';

import type { Minutely15 } from '@skycast/weather';

import { nextTwoHours } from '../src/weather/next-two-hours.ts';

const NOW = '2026-02-23T13:37';
const TIMES = [
  '2026-02-23T13:30',
  '2026-02-23T13:45',
  '2026-02-23T14:00',
  '2026-02-23T14:15',
  '2026-02-23T14:30',
  '2026-02-23T14:45',
  '2026-02-23T15:00',
  '2026-02-23T15:15',
  '2026-02-23T15:30',
  '2026-02-23T15:45',
];

/** Steps from 13:30 on with these amounts (mm per 15 minutes); snow where `snow` says. */
function steps(amounts: number[], interpolated = false, snow: boolean[] = []): Minutely15 {
  return {
    interpolated,
    steps: amounts.map((precipitation, i) => ({
      time: TIMES[i]!,
      precipitation,
      rain: snow[i] ? 0 : precipitation,
      snowfall: snow[i] ? precipitation * 0.7 : 0,
    })),
  };
}

describe('nextTwoHours', () => {
  it('says there is none for two dry hours, starting with the step that ends after now', () => {
    const answer = nextTwoHours(steps([3, 0, 0, 0, 0, 0, 0, 0, 0, 0]), NOW, 'metric')!;
    expect(answer.summary).toBe('No rain or snow for the next 2 hours.');
    expect(answer.outlook).toEqual({ change: 'dry', kind: 'none', intensity: 'none', at: null });
    expect(answer.steps.map((step) => step.time)).toEqual(TIMES.slice(1, 9));
  });

  it('says when rain starts, from the start of the first wet 15 minutes, at its heaviest', () => {
    const answer = nextTwoHours(steps([0, 0, 0, 0, 0.3, 0.5, 0.2, 0, 0, 0]), NOW, 'metric')!;
    // The 14:30 step covers 14:15–14:30; 0.5 mm in 15 minutes is 2 mm/h: light.
    expect(answer.summary).toBe('Light rain starting around 14:15.');
    // The same in parts, for a client that words it in another language.
    expect(answer.outlook).toEqual({
      change: 'starting',
      kind: 'rain',
      intensity: 'light',
      at: '14:15',
    });
    expect(answer.steps[3]).toEqual({
      time: '2026-02-23T14:30',
      precipitation: 0.3,
      kind: 'rain',
      intensity: 'light',
    });
  });

  it('says when rain that is falling stops, or that it goes on', () => {
    expect(nextTwoHours(steps([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]), NOW, 'metric')!.summary).toBe(
      'Moderate rain stopping around 14:00.',
    );
    expect(nextTwoHours(steps(Array.from({ length: 10 }, () => 2.5)), NOW, 'metric')!.summary).toBe(
      'Heavy rain for the next 2 hours.',
    );
    expect(nextTwoHours(steps([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]), NOW, 'metric')!.outlook).toEqual({
      change: 'stopping',
      kind: 'rain',
      intensity: 'moderate',
      at: '14:00',
    });
    expect(
      nextTwoHours(steps(Array.from({ length: 10 }, () => 2.5)), NOW, 'metric')!.outlook,
    ).toEqual({ change: 'continuing', kind: 'rain', intensity: 'heavy', at: null });
  });

  it('names snow, and rain and snow together', () => {
    const snow = Array.from({ length: 10 }, () => true);
    expect(
      nextTwoHours(
        steps(
          Array.from({ length: 10 }, () => 0.2),
          false,
          snow,
        ),
        NOW,
        'metric',
      )!.summary,
    ).toBe('Light snow for the next 2 hours.');
  });

  it('says so when the steps are interpolated from hourly values', () => {
    const answer = nextTwoHours(steps([0, 0, 0, 0, 0.3, 0, 0, 0, 0, 0], true), NOW, 'metric')!;
    expect(answer.interpolated).toBe(true);
    expect(answer.summary).toBe(
      'Light rain starting around 14:15 (timing estimated from hourly forecasts).',
    );
  });

  it('gives amounts in inches for imperial units', () => {
    const answer = nextTwoHours(steps(Array.from({ length: 10 }, () => 2.54)), NOW, 'imperial')!;
    expect(answer.steps[0]!.precipitation).toBe(0.1);
  });

  it('gives nothing rather than a short answer when the steps no longer reach two hours ahead', () => {
    expect(nextTwoHours(steps([0, 0, 0, 0, 0, 0, 0, 0]), NOW, 'metric')).toBeNull();
    expect(nextTwoHours(null, NOW, 'metric')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { ALWAYS, watchRuleSchema, watchScheduleSchema, WATCH_KINDS } from '@skycast/validators';

import { draftOf, fieldErrors, inputOf, newDraft } from './watch-draft.ts';
import { KIND_FORMS } from './watch-kinds.ts';

const imperial = { temperature: '°F', windSpeed: 'mph', precipitation: 'inch' } as const;
const metric = { temperature: '°C', windSpeed: 'km/h', precipitation: 'mm' } as const;
const checked = z.object({ rule: watchRuleSchema, schedule: watchScheduleSchema });
const words = {
  notANumber: 'not a number',
  wholeNumber: 'not whole',
  atLeast: (value: string) => `at least ${value}`,
  atMost: (value: string) => `at most ${value}`,
};

describe('watch form drafts', () => {
  it('shows thresholds in the person’s units and sends them back in °C and km/h', () => {
    const rule = {
      kind: 'temperature',
      direction: 'below',
      threshold: 0,
      horizon: { tonight: true },
    } as const;
    const draft = draftOf(rule, ALWAYS, imperial);
    expect(draft.fields.threshold).toBe('32');
    expect(draft.fields['horizon.mode']).toBe('tonight');
    expect(checked.parse(inputOf(draft, imperial)).rule).toEqual(rule);

    const edited = {
      ...draft,
      fields: { ...draft.fields, threshold: '50', 'horizon.mode': 'hours', 'horizon.hours': '12' },
    };
    expect(checked.parse(inputOf(edited, imperial)).rule).toEqual({
      ...rule,
      threshold: 10,
      horizon: { hours: 12 },
    });
  });

  it('converts every condition of an "all of" watch by its own quantity', () => {
    const draft = draftOf(
      {
        kind: 'all-of',
        conditions: [
          { metric: 'windSpeed', direction: 'below', value: 16.09344 },
          { metric: 'precipitation', direction: 'below', value: 2.54 },
          { metric: 'uvIndex', direction: 'below', value: 7 },
        ],
      },
      ALWAYS,
      imperial,
    );
    expect(draft.conditions.map((condition) => condition.value)).toEqual(['10', '0.1', '7']);
  });

  it('reads a decimal comma, and keeps the schedule with its quiet hours', () => {
    const schedule = {
      days: [1, 2, 3, 4, 5],
      from: '06:00',
      until: '09:00',
      quiet: { from: '22:00', until: '07:00' },
    };
    const draft = draftOf({ kind: 'uv', threshold: 6, hours: 12 }, schedule, metric);
    const input = checked.parse(
      inputOf({ ...draft, fields: { ...draft.fields, threshold: '6,5' } }, metric),
    );
    expect(input).toEqual({ rule: { kind: 'uv', threshold: 6.5, hours: 12 }, schedule });
  });

  it('names a refused bound in the person’s units and a non-number as such, beside the field', () => {
    const draft = newDraft('temperature', imperial);
    const tooHot = { ...draft, fields: { ...draft.fields, threshold: '200' } };
    const refused = checked.safeParse(inputOf(tooHot, imperial));
    expect(fieldErrors(tooHot, refused.error?.issues ?? [], imperial, words)).toEqual({
      'rule.threshold': 'at most 140',
    });
    const garbled = { ...draft, fields: { ...draft.fields, threshold: 'warm' }, days: [] };
    const errors = fieldErrors(
      garbled,
      checked.safeParse(inputOf(garbled, imperial)).error?.issues ?? [],
      imperial,
      words,
    );
    expect(errors['rule.threshold']).toBe('not a number');
    expect(errors['schedule.days']).toMatch(/>=1|at least/i);
  });

  it('has a form whose defaults the API accepts for each kind it offers', () => {
    const offered = WATCH_KINDS.filter((kind) => KIND_FORMS[kind]);
    expect(offered.length).toBeGreaterThanOrEqual(9);
    for (const kind of offered)
      expect(checked.safeParse(inputOf(newDraft(kind, imperial), imperial)).success).toBe(true);
  });
});

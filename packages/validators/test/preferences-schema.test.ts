import { describe, expect, it } from 'vitest';

import { preferencesChangeSchema, preferencesSchema } from '../src/index.ts';

const ACCOUNT = {
  units: 'metric',
  windUnit: 'kmh',
  precipitationUnit: null,
  pressureUnit: null,
  distanceUnit: null,
  clock: null,
  theme: 'system',
  language: 'auto',
} as const;

describe('the one preferences record', () => {
  it('lets an account leave its precipitation, pressure, distance and clock unchosen', () => {
    expect(preferencesSchema.parse(ACCOUNT)).toEqual(ACCOUNT);
    expect(preferencesSchema.safeParse({ ...ACCOUNT, units: null }).success).toBe(false);
  });

  it('takes a change of any settings, each a value, and refuses unknown ones', () => {
    expect(preferencesChangeSchema.parse({ pressureUnit: 'mmHg', language: 'ar' })).toEqual({
      pressureUnit: 'mmHg',
      language: 'ar',
    });
    expect(preferencesChangeSchema.safeParse({ clock: null }).success).toBe(false);
    expect(preferencesChangeSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});

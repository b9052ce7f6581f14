import { describe, expect, it } from 'vitest';

import {
  emailSchema,
  newPasswordSchema,
  passwordContainsEmail,
  placeKey,
  placeNameSchema,
  placeToSaveSchema,
  roundCoordinate,
  signUpInputSchema,
} from '../src/index.ts';

describe('text inputs', () => {
  it.each(['Ber\u0000lin', 'tab\there', 'line\nbreak', 'esc\u001b', 'c1\u0085'])(
    'refuses a control character in a place name (%j)',
    (name) => {
      const result = placeNameSchema.safeParse(name);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('input.controlCharacter');
    },
  );

  it('keeps letters of any script, emoji and punctuation', () => {
    expect(placeNameSchema.parse('  São Paulo — 東京 🌤  ')).toBe('São Paulo — 東京 🌤');
  });

  it('refuses NUL in every field of a place to save', () => {
    for (const field of ['name', 'country'] as const) {
      const place = { name: 'Berlin', latitude: 52.52, longitude: 13.41, [field]: 'a\u0000b' };
      expect(placeToSaveSchema.safeParse(place).success, field).toBe(false);
    }
  });

  it('trims and lower-cases an email, and refuses one with a control character', () => {
    expect(emailSchema.parse('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(emailSchema.safeParse('ada\u0000@example.com').success).toBe(false);
  });
});

describe('password policy', () => {
  it('wants eight characters besides spaces', () => {
    expect(newPasswordSchema.safeParse('short').success).toBe(false);
    expect(newPasswordSchema.safeParse('        ').success).toBe(false);
    expect(newPasswordSchema.safeParse(' ab  cd  ').success).toBe(false);
    expect(newPasswordSchema.safeParse('correct horse battery').success).toBe(true);
  });

  it('finds the email, or its part before the @, inside a password', () => {
    expect(passwordContainsEmail('ada@example.com', 'Ada@Example.com')).toBe(true);
    expect(passwordContainsEmail('my-ADA.LOVELACE-1815', 'ada.lovelace@example.com')).toBe(true);
    expect(passwordContainsEmail('correct horse battery', 'ada@example.com')).toBe(false);
    // A short local part ("al") is in too many words to count.
    expect(passwordContainsEmail('always sunny today', 'al@example.com')).toBe(false);
  });

  it('places each sign-up problem on its field', () => {
    const result = signUpInputSchema.safeParse({ email: 'nope', password: 'short' });
    const fields = Object.keys(result.error?.flatten().fieldErrors ?? {}).sort();
    expect(fields).toEqual(['email', 'password']);
  });
});

describe('the same place', () => {
  it('rounds to two decimals, never to -0', () => {
    expect(roundCoordinate(52.5243)).toBe(52.52);
    expect(Object.is(roundCoordinate(-0.001), 0)).toBe(true);
    expect(placeKey({ latitude: 52.5243, longitude: 13.4049 })).toBe('52.52,13.4');
    expect(placeKey({ latitude: 52.5201, longitude: 13.4 })).toBe(
      placeKey({ latitude: 52.52, longitude: 13.4012 }),
    );
  });
});

describe('email messages', () => {
  it('asks for an address when there is none, and for a valid one otherwise', () => {
    // Catalogue keys: the words are in error-catalogue/<language>.json.
    expect(emailSchema.safeParse('  ').error?.issues.map((issue) => issue.message)).toEqual([
      'input.emailMissing',
    ]);
    expect(emailSchema.safeParse('ada').error?.issues.map((issue) => issue.message)).toEqual([
      'input.emailInvalid',
    ]);
  });
});

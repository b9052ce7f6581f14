import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  changePasswordInputSchema,
  ERROR_REASONS,
  isInputMessageKey,
  issueValues,
  LANGUAGES,
  placeToSaveSchema,
} from '../src/index.ts';

const src = path.resolve(import.meta.dirname, '../src');
const catalogue = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(path.join(src, 'error-catalogue', `${language}.json`), 'utf8')) as Record<
    string,
    string
  >;
const english = catalogue('en');

/** The arguments a message takes (`{max}`, `{minutes, plural, …}`, `{count}` inside a branch). */
const argumentsOf = (message: string): string[] =>
  [...new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((match) => match[1] ?? ''))].sort();

/** Every `input.…` key the schemas give a zod check. */
const keysInSchemas = readdirSync(src)
  .filter((file) => file.endsWith('.ts'))
  .flatMap((file) => [...readFileSync(path.join(src, file), 'utf8').matchAll(/'(input\.\w+)'/g)])
  .map((match) => match[1] ?? '');

describe('the error catalogue', () => {
  it.each(LANGUAGES)('words every reason, and the internal error, in %s', (language) => {
    const words = catalogue(language);
    const missing = [...ERROR_REASONS, 'INTERNAL'].filter((reason) => !words[reason]?.trim());
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('has exactly the keys of the English catalogue in %s', (language) => {
    expect(Object.keys(catalogue(language)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(LANGUAGES)('fills the same values as English in every %s message', (language) => {
    const words = catalogue(language);
    const differing = Object.keys(english).filter(
      (key) =>
        JSON.stringify(argumentsOf(words[key] ?? '')) !==
        JSON.stringify(argumentsOf(english[key] ?? '')),
    );
    expect(differing).toEqual([]);
  });

  it('has words for every message key a schema gives zod, and keeps none unused', () => {
    expect(keysInSchemas.length).toBeGreaterThan(10);
    expect(keysInSchemas.filter((key) => !(key in english))).toEqual([]);
    const inputKeys = Object.keys(english).filter(isInputMessageKey);
    expect(inputKeys.filter((key) => !keysInSchemas.includes(key))).toEqual([]);
  });

  it('gives zod catalogue keys with the values their words need, not English', () => {
    const issues = changePasswordInputSchema.safeParse({
      currentPassword: '',
      newPassword: '        x',
    }).error?.issues;
    expect(issues?.map((issue) => [issue.message, issueValues(issue)])).toEqual([
      ['input.passwordMissing', { minimum: 1 }],
      ['input.passwordBlank', { minimum: 8 }],
    ]);
    const timeZone = placeToSaveSchema.safeParse({
      name: 'Berlin',
      latitude: 52.52,
      longitude: 13.41,
      timezone: '../etc',
    }).error?.issues[0];
    expect(timeZone?.message).toBe('input.timeZone');
  });
});

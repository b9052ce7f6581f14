import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { compileMessage } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';

import { LANGUAGES } from '@skycast/validators';

const here = import.meta.dirname;
const src = path.resolve(here, '..');
const locales = path.join(here, 'locales');

const catalogue = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(path.join(locales, `${language}.json`), 'utf8')) as Record<
    string,
    string
  >;
const english = catalogue('en');
const englishKeys = Object.keys(english).sort();

/** Every source file of the app, tests and catalogues left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === locales ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}
const code = sourceFiles(src)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** The arguments a message uses (`{name}`, `{count, plural, …}`), and its tags (`<0>`). */
function shapeOf(message: string): { names: string[]; tags: string[] } {
  const names = new Set<string>();
  // A message is a list of parts: text, or an argument [name, format?, options?] whose
  // options (plural, select) are lists of parts again.
  const walk = (parts: unknown): void => {
    if (!Array.isArray(parts)) return;
    for (const part of parts) {
      if (!Array.isArray(part)) continue;
      const [name, , options] = part as [string, string?, Record<string, unknown>?];
      names.add(name);
      for (const option of Object.values(options ?? {})) walk(option);
    }
  };
  walk(compileMessage(message));
  const tags = [...message.matchAll(/<\/?(\d+)\/?>/g)].map((match) => match[0]).sort();
  return { names: [...names].sort(), tags };
}

describe('message catalogues', () => {
  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    'has every key of the English catalogue in %s, and no other',
    (language) => {
      expect(Object.keys(catalogue(language)).sort()).toEqual(englishKeys);
    },
  );

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    'uses the same arguments and tags as English in every %s message',
    (language) => {
      const translated = catalogue(language);
      const differing = englishKeys.filter(
        (key) =>
          JSON.stringify(shapeOf(translated[key] ?? '')) !==
          JSON.stringify(shapeOf(english[key] ?? '')),
      );
      expect(differing).toEqual([]);
    },
  );

  it('uses every key somewhere in the app', () => {
    const unused = englishKeys.filter(
      (key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`),
    );
    expect(unused).toEqual([]);
  });

  it('has every key the app asks for', () => {
    const asked = [
      ...code.matchAll(/\bt\(\s*'([^']+)'/g),
      ...code.matchAll(/<Trans\s+id="([^"]+)"/g),
    ].map((match) => match[1]);
    expect(asked.length).toBeGreaterThan(50);
    expect(asked.filter((key) => key !== undefined && !(key in english))).toEqual([]);
  });

  it.each(LANGUAGES)('has compiled the %s catalogue from its current text', async (language) => {
    // `pnpm --filter @skycast/web i18n:compile` after editing a catalogue.
    const compiled = ((await import(`./locales/${language}.ts`)) as { messages: object }).messages;
    const expected = Object.fromEntries(
      Object.entries(catalogue(language)).map(([key, message]) => [key, compileMessage(message)]),
    );
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});

describe('the error catalogue (in @skycast/validators)', () => {
  const errorLocales = path.resolve(here, '../../../../packages/validators/src/error-catalogue');
  it.each(LANGUAGES)(
    'has compiled the %s error catalogue from its current text',
    async (language) => {
      // `pnpm --filter @skycast/web i18n:compile` after editing a catalogue.
      const text = JSON.parse(
        readFileSync(path.join(errorLocales, `${language}.json`), 'utf8'),
      ) as Record<string, string>;
      const compiled = (
        (await import(`../../../../packages/validators/src/error-catalogue/${language}.ts`)) as {
          messages: object;
        }
      ).messages;
      const expected = Object.fromEntries(
        Object.entries(text).map(([key, message]) => [key, compileMessage(message)]),
      );
      expect(JSON.parse(JSON.stringify(compiled))).toEqual(JSON.parse(JSON.stringify(expected)));
    },
  );
});

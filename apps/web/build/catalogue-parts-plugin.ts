import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Plugin } from 'vite';

import { isFirstScreenKey } from '../src/i18n/first-screen.ts';

const PREFIX = 'virtual:skycast/messages/';
const locales = path.resolve(import.meta.dirname, '../src/i18n/locales');

/**
 * `import('virtual:skycast/messages/de/first-screen')` (or `/later`): one part
 * of a compiled catalogue (`src/i18n/locales/<language>.ts`, made by
 * `i18n:compile`), split by `FIRST_SCREEN_NAMESPACES`, so the first render
 * waits only for the words the first screen shows.
 */
export function catalogueParts(): Plugin {
  return {
    name: 'skycast-catalogue-parts',
    // Named `<language>-<part>.ts`, so the chunk is `de-first-screen-<hash>.js`.
    resolveId: (id) => {
      const match = /^virtual:skycast\/messages\/([a-z]{2})\/(first-screen|later)$/.exec(id);
      return match ? `\0${PREFIX}${match[1]}-${match[2]}.ts` : undefined;
    },
    load(id) {
      const match = new RegExp(`^\\0${PREFIX}([a-z]{2})-(first-screen|later)\\.ts$`).exec(id);
      if (!match) return undefined;
      const [, language, part] = match;
      const file = path.join(locales, `${language}.ts`);
      this.addWatchFile(file);
      // The compiled module is `export const messages=JSON.parse("…")`.
      const literal = /JSON\.parse\(("(?:[^"\\]|\\.)*")\)/s.exec(readFileSync(file, 'utf8'))?.[1];
      if (literal === undefined) throw new Error(`${file} is not a compiled catalogue`);
      const messages = JSON.parse(JSON.parse(literal) as string) as Record<string, unknown>;
      const wanted = Object.entries(messages).filter(
        ([key]) => isFirstScreenKey(key) === (part === 'first-screen'),
      );
      return `export const messages = JSON.parse(${JSON.stringify(JSON.stringify(Object.fromEntries(wanted)))});`;
    },
  };
}

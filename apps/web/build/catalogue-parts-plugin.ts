import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Plugin } from 'vite';

import { isFirstScreenKey } from '../src/i18n/first-screen.ts';

const PREFIX = 'virtual:skycast/messages/';

/** The id of the data block naming each language's first-screen chunk; `public/theme.js` reads it. */
export const FIRST_WORDS_ELEMENT_ID = 'skycast-first-words';
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
    // The first render waits for these words: `index.html` names each language's chunk,
    // so `theme.js` can preload the one it picks while the app's scripts download,
    // instead of the app asking for it only once they have run.
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return undefined;
        const chunks: Record<string, string> = {};
        for (const chunk of Object.values(bundle)) {
          const match =
            chunk.type === 'chunk'
              ? new RegExp(`^\\0${PREFIX}([a-z]{2})-first-screen\\.ts$`).exec(
                  chunk.facadeModuleId ?? '',
                )
              : null;
          if (match?.[1]) chunks[match[1]] = `/${chunk.fileName}`;
        }
        return [
          {
            tag: 'script',
            attrs: { type: 'application/json', id: FIRST_WORDS_ELEMENT_ID },
            children: JSON.stringify(chunks),
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

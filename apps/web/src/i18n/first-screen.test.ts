import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { FIRST_SCREEN_NAMESPACES, isFirstScreenKey } from './first-screen.ts';

const src = path.resolve(import.meta.dirname, '..');
const english = JSON.parse(readFileSync(path.join(src, 'i18n/locales/en.json'), 'utf8')) as Record<
  string,
  string
>;

/**
 * Every module `main.tsx` reaches through static imports (what the first render runs),
 * and those of the start page: the home page's first screen, loaded at the first render.
 */
function firstScreenModules(): string[] {
  const seen = new Set<string>();
  const next = [path.join(src, 'main.tsx'), path.join(src, 'start/StartPage.tsx')];
  for (let file = next.pop(); file !== undefined; file = next.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // `import … from './x.ts'` and `export … from './x.ts'`, not `import type`, not `import()`.
    for (const match of code.matchAll(/^(?:import|export) (?!type )[^;]*?from '(\.[^']+)'/gms)) {
      const imported = path.resolve(path.dirname(file), match[1] ?? '');
      if (/\.tsx?$/.test(imported) && existsSync(imported)) next.push(imported);
    }
  }
  return [...seen];
}

describe("the first screen's part of the catalogues", () => {
  it('holds every message the code of the first render uses', () => {
    const modules = firstScreenModules();
    // The walk finds the app's first screen, not just main.tsx.
    expect(modules.map((file) => path.relative(src, file))).toEqual(
      expect.arrayContaining([
        'App.tsx',
        'forecast/CurrentConditions.tsx',
        'layout/SiteHeader.tsx',
        'places/SavedPlaceList.tsx',
      ]),
    );
    const outside: string[] = [];
    for (const file of modules) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"]([a-zA-Z]+\.[\w.]+)['"]/g)) {
        const key = match[1] ?? '';
        if (key in english && !isFirstScreenKey(key))
          outside.push(`${path.relative(src, file)}: ${key}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('leaves out what only later parts of the page say', () => {
    for (const namespace of ['watches', 'auth', 'normals', 'confidence', 'moon'])
      expect(isFirstScreenKey(`${namespace}.x`)).toBe(false);
    expect(
      FIRST_SCREEN_NAMESPACES.every((namespace) =>
        Object.keys(english).some((key) => key.startsWith(`${namespace}.`)),
      ),
    ).toBe(true);
  });
});

import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseStoredPlace, placeToSaveSchema } from '../src/index.ts';

const BERLIN = { name: 'Berlin', latitude: 52.52, longitude: 13.41 };

const CANDIDATES: unknown[] = [
  BERLIN,
  { ...BERLIN, name: '  Berlin  ', country: ' Germany ', timezone: 'Europe/Berlin' },
  { ...BERLIN, extra: 'dropped' },
  { ...BERLIN, name: 'Zürich ☀️ 東京 القاهرة' },
  { ...BERLIN, latitude: -90, longitude: 180 },
  { ...BERLIN, latitude: 90.01 },
  { ...BERLIN, longitude: -180.5 },
  { ...BERLIN, latitude: Number.NaN },
  { ...BERLIN, latitude: Number.POSITIVE_INFINITY },
  { ...BERLIN, latitude: '52.52' },
  { ...BERLIN, name: '' },
  { ...BERLIN, name: '   ' },
  { ...BERLIN, name: 'Ber\u0000lin' },
  { ...BERLIN, name: 'Ber\nlin' },
  { ...BERLIN, name: 'x'.repeat(100) },
  { ...BERLIN, name: 'x'.repeat(101) },
  { ...BERLIN, name: ` ${'x'.repeat(99)} ` },
  { ...BERLIN, name: 7 },
  { latitude: 52.52, longitude: 13.41 },
  { ...BERLIN, country: '' },
  { ...BERLIN, country: null },
  { ...BERLIN, country: 'Ger\tmany' },
  { ...BERLIN, country: 'x'.repeat(101) },
  { ...BERLIN, timezone: 'America/Argentina/Buenos_Aires' },
  { ...BERLIN, timezone: 'Etc/GMT+1' },
  { ...BERLIN, timezone: '/etc/passwd' },
  { ...BERLIN, timezone: 'Europe/Berlin; drop' },
  { ...BERLIN, timezone: `A${'b'.repeat(64)}` },
  { ...BERLIN, timezone: 3 },
  { ...BERLIN, timezone: undefined, country: undefined },
  null,
  7,
  'Berlin',
  [],
  [BERLIN],
];

describe('a place kept in a browser, read without zod', () => {
  it('takes and refuses exactly what places.add takes and refuses, trimmed the same way', () => {
    for (const candidate of CANDIDATES) {
      const parsed = placeToSaveSchema.safeParse(candidate);
      expect(parseStoredPlace(candidate), JSON.stringify(candidate)).toEqual(
        parsed.success ? parsed.data : undefined,
      );
    }
  });

  it('keeps zod out of what the first screen imports', () => {
    // The web app's first load counts on these modules importing nothing that builds a schema.
    const zodFree = [
      'app-paths.ts',
      'control-characters.ts',
      'languages.ts',
      'place-key.ts',
      'preferences.ts',
      'reasons.ts',
      'stored-place.ts',
      'units.ts',
      'weather.ts',
    ];
    for (const file of zodFree) {
      const source = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/^import (?!type )[^;]*?from '([^']+)'/gms)].map(
        (match) => match[1],
      );
      for (const imported of imports) {
        expect(imported, `${file} imports ${imported}`).not.toBe('zod');
        if (imported?.startsWith('./'))
          expect(zodFree, `${file} imports ${imported}`).toContain(imported.slice(2));
      }
    }
  });
});

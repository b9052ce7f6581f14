/**
 * The catalogue namespaces (`forecast.…`, `weather.…`) the first screen's code
 * uses: what `main.tsx` imports without a dynamic `import()`, and the start page
 * (the home page's first screen, loaded at the first render). Their messages are
 * a chunk of their own that the first render waits for; the rest of a language
 * follows at once, and every lazily loaded part of the page waits for it
 * (`lazyWithWords`). `first-screen.test.ts` fails when first-screen code uses a
 * key of a namespace missing here.
 */
export const FIRST_SCREEN_NAMESPACES: readonly string[] = [
  'account',
  'app',
  'current',
  'error',
  'footer',
  'forecast',
  'hourly',
  'location',
  'nextHours',
  'offline',
  'pageFailed',
  'place',
  'preferences',
  'savePlace',
  'saved',
  'start',
  'switcher',
  'time',
  'timeAgo',
  'units',
  'uv',
  'weather',
];

/** Whether a message key belongs to the first screen's part of a catalogue. */
export function isFirstScreenKey(key: string): boolean {
  return FIRST_SCREEN_NAMESPACES.includes(key.slice(0, key.indexOf('.')));
}

import type { Plugin } from 'vite';

/** The entry's name in `build.rollupOptions.input`. */
export const EARLY_FORECAST_ENTRY = 'early-forecast';

/**
 * Names the build's `early-forecast` entry (`src/early-forecast-entry.ts`) in
 * `index.html`, before the app's own script. Vite joins every module script of
 * a page into one entry, which runs only once all of the app's code is in; as
 * an entry of its own it runs as soon as its few hundred bytes arrive.
 */
export function earlyForecast(): Plugin {
  return {
    name: 'skycast-early-forecast',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const entry = Object.values(bundle ?? {}).find(
          (chunk) => chunk.type === 'chunk' && chunk.isEntry && chunk.name === EARLY_FORECAST_ENTRY,
        );
        if (!entry) return undefined;
        return [
          {
            tag: 'script',
            attrs: { type: 'module', crossorigin: true, src: `/${entry.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

import { defineConfig, mergeConfig } from 'vitest/config';

import { createVitestConfig } from '@skycast/vitest-config';

import { catalogueParts } from './build/catalogue-parts-plugin.ts';
import { publicQueries } from './build/public-queries-plugin.ts';
import { weatherIcons } from './build/weather-icons-plugin.ts';

// The shared settings write the JSON report that `pnpm test`'s summary adds up.
export default mergeConfig(
  createVitestConfig(),
  defineConfig({
    // The router's public queries, as the app build reads them (src/trpc.ts, the service worker);
    // the words' parts and the icons' folder, as the app build makes them.
    plugins: [publicQueries(), catalogueParts(), weatherIcons('src/weather/icons')],
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      setupFiles: ['src/i18n/test-setup.ts'],
    },
  }),
);

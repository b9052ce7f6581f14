import { defineConfig } from 'vitest/config';

/**
 * The browser tests (`pnpm --filter @skycast/web test:e2e`). One API server
 * for the run; files one at a time, since each drives a whole Chromium and
 * the machine may have two cores. Timeouts are generous for the same reason:
 * the tests wait for what a person would see, never for a fixed time.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // expect.poll waits for what the page shows next (a fetch, a render): give it time.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    reporters: ['default', 'json'],
    outputFile: { json: 'e2e-results/vitest.json' },
  },
});

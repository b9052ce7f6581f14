import { defineConfig } from 'vitest/config';

/**
 * The Vitest settings every package shares: a JSON report that
 * `pnpm test` adds up into one closing line, and, for packages that touch
 * PostgreSQL, the global setup that starts one embedded server per run.
 *
 * @param {{ databaseSetup?: string }} [options] path of `@skycast/db/vitest-global-setup`
 */
export function createVitestConfig(options = {}) {
  return defineConfig({
    test: {
      // Speed is measured by benchmarks, not by tests: a loaded CI machine
      // must not fail a test for being slow.
      testTimeout: 30_000,
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
      ...(options.databaseSetup
        ? { globalSetup: [options.databaseSetup], hookTimeout: 60_000 }
        : {}),
    },
  });
}

import { defineConfig, mergeConfig } from 'vitest/config';

import { createVitestConfig } from '@skycast/vitest-config';

// The shared settings write the JSON report that `pnpm test`'s summary adds up.
export default mergeConfig(
  createVitestConfig(),
  defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      setupFiles: ['src/i18n/test-setup.ts'],
    },
  }),
);

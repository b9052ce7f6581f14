import { mergeConfig } from 'vitest/config';

import { createVitestConfig } from '@skycast/vitest-config';

// One file at a time: each starts its own PostgreSQL and server processes,
// and the faults they make (a stopped database, a SIGTERM) must not share
// the machine's two cores with another file's.
export default mergeConfig(createVitestConfig(), {
  test: { fileParallelism: false, testTimeout: 120_000, hookTimeout: 120_000 },
});

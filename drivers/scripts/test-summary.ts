// Adds up the JSON reports every package's Vitest runs wrote (unit and
// integration tests in test-results/, browser tests in e2e-results/) and
// prints one closing line, `N passed, N failed`, for the whole repository.
// Browser tests that could not run (no Chromium) are named, with the reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const REPORTS = ['test-results/vitest.json', 'e2e-results/vitest.json'];
let passed = 0;
let failed = 0;
let skipped = 0;
let browserTests = 0;
const notRun: string[] = [];
for (const group of ['apps', 'packages', 'tooling', 'drivers']) {
  for (const name of readdirSync(path.join(root, group))) {
    for (const report of REPORTS) {
      const file = path.join(root, group, name, report);
      if (!existsSync(file)) continue;
      const results = JSON.parse(readFileSync(file, 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
      };
      passed += results.numPassedTests;
      failed += results.numFailedTests;
      skipped += results.numPendingTests + results.numTodoTests;
      if (report.startsWith('e2e')) browserTests += results.numPassedTests + results.numFailedTests;
    }
    const skippedNote = path.join(root, group, name, 'e2e-results/skipped.json');
    if (existsSync(skippedNote)) {
      const { reason } = JSON.parse(readFileSync(skippedNote, 'utf8')) as { reason: string };
      notRun.push(`${group}/${name}: browser tests skipped: ${reason}`);
    }
  }
}
if (notRun.length > 0) console.log(`\n${notRun.join('\n')}`);
else console.log(`\nbrowser tests: ${browserTests} of the total below`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0) process.exitCode = 1;

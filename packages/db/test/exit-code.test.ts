import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const embedded = fileURLToPath(new URL('../src/embedded.ts', import.meta.url));

async function exitCodeOf(script: string): Promise<number> {
  try {
    await run(process.execPath, ['--input-type=module', '-e', script]);
    return 0;
  } catch (error) {
    return (error as { code: number }).code;
  }
}

describe('a process that loaded the embedded PostgreSQL launcher', () => {
  it('keeps a failing exit code set before the event loop drains', async () => {
    // What Vitest does when a test failed: set the code, let the loop end.
    expect(
      await exitCodeOf(`await import(${JSON.stringify(embedded)}); process.exitCode = 3;`),
    ).toBe(3);
  });

  it('still exits 0 when nothing failed', async () => {
    expect(await exitCodeOf(`await import(${JSON.stringify(embedded)});`)).toBe(0);
  });
});

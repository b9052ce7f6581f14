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

const load = `const launcher = await import(${JSON.stringify(embedded)}); await launcher.loadEmbeddedPostgres();`;

describe('a process that loaded the embedded PostgreSQL launcher', () => {
  it('keeps a failing exit code set before the event loop drains', async () => {
    // What Vitest does when a test failed: set the code, let the loop end.
    expect(await exitCodeOf(`${load} process.exitCode = 3;`)).toBe(3);
  });

  it('still exits 0 when nothing failed', async () => {
    expect(await exitCodeOf(load)).toBe(0);
  });
});

describe('importing the launcher', () => {
  it('changes nothing in the process: no exit hooks until a server is started', async () => {
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'uncaughtException'];
       const count = () => events.reduce((sum, event) => sum + process.listenerCount(event), 0);
       const before = count();
       await import(${JSON.stringify(embedded)});
       console.log(count() - before);`,
    ]);
    expect(stdout.trim()).toBe('0');
  });
});

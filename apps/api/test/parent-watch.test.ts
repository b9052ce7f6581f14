import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ancestorPids } from '../src/parent-watch.ts';

const watcher = path.resolve(import.meta.dirname, '../src/parent-watch.ts');

/**
 * A shell (like pnpm's shims) running a node child that watches its ancestors
 * and says when it is orphaned. The shell does not `exec`, so the child's
 * parent is the shell, as under `pnpm start`.
 */
function shellWithWatchingChild() {
  const child = `import { watchAncestors } from ${JSON.stringify(watcher)};
    console.log('watching ' + process.pid);
    watchAncestors(() => { console.log('orphaned'); process.exit(0); }, 50);
    setInterval(() => undefined, 1000);`;
  const shell = spawn(
    'sh',
    ['-c', `"${process.execPath}" --input-type=module -e "$CHILD"; echo shell-done`],
    { env: { ...process.env, CHILD: child }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  shell.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = async (text: string) => {
    const deadline = Date.now() + 15_000;
    while (!output.includes(text)) {
      if (Date.now() > deadline) throw new Error(`no "${text}" in: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { shell, output: () => output, waitFor };
}

function processState(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '?';
  } catch {
    return 'gone';
  }
}

describe('watchAncestors', () => {
  it('reads the chain of parents from /proc', () => {
    const chain = ancestorPids();
    expect(chain[0]).toBe(process.ppid);
    expect(new Set(chain).size).toBe(chain.length);
  });

  it('stays quiet while the parents live, and says so once one of them exits', async () => {
    const { shell, output, waitFor } = shellWithWatchingChild();
    await waitFor('watching');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(output()).not.toContain('orphaned');

    const childPid = Number(/watching (\d+)/.exec(output())?.[1]);
    // What a SIGTERM to pnpm does to its shim: the shell ends, the child does not.
    shell.kill('SIGKILL');
    await waitFor('orphaned');
    // Exited: gone, or a zombie waiting for whoever adopted it to reap it.
    await expect.poll(() => processState(childPid)).toMatch(/^(gone|Z)$/);
  });
});

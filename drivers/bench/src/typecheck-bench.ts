import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, glob, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface TypecheckFigures {
  label: string;
  /** Wall-clock time: what the developer waits for. */
  seconds: number;
  /**
   * CPU time of every process the run started. On a shared machine the wall
   * clock moves with the other work; this moves far less.
   */
  cpuSeconds: number;
}

/** The router file a procedure author edits most. */
const ROUTER_FILE = 'packages/api/src/routers/weather.ts';

/** Where each package keeps tsc's incremental state (tsBuildInfoFile in its tsconfig). */
const BUILD_INFO = '{apps,packages,tooling,drivers}/*/node_modules/.cache/*.tsbuildinfo';

/**
 * What a developer waits for: `pnpm typecheck` of the whole repo with nothing
 * cached (no turbo cache, no tsc incremental state; it emits the internal
 * packages' declaration files first), then the re-check after one router file
 * changed, with turbo and tsc reusing what they can.
 */
export async function benchTypecheck(repoRoot: string): Promise<TypecheckFigures[]> {
  for await (const file of glob(BUILD_INFO, { cwd: repoRoot })) {
    await rm(path.join(repoRoot, file), { force: true });
  }
  const figures: TypecheckFigures[] = [
    {
      label: 'whole repo, nothing cached (`turbo run typecheck --force`, no tsbuildinfo)',
      ...timeTurbo(repoRoot, ['--force']),
    },
    { label: 'whole repo, unchanged (turbo cache)', ...timeTurbo(repoRoot, []) },
  ];
  const file = path.join(repoRoot, ROUTER_FILE);
  const original = await readFile(file, 'utf8');
  try {
    await appendFile(file, `\nexport const benchmarkProbe = ${Date.now()};\n`);
    figures.push({
      label: `after changing ${ROUTER_FILE} (emits its declarations, re-checks dependants)`,
      ...timeTurbo(repoRoot, []),
    });
  } finally {
    await writeFile(file, original);
  }
  return figures;
}

function timeTurbo(repoRoot: string, extra: string[]): Omit<TypecheckFigures, 'label'> {
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const result = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only', ...extra],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`turbo run typecheck failed (${result.status})`);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: childrenCpuSeconds() - cpuBefore,
  };
}

/**
 * User and system time of this process's finished children and theirs
 * (cutime + cstime in /proc/self/stat, in clock ticks of 1/100 s on Linux).
 */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

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

/** Where each project keeps tsc's incremental state (tsBuildInfoFile in its tsconfig). */
const BUILD_INFO = '{apps,packages,tooling,drivers}/*/node_modules/.cache/*.tsbuildinfo';

/** The internal packages' declarations, which `tsc -b` emits before their dependants are checked. */
const DECLARATIONS = 'packages/*/dist';

/** What the developer types, and the compiler it starts (the root `typecheck` script). */
const PNPM_TYPECHECK = { command: 'pnpm', args: ['typecheck'] };
const TSC_BUILD = { command: 'node_modules/.bin/tsc', args: ['-b', '--singleThreaded'] };

/**
 * What a developer waits for: `pnpm typecheck` (one `tsc -b` over the root
 * tsconfig's project references) with nothing built (no declarations, no
 * incremental state), again with nothing changed, and after one router file
 * changed; the last also as `tsc -b` alone, without pnpm starting it.
 */
export async function benchTypecheck(repoRoot: string): Promise<TypecheckFigures[]> {
  for (const pattern of [BUILD_INFO, DECLARATIONS]) {
    for await (const entry of glob(pattern, { cwd: repoRoot })) {
      await rm(path.join(repoRoot, entry), { recursive: true, force: true });
    }
  }
  const figures: TypecheckFigures[] = [
    {
      label: 'whole repo, nothing built (`pnpm typecheck`, no declarations, no tsbuildinfo)',
      ...time(repoRoot, PNPM_TYPECHECK),
    },
    { label: 'whole repo, unchanged (`pnpm typecheck`)', ...time(repoRoot, PNPM_TYPECHECK) },
  ];
  const file = path.join(repoRoot, ROUTER_FILE);
  const original = await readFile(file, 'utf8');
  try {
    await appendFile(file, `\nexport const benchmarkProbe = ${Date.now()};\n`);
    figures.push({
      label: `after changing ${ROUTER_FILE} (\`pnpm typecheck\`: emits its declarations, re-checks what they reach)`,
      ...time(repoRoot, PNPM_TYPECHECK),
    });
    await appendFile(file, `export const secondProbe = ${Date.now()};\n`);
    figures.push({
      label: `a second edit to the same file, \`tsc -b --singleThreaded\` alone (without pnpm starting it)`,
      ...time(repoRoot, TSC_BUILD),
    });
  } finally {
    await writeFile(file, original);
  }
  // Leaves the declarations and tsbuildinfo matching the restored file.
  time(repoRoot, TSC_BUILD);
  return figures;
}

function time(
  repoRoot: string,
  { command, args }: { command: string; args: string[] },
): Omit<TypecheckFigures, 'label'> {
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}`);
  }
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

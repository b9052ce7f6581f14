import { spawnSync } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface TypecheckFigures {
  label: string;
  seconds: number;
}

/** The router file a procedure author edits most. */
const ROUTER_FILE = 'packages/api/src/routers/weather.ts';

/**
 * What a developer waits for: `pnpm typecheck` of the whole repo with nothing
 * cached (it builds the internal packages' declaration files first), then the
 * re-check after one router file changed, with turbo reusing what it can.
 */
export async function benchTypecheck(repoRoot: string): Promise<TypecheckFigures[]> {
  const figures: TypecheckFigures[] = [
    {
      label: 'whole repo, nothing cached (`turbo run typecheck --force`)',
      seconds: timeTurbo(repoRoot, ['--force']),
    },
    { label: 'whole repo, unchanged (turbo cache)', seconds: timeTurbo(repoRoot, []) },
  ];
  const file = path.join(repoRoot, ROUTER_FILE);
  const original = await readFile(file, 'utf8');
  try {
    await appendFile(file, `\nexport const benchmarkProbe = ${Date.now()};\n`);
    figures.push({
      label: `after changing ${ROUTER_FILE} (rebuilds its declarations, re-checks dependants)`,
      seconds: timeTurbo(repoRoot, []),
    });
  } finally {
    await writeFile(file, original);
  }
  return figures;
}

function timeTurbo(repoRoot: string, extra: string[]): number {
  const started = performance.now();
  const result = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only', ...extra],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`turbo run typecheck failed (${result.status})`);
  return (performance.now() - started) / 1000;
}

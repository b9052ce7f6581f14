import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import * as prettier from 'prettier';

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the generated Kysely types live; `schema.ts` checks its tables against them. */
export const generatedTypesFile = path.join(packageDir, 'src', 'generated', 'database.ts');

export interface DatabaseTypesResult {
  /** Whether the file already held exactly these types. */
  upToDate: boolean;
  /** The generated source, formatted with the repo's Prettier settings. */
  source: string;
}

/**
 * Runs `kysely-codegen` against a migrated database and formats the result
 * like the rest of the repo (so `pnpm format` never makes it "stale"). Writes
 * it to `outFile`, or with `check` only compares.
 *
 * @example
 * const { upToDate } = await generateDatabaseTypes(url, { check: true });
 */
export async function generateDatabaseTypes(
  connectionString: string,
  options: { check?: boolean; outFile?: string } = {},
): Promise<DatabaseTypesResult> {
  const outFile = options.outFile ?? generatedTypesFile;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'skycast-codegen-'));
  try {
    const raw = path.join(scratch, 'database.ts');
    const bin = path.join(packageDir, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');
    await run(
      process.execPath,
      [
        bin,
        '--dialect=postgres',
        `--url=${connectionString}`,
        // Matches the CamelCasePlugin in client.ts.
        '--camel-case',
        // Kysely's own bookkeeping is no business of the application.
        '--exclude-pattern=kysely_*',
        `--out-file=${raw}`,
        '--log-level=error',
      ],
      { cwd: scratch },
    ).catch((error: unknown) => {
      const failure = error as { stdout?: string; stderr?: string };
      throw new Error(`kysely-codegen failed:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`, {
        cause: error,
      });
    });
    // Formatted as if it sat at its real place, wherever `outFile` is.
    const config = await prettier.resolveConfig(generatedTypesFile);
    const source = await prettier.format(await readFile(raw, 'utf8'), {
      ...config,
      filepath: generatedTypesFile,
    });
    const current = await readFile(outFile, 'utf8').catch(() => '');
    if (!options.check && current !== source) await writeFile(outFile, source);
    return { upToDate: current === source, source };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

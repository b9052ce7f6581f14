import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the generated Kysely types live; `schema.ts` checks its tables against them. */
export const generatedTypesFile = path.join(packageDir, 'src', 'generated', 'database.ts');

export interface DatabaseTypesResult {
  /** False when `verify` found the committed file out of date. */
  upToDate: boolean;
  output: string;
}

/**
 * Runs `kysely-codegen` against a migrated database: writes the types, or
 * with `verify` only compares them with the committed file.
 *
 * @example
 * const { upToDate } = await generateDatabaseTypes(url, { verify: true });
 */
export async function generateDatabaseTypes(
  connectionString: string,
  options: { verify?: boolean; outFile?: string } = {},
): Promise<DatabaseTypesResult> {
  const bin = path.join(packageDir, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');
  const args = [
    bin,
    '--dialect=postgres',
    `--url=${connectionString}`,
    // Matches the CamelCasePlugin in client.ts.
    '--camel-case',
    // Kysely's own bookkeeping is no business of the application.
    '--exclude-pattern=kysely_*',
    `--out-file=${options.outFile ?? generatedTypesFile}`,
    '--log-level=error',
    ...(options.verify ? ['--verify'] : []),
  ];
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: packageDir });
    return { upToDate: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: number };
    const output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    if (options.verify && failure.code === 1) return { upToDate: false, output };
    throw new Error(`kysely-codegen failed:\n${output}`, { cause: error });
  }
}

import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// `pnpm gen procedure` runs into a copy of the repo's API package (with the
// real node_modules linked in), so the tree under test is never touched and
// nothing is left behind; then the generated tests and the type checker run there.
let copy: string;

async function gen(...args: string[]) {
  const cli = path.join(repo, 'node_modules/@turbo/gen/dist/cli.js');
  return run(process.execPath, [cli, 'run', 'procedure', '--root', copy, '--args', ...args], {
    cwd: copy,
  });
}

beforeAll(async () => {
  copy = await mkdtemp(path.join(os.tmpdir(), 'skycast-gen-'));
  for (const file of [
    'package.json',
    'pnpm-workspace.yaml',
    'turbo.json',
    'tsconfig.base.json',
    '.prettierrc.json',
    '.prettierignore',
  ]) {
    await cp(path.join(repo, file), path.join(copy, file));
  }
  await cp(path.join(repo, 'turbo'), path.join(copy, 'turbo'), { recursive: true });
  await cp(path.join(repo, 'docs/api'), path.join(copy, 'docs/api'), { recursive: true });
  const skip = new Set(['node_modules', 'dist', 'test-results', '.turbo']);
  await cp(path.join(repo, 'packages/api'), path.join(copy, 'packages/api'), {
    recursive: true,
    filter: (source) => !skip.has(path.basename(source)),
  });
  await symlink(path.join(repo, 'node_modules'), path.join(copy, 'node_modules'));
  await symlink(
    path.join(repo, 'packages/api/node_modules'),
    path.join(copy, 'packages/api/node_modules'),
  );
}, 60_000);

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe('pnpm gen procedure', () => {
  it('writes procedures whose generated tests pass and whose types check', async () => {
    const created = await gen('notes', 'list', 'query', 'public');
    expect(created.stdout).toContain('registered notesRouter in root.ts');
    expect(created.stdout).toContain('useQuery(trpc.notes.list.queryOptions(');
    expect(created.stdout).toContain("import { trpc } from '../trpc.ts'");
    await gen('notes', 'add', 'mutation', 'protected');
    const added = await gen('weather', 'ping', 'query', 'public');
    expect(added.stdout).toContain('added weather.ping to weather.ts');

    const api = path.join(copy, 'packages/api');
    const root = await readFile(path.join(api, 'src/root.ts'), 'utf8');
    expect(root).toContain("import { notesRouter } from './routers/notes.ts';");
    expect(root).toContain('notes: notesRouter,');
    const notes = await readFile(path.join(api, 'src/routers/notes.ts'), 'utf8');
    expect(notes).toContain("import { protectedProcedure, publicProcedure } from '../trpc.ts';");
    expect(notes).toMatch(/\.output\(/);
    const openApi = await readFile(path.join(copy, 'docs/api/openapi.json'), 'utf8');
    expect(openApi).toContain('"/trpc/notes.add"');

    const vitest = path.join(api, 'node_modules/vitest/vitest.mjs');
    const tests = await run(
      process.execPath,
      [
        vitest,
        'run',
        'test/notes-list.test.ts',
        'test/notes-add.test.ts',
        'test/weather-ping.test.ts',
        'test/guardrails.test.ts',
        'test/api-docs.test.ts',
      ],
      { cwd: api, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(tests.stdout).toMatch(/Test Files\s+5 passed/);

    const tsc = path.join(api, 'node_modules/typescript/bin/tsc');
    const buildInfo = path.join(copy, 'tsconfig.tsbuildinfo');
    await run(process.execPath, [tsc, '--noEmit', '-p', api, '--tsBuildInfoFile', buildInfo]);
  }, 300_000);

  it('refuses a procedure that already exists', async () => {
    await gen('notes', 'again', 'query', 'public');
    const repeated = await gen('notes', 'again', 'query', 'public').then(
      (result) => result.stdout + result.stderr,
      (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
    );
    expect(repeated).toContain('notes.again already exists');
  }, 60_000);
});

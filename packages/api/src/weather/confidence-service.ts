import { z } from 'zod';

import { sql, type Database, type Kysely } from '@skycast/db';
import {
  buildConfidence,
  COMPARED_MODELS,
  CONFIDENCE_CALL_WEIGHTS,
  confidenceSchema,
  DEFAULT_ENSEMBLE,
  type ComparedModel,
  type EnsembleMean,
  type EnsembleMembers,
  type ModelRuns,
  type OpenMeteoConfidence,
  type PreviousRuns,
} from '@skycast/weather';

import type { Cached, Freshness, WeatherCache } from './weather-cache.ts';
import { cellOf, type Coordinates, type RequestContext } from './weather-service.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Ensembles and model runs come out a few times a day: an hour fresh, and
 * shown (marked stale) for a day when the provider cannot answer.
 */
export const CONFIDENCE_FRESHNESS: Freshness = {
  freshForMs: HOUR,
  revalidateWithinMs: 3 * HOUR,
  usableForMs: DAY,
};

/** A skill record older than this is not used: the job did not reach this cell lately. */
const SKILL_MAX_AGE_DAYS = 3;
const PROVIDER = 'open-meteo';

const series = z.array(z.number().nullable());
const byVariable = z.object({ temperature: series, precipitation: series, wind: series });
const stored = <T extends z.ZodType>(data: T) => z.object({ data, simulated: z.boolean() });
const storedEnsemble = stored(
  z.object({ times: z.array(z.string()), mean: byVariable, spread: byVariable }),
);
const storedMembers = stored(
  z.object({
    model: z.enum(['ecmwf_ifs025', 'gfs025', 'icon_seamless']),
    times: z.array(z.string()),
    members: z.object({
      temperature: z.array(z.array(z.number().nullable())),
      precipitation: z.array(z.array(z.number().nullable())),
      wind: z.array(z.array(z.number().nullable())),
    }),
  }),
);
const storedModels = stored(
  z.object({
    times: z.array(z.string()),
    models: z.record(z.enum(COMPARED_MODELS), byVariable),
  }),
);
const storedRuns = stored(
  z.object({ times: z.array(z.string()), latest: series, byRunsBack: z.array(series) }),
);

/** The place's record: how the blend's next-day high did over the last 30 days. */
export const accuracySchema = z.object({
  daysWithin: z.number().int().min(0),
  days: z.number().int().min(1),
  meanAbsoluteError: z.number().min(0),
  /** The UTC night the record was made. */
  night: z.iso.date(),
});

export const confidenceAnswerSchema = confidenceSchema.extend({
  /** Null until the nightly job has judged the models here. */
  accuracy: accuracySchema.nullable(),
  fetchedAt: z.iso.datetime(),
  stale: z.boolean(),
  simulated: z.boolean(),
});
export type ConfidenceAnswer = z.infer<typeof confidenceAnswerSchema>;

export interface ConfidenceServiceOptions {
  client: OpenMeteoConfidence;
  cache: WeatherCache;
  db: Kysely<Database>;
}

/**
 * How sure the forecast is at a point: one confidence layer per ~1 km cell,
 * built from three cached provider answers (ensemble mean and spread, the
 * compared models, previous runs; about four weighted calls an hour per
 * cell), plus the cell's skill record from the nightly job.
 *
 * @example
 * const answer = await confidence.confidence({ latitude: 52.52, longitude: 13.41 });
 */
export function createConfidenceService(options: ConfidenceServiceOptions) {
  const { client, cache, db } = options;

  const cached = <T>(
    resource: ConfidenceResource,
    cacheKey: string,
    schema: z.ZodType<{ data: T; simulated: boolean }>,
    weight: number,
    fetch: () => Promise<{ data: T; simulated: boolean }>,
    context: RequestContext,
  ) => cachedPart(cache, { resource, cacheKey, schema, weight, fetch }, context);

  return {
    /**
     * The confidence layer of a point. `members: true` reads ECMWF's 51
     * members instead of their mean and spread (about 15 weighted calls, for
     * a day page that asks): exact quantiles and wet counts.
     */
    async confidence(
      at: Coordinates,
      choice: { members?: boolean } = {},
      context: RequestContext = {},
    ): Promise<ConfidenceAnswer> {
      const cell = cellOf(at);
      const [ensemble, models, runs, skill] = await Promise.all([
        choice.members
          ? cached<EnsembleMembers>(
              'confidence-members',
              `${DEFAULT_ENSEMBLE}:${cell.key}`,
              storedMembers,
              CONFIDENCE_CALL_WEIGHTS.ensembleMembers(DEFAULT_ENSEMBLE),
              () => client.ensembleMembers(cell, DEFAULT_ENSEMBLE),
              context,
            )
          : cached<EnsembleMean>(
              'confidence-ensemble',
              cell.key,
              storedEnsemble,
              CONFIDENCE_CALL_WEIGHTS.ensembleMean,
              () => client.ensembleMean(cell),
              context,
            ),
        cached<ModelRuns>(
          'confidence-models',
          cell.key,
          storedModels,
          CONFIDENCE_CALL_WEIGHTS.models,
          () => client.models(cell),
          context,
        ),
        cached<PreviousRuns>(
          'confidence-runs',
          cell.key,
          storedRuns,
          CONFIDENCE_CALL_WEIGHTS.previousRuns,
          () => client.previousRuns(cell),
          context,
        ),
        skillOf(db, cell.key),
      ]);
      const layer = buildConfidence({
        ensemble: choice.members
          ? { kind: 'members', data: ensemble.value.data as EnsembleMembers }
          : { kind: 'mean', data: ensemble.value.data as EnsembleMean },
        models: models.value.data,
        previousRuns: runs.value.data,
        ...(skill.errors ? { skill: skill.errors } : {}),
      });
      const parts = [ensemble, models, runs];
      const oldest = Math.min(...parts.map((part) => part.fetchedAt.getTime()));
      return {
        ...layer,
        accuracy: skill.accuracy,
        fetchedAt: new Date(oldest).toISOString(),
        stale: parts.some((part) => part.stale),
        simulated: parts.some((part) => part.value.simulated),
      };
    },
  };
}

export type ConfidenceService = ReturnType<typeof createConfidenceService>;

type ConfidenceResource =
  'confidence-ensemble' | 'confidence-members' | 'confidence-models' | 'confidence-runs';

/** One of a cell's three provider answers, through the weather cache with its weight. */
function cachedPart<T>(
  cache: ConfidenceServiceOptions['cache'],
  part: {
    resource: ConfidenceResource;
    cacheKey: string;
    schema: z.ZodType<{ data: T; simulated: boolean }>;
    weight: number;
    fetch: () => Promise<{ data: T; simulated: boolean }>;
  },
  context: RequestContext,
): Promise<Cached<{ data: T; simulated: boolean }>> {
  return cache.get({
    ...context,
    key: { provider: PROVIDER, resource: part.resource, cacheKey: part.cacheKey },
    schema: part.schema,
    freshness: CONFIDENCE_FRESHNESS,
    weight: part.weight,
    fetch: async () => {
      const { data, simulated } = await part.fetch();
      return { data, simulated };
    },
  });
}

/** The cell's newest skill per model (and the blend), when recent enough. */
async function skillOf(db: ConfidenceServiceOptions['db'], cellKey: string) {
  const rows = await db
    .selectFrom('forecastSkill')
    .select([
      'model',
      'meanAbsoluteError',
      'daysWithin',
      'days',
      sql<string>`to_char(night, 'YYYY-MM-DD')`.as('night'),
    ])
    .where('cellKey', '=', cellKey)
    .where(
      'night',
      '=',
      db
        .selectFrom('forecastSkill')
        .select((eb) => eb.fn.max('night').as('latest'))
        .where('cellKey', '=', cellKey)
        .where('night', '>=', sql<Date>`current_date - ${SKILL_MAX_AGE_DAYS}::int`),
    )
    .execute();
  const errors: Partial<Record<ComparedModel, number>> = {};
  for (const row of rows) {
    if ((COMPARED_MODELS as readonly string[]).includes(row.model))
      errors[row.model as ComparedModel] = row.meanAbsoluteError;
  }
  const blend = rows.find((row) => row.model === 'blend');
  return {
    errors: Object.keys(errors).length > 0 ? errors : undefined,
    accuracy: blend
      ? {
          daysWithin: blend.daysWithin,
          days: blend.days,
          meanAbsoluteError: blend.meanAbsoluteError,
          night: blend.night,
        }
      : null,
  };
}

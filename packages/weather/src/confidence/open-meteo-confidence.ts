import { z } from 'zod';

import { fetchJson } from '../http.ts';
import { plausibleValue } from '../plausible.ts';
import type { ForecastQuery } from '../provider.ts';
import { openMeteoCallWeight } from './call-weight.ts';

const PROVIDER = 'open-meteo';

/** The variables every confidence signal looks at. */
export const CONFIDENCE_VARIABLES = ['temperature', 'precipitation', 'wind'] as const;
export type ConfidenceVariable = (typeof CONFIDENCE_VARIABLES)[number];

const OPEN_METEO_NAME: Record<ConfidenceVariable, string> = {
  temperature: 'temperature_2m',
  precipitation: 'precipitation',
  wind: 'wind_speed_10m',
};
const RANGE: Record<ConfidenceVariable, z.ZodNumber> = {
  temperature: plausibleValue.temperature,
  precipitation: plausibleValue.rain,
  wind: plausibleValue.wind,
};

/**
 * The named models compared on `/v1/forecast`: ECMWF IFS, GFS, ICON, GEM,
 * Météo-France, UKMO and JMA. Never `best_match`: the point is to see them apart.
 */
export const COMPARED_MODELS = [
  'ecmwf_ifs025',
  'gfs_seamless',
  'icon_seamless',
  'gem_seamless',
  'meteofrance_seamless',
  'ukmo_seamless',
  'jma_seamless',
] as const;
export type ComparedModel = (typeof COMPARED_MODELS)[number];

/** The ensemble read by default: its mean and spread cost one weighted call. */
export const DEFAULT_ENSEMBLE = 'ecmwf_ifs025';
/** Members of the ensembles a day page may ask for in full. */
export const ENSEMBLE_MEMBERS = { ecmwf_ifs025: 51, gfs025: 31, icon_seamless: 40 } as const;
export type EnsembleId = keyof typeof ENSEMBLE_MEMBERS;

/** Days of confidence: the daily list's week. */
export const CONFIDENCE_DAYS = 7;
/** Past runs compared for "forecast changed": the Previous Runs API keeps five. */
export const RUNS_BACK = 5;
/** Days of history the skill job compares. */
export const SKILL_DAYS = 30;

export interface OpenMeteoConfidenceOptions {
  forecastUrl: string;
  ensembleUrl: string;
  previousRunsUrl: string;
  timeoutMs?: number;
}

/** One answer and what the free tier counts it as. */
export interface WeightedResult<T> {
  data: T;
  simulated: boolean;
  /** Calls as Open-Meteo's free tier counts this request (`openMeteoCallWeight`). */
  weight: number;
}

export type Series = (number | null)[];

export interface EnsembleMean {
  times: string[];
  mean: Record<ConfidenceVariable, Series>;
  spread: Record<ConfidenceVariable, Series>;
}

export interface EnsembleMembers {
  model: EnsembleId;
  times: string[];
  /** `members[variable][hour]` lists every member's value, control run first. */
  members: Record<ConfidenceVariable, (number | null)[][]>;
}

export interface ModelRuns {
  times: string[];
  /** Every model's hourly values; null past its horizon or outside its domain. */
  models: Record<ComparedModel, Record<ConfidenceVariable, Series>>;
}

export interface PreviousRuns {
  times: string[];
  /** The newest run's temperature. */
  latest: Series;
  /** `byRunsBack[n - 1]`: what the run n days earlier said for each hour. */
  byRunsBack: Series[];
}

export interface SkillHistory {
  times: string[];
  /** What happened: the newest analysis of each past hour. */
  observed: Series;
  /** Each model's run of the day before, for each past hour. */
  previousDay: Record<ComparedModel, Series>;
}

/** A column section whose every column is as long as `time` and holds plausible values. */
function hourlySchema(columns: Record<string, z.ZodNumber>) {
  return z.object({
    latitude: z.number(),
    longitude: z.number(),
    timezone: z.string(),
    hourly: z
      .object({
        time: z.array(plausibleValue.localTime).max(24 * 40),
        ...Object.fromEntries(
          Object.entries(columns).map(([key, range]) => [key, z.array(range.nullable())]),
        ),
      })
      .refine(
        (hourly) =>
          Object.values(hourly).every(
            (column) => (column as unknown[]).length === hourly.time.length,
          ),
        { message: 'every column must be as long as time' },
      ),
  });
}

const errorBodySchema = z.object({ error: z.literal(true), reason: z.string() });
const readErrorReason = (body: unknown) => errorBodySchema.safeParse(body).data?.reason;

function urlFor(base: string, path: string, query: ForecastQuery, params: Record<string, string>) {
  const url = new URL(path, base);
  url.searchParams.set('latitude', String(query.latitude));
  url.searchParams.set('longitude', String(query.longitude));
  url.searchParams.set('timezone', 'auto');
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

const byVariable = <T>(make: (variable: ConfidenceVariable) => T) =>
  Object.fromEntries(CONFIDENCE_VARIABLES.map((v) => [v, make(v)])) as Record<
    ConfidenceVariable,
    T
  >;

/**
 * Open-Meteo's Ensemble, multi-model and Previous Runs APIs, as the
 * confidence layer needs them. Every answer is validated (shape and
 * plausible values) and bounded like the forecast; every method says what the
 * call weighed.
 *
 * @example
 * const client = createOpenMeteoConfidence({ forecastUrl, ensembleUrl, previousRunsUrl });
 * const { data, weight } = await client.ensembleMean({ latitude: 52.52, longitude: 13.41 });
 */
export function createOpenMeteoConfidence(options: OpenMeteoConfidenceOptions) {
  const timeoutMs = options.timeoutMs ?? 5_000;

  async function get(url: URL, columns: Record<string, z.ZodNumber>, days: number) {
    const { body, simulated } = await fetchJson({
      provider: PROVIDER,
      url,
      schema: hourlySchema(columns),
      timeoutMs,
      readErrorReason,
    });
    const hourly = body.hourly as Record<string, Series> & { time: string[] };
    const weight = openMeteoCallWeight({ columns: Object.keys(columns).length, days });
    return { hourly, simulated, weight };
  }

  return {
    /** p10–p90 at one weighted call: the default ensemble's mean and spread. */
    async ensembleMean(query: ForecastQuery): Promise<WeightedResult<EnsembleMean>> {
      const columns: Record<string, z.ZodNumber> = {};
      for (const v of CONFIDENCE_VARIABLES) {
        columns[OPEN_METEO_NAME[v]] = RANGE[v];
        columns[`${OPEN_METEO_NAME[v]}_spread`] = z.number().min(0).max(1_000);
      }
      const url = urlFor(options.ensembleUrl, '/v1/ensemble', query, {
        hourly: CONFIDENCE_VARIABLES.map((v) => OPEN_METEO_NAME[v]).join(','),
        models: `${DEFAULT_ENSEMBLE}_ensemble_mean`,
        forecast_days: String(CONFIDENCE_DAYS),
      });
      const { hourly, simulated, weight } = await get(url, columns, CONFIDENCE_DAYS);
      return {
        data: {
          times: hourly.time,
          mean: byVariable((v) => hourly[OPEN_METEO_NAME[v]]!),
          spread: byVariable((v) => hourly[`${OPEN_METEO_NAME[v]}_spread`]!),
        },
        simulated,
        weight,
      };
    },

    /** Every member of one ensemble: about ten weighted calls for ECMWF's 51. */
    async ensembleMembers(
      query: ForecastQuery,
      model: EnsembleId = DEFAULT_ENSEMBLE,
    ): Promise<WeightedResult<EnsembleMembers>> {
      const count = ENSEMBLE_MEMBERS[model];
      const keyOf = (v: ConfidenceVariable, member: number) =>
        member === 0
          ? OPEN_METEO_NAME[v]
          : `${OPEN_METEO_NAME[v]}_member${String(member).padStart(2, '0')}`;
      const columns: Record<string, z.ZodNumber> = {};
      for (const v of CONFIDENCE_VARIABLES)
        for (let m = 0; m < count; m++) columns[keyOf(v, m)] = RANGE[v];
      const url = urlFor(options.ensembleUrl, '/v1/ensemble', query, {
        hourly: CONFIDENCE_VARIABLES.map((v) => OPEN_METEO_NAME[v]).join(','),
        models: model,
        forecast_days: String(CONFIDENCE_DAYS),
      });
      const { hourly, simulated, weight } = await get(url, columns, CONFIDENCE_DAYS);
      return {
        data: {
          model,
          times: hourly.time,
          members: byVariable((v) =>
            hourly.time.map((_, hour) =>
              Array.from({ length: count }, (_, m) => hourly[keyOf(v, m)]![hour] ?? null),
            ),
          ),
        },
        simulated,
        weight,
      };
    },

    /** The compared models side by side. */
    async models(query: ForecastQuery): Promise<WeightedResult<ModelRuns>> {
      const columns: Record<string, z.ZodNumber> = {};
      for (const model of COMPARED_MODELS)
        for (const v of CONFIDENCE_VARIABLES) columns[`${OPEN_METEO_NAME[v]}_${model}`] = RANGE[v];
      const url = urlFor(options.forecastUrl, '/v1/forecast', query, {
        hourly: CONFIDENCE_VARIABLES.map((v) => OPEN_METEO_NAME[v]).join(','),
        models: COMPARED_MODELS.join(','),
        forecast_days: String(CONFIDENCE_DAYS),
      });
      const { hourly, simulated, weight } = await get(url, columns, CONFIDENCE_DAYS);
      const models = Object.fromEntries(
        COMPARED_MODELS.map((model) => [
          model,
          byVariable((v) => hourly[`${OPEN_METEO_NAME[v]}_${model}`]!),
        ]),
      ) as ModelRuns['models'];
      return { data: { times: hourly.time, models }, simulated, weight };
    },

    /** The newest run's temperature beside what the runs 1…5 days earlier said. */
    async previousRuns(query: ForecastQuery): Promise<WeightedResult<PreviousRuns>> {
      const names = [
        'temperature_2m',
        ...Array.from({ length: RUNS_BACK }, (_, i) => `temperature_2m_previous_day${i + 1}`),
      ];
      const columns = Object.fromEntries(names.map((name) => [name, RANGE.temperature]));
      const url = urlFor(options.previousRunsUrl, '/v1/forecast', query, {
        hourly: names.join(','),
        forecast_days: String(CONFIDENCE_DAYS),
      });
      const { hourly, simulated, weight } = await get(url, columns, CONFIDENCE_DAYS);
      return {
        data: {
          times: hourly.time,
          latest: hourly.temperature_2m!,
          byRunsBack: names.slice(1).map((name) => hourly[name]!),
        },
        simulated,
        weight,
      };
    },

    /** The last 30 days: what happened, and what each model said the day before. */
    async skillHistory(query: ForecastQuery): Promise<WeightedResult<SkillHistory>> {
      const models = ['best_match', ...COMPARED_MODELS];
      const columns: Record<string, z.ZodNumber> = {};
      for (const model of models) {
        columns[`temperature_2m_${model}`] = RANGE.temperature;
        columns[`temperature_2m_previous_day1_${model}`] = RANGE.temperature;
      }
      const url = urlFor(options.previousRunsUrl, '/v1/forecast', query, {
        hourly: 'temperature_2m,temperature_2m_previous_day1',
        models: models.join(','),
        past_days: String(SKILL_DAYS),
        forecast_days: '1',
      });
      const { hourly, simulated, weight } = await get(url, columns, SKILL_DAYS + 1);
      const previousDay = Object.fromEntries(
        COMPARED_MODELS.map((model) => [model, hourly[`temperature_2m_previous_day1_${model}`]!]),
      ) as SkillHistory['previousDay'];
      return {
        data: { times: hourly.time, observed: hourly.temperature_2m_best_match!, previousDay },
        simulated,
        weight,
      };
    },
  };
}

export type OpenMeteoConfidence = ReturnType<typeof createOpenMeteoConfidence>;

/**
 * What each confidence call weighs, known before it is made, so the provider
 * gate can charge the budget up front. Equal to each answer's `weight`.
 */
export const CONFIDENCE_CALL_WEIGHTS = {
  ensembleMean: openMeteoCallWeight({
    columns: CONFIDENCE_VARIABLES.length * 2,
    days: CONFIDENCE_DAYS,
  }),
  ensembleMembers: (model: EnsembleId) =>
    openMeteoCallWeight({
      columns: CONFIDENCE_VARIABLES.length * ENSEMBLE_MEMBERS[model],
      days: CONFIDENCE_DAYS,
    }),
  models: openMeteoCallWeight({
    columns: CONFIDENCE_VARIABLES.length * COMPARED_MODELS.length,
    days: CONFIDENCE_DAYS,
  }),
  previousRuns: openMeteoCallWeight({ columns: 1 + RUNS_BACK, days: CONFIDENCE_DAYS }),
  skillHistory: openMeteoCallWeight({
    columns: 2 * (1 + COMPARED_MODELS.length),
    days: SKILL_DAYS + 1,
  }),
} as const;

import { z } from 'zod';

import {
  type ArchiveDay,
  climateNormals,
  type DayNormal,
  NORMALS_PERIOD,
  RECORDS_FIRST_YEAR,
} from './climate-normals.ts';
import { fetchJson } from './http.ts';
import { ProviderError } from './provider-error.ts';
import type { ProviderResult } from './provider.ts';

const PROVIDER = 'open-meteo';

export type ArchiveVariable =
  'temperature_2m_max' | 'temperature_2m_min' | 'temperature_2m_mean' | 'precipitation_sum';

export interface ArchiveQuery {
  latitude: number;
  longitude: number;
  /** IANA zone whose local days the values are aggregated over (the place's). */
  timeZone: string;
  /** `YYYY-MM-DD`, inclusive. */
  startDate: string;
  endDate: string;
  variables: readonly ArchiveVariable[];
}

const NORMALS_VARIABLES = [
  'temperature_2m_max',
  'temperature_2m_min',
  'temperature_2m_mean',
  'precipitation_sum',
] as const satisfies readonly ArchiveVariable[];
const RECORD_VARIABLES = [
  'temperature_2m_max',
  'temperature_2m_min',
] as const satisfies readonly ArchiveVariable[];

export interface ArchiveChunk {
  startDate: string;
  endDate: string;
  variables: readonly ArchiveVariable[];
  /** Part of the 1991–2020 reference period (else only searched for records). */
  normal: boolean;
}

/**
 * The requests one cell's normals take, a decade each: 1950–2020 in one answer
 * would be about 0.8 MB (a third of the provider body cap, growing with every
 * variable) and weigh over 1,800 calls, more than a minute's budget; a decade
 * is about 0.1 MB and 261 calls, so the budget guard can fit each between
 * forecasts. Before 1991 only highs and lows are asked for (the records).
 */
export const NORMALS_REQUESTS: readonly ArchiveChunk[] = [
  [RECORDS_FIRST_YEAR, 1959],
  [1960, 1969],
  [1970, 1979],
  [1980, NORMALS_PERIOD.firstYear - 1],
  [NORMALS_PERIOD.firstYear, 2000],
  [2001, 2010],
  [2011, NORMALS_PERIOD.lastYear],
].map(([first, last]) => {
  const normal = first! >= NORMALS_PERIOD.firstYear;
  return {
    startDate: `${first}-01-01`,
    endDate: `${last}-12-31`,
    variables: normal ? NORMALS_VARIABLES : RECORD_VARIABLES,
    normal,
  };
});

const DAY_MS = 86_400_000;
const daysBetween = (startDate: string, endDate: string) =>
  Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / DAY_MS) +
  1;

/**
 * What Open-Meteo counts a request as, in calls of its free budget: a call
 * with more than 10 variables or more than 2 weeks of data counts as several,
 * in proportion (its pricing page's fractional counting).
 *
 * @example
 * archiveCallWeight({ startDate: '1991-01-01', endDate: '2000-12-31', variables: [four] }) // 261
 */
export function archiveCallWeight(
  query: Pick<ArchiveQuery, 'startDate' | 'endDate' | 'variables'>,
): number {
  const days = daysBetween(query.startDate, query.endDate);
  return Math.max(1, Math.ceil(Math.max(1, query.variables.length / 10) * Math.max(1, days / 14)));
}

/** The weight of every request {@link NORMALS_REQUESTS} makes for one cell. */
export const NORMALS_CALL_WEIGHT = NORMALS_REQUESTS.reduce(
  (sum, request) => sum + archiveCallWeight(request),
  0,
);

// Beyond every value ever observed on Earth (°C, mm per day).
const temperature = z.number().min(-100).max(70).nullable();
const precipitation = z.number().min(0).max(2_000).nullable();
const archiveResponseSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  timezone: z.string(),
  daily: z.object({
    time: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    temperature_2m_max: z.array(temperature).optional(),
    temperature_2m_min: z.array(temperature).optional(),
    temperature_2m_mean: z.array(temperature).optional(),
    precipitation_sum: z.array(precipitation).optional(),
  }),
});

const errorBodySchema = z.object({ error: z.literal(true), reason: z.string() });
const readErrorReason = (body: unknown) => errorBodySchema.safeParse(body).data?.reason;

export interface OpenMeteoArchiveOptions {
  /** `https://archive-api.open-meteo.com` */
  archiveUrl: string;
  /** Per call; thirty years take the real service a few seconds. */
  timeoutMs?: number;
}

export interface OpenMeteoArchive {
  /** Local days from `startDate` to `endDate`, every one present, in order, plausible. */
  daily(query: ArchiveQuery): Promise<ProviderResult<ArchiveDay[]>>;
}

/**
 * Open-Meteo's historical weather API, read from ERA5-Land (0.1°, from 1950).
 *
 * @example
 * const archive = createOpenMeteoArchive({ archiveUrl: 'https://archive-api.open-meteo.com' });
 * const { data } = await archive.daily({ latitude: 52.52, longitude: 13.41, timeZone: 'Europe/Berlin', ...NORMALS_REQUESTS[4]! });
 */
export function createOpenMeteoArchive(options: OpenMeteoArchiveOptions): OpenMeteoArchive {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return {
    async daily(query) {
      const url = new URL('/v1/archive', options.archiveUrl);
      url.searchParams.set('latitude', String(query.latitude));
      url.searchParams.set('longitude', String(query.longitude));
      url.searchParams.set('start_date', query.startDate);
      url.searchParams.set('end_date', query.endDate);
      url.searchParams.set('daily', query.variables.join(','));
      url.searchParams.set('models', 'era5_land');
      url.searchParams.set('timezone', query.timeZone);
      const { body, simulated } = await fetchJson({
        provider: PROVIDER,
        url,
        schema: archiveResponseSchema,
        timeoutMs,
        readErrorReason,
      });
      const malformed = (why: string) =>
        new ProviderError({
          kind: 'malformed',
          provider: PROVIDER,
          status: 200,
          message: `${PROVIDER} archive answered implausibly (${url.origin}${url.pathname}): ${why}`,
        });
      const { daily } = body;
      const expected = daysBetween(query.startDate, query.endDate);
      if (
        daily.time.length !== expected ||
        daily.time[0] !== query.startDate ||
        daily.time.at(-1) !== query.endDate
      ) {
        throw malformed(`expected ${expected} days from ${query.startDate} to ${query.endDate}`);
      }
      const columnOf = (name: ArchiveVariable) => {
        const column = daily[name];
        if (!query.variables.includes(name)) return undefined;
        if (column?.length !== expected) throw malformed(`column ${name} is missing or short`);
        return column;
      };
      const highs = columnOf('temperature_2m_max');
      const lows = columnOf('temperature_2m_min');
      const rain = columnOf('precipitation_sum');
      const days = daily.time.map((date, i): ArchiveDay => {
        const high = highs?.[i] ?? null;
        const low = lows?.[i] ?? null;
        if (high !== null && low !== null && low > high) {
          throw malformed(`${date} has a low above its high`);
        }
        return { date, high, low, ...(rain ? { precipitation: rain[i] ?? null } : {}) };
      });
      return { data: days, simulated };
    },
  };
}

/**
 * Fetches everything one cell's normals need ({@link NORMALS_REQUESTS}, each
 * through `call`, which is where the budget is counted) and computes them.
 *
 * @example
 * const normals = await fetchCellNormals(archive, place, (weight, action) => gate.call('open-meteo', action, { weight }));
 */
export async function fetchCellNormals(
  archive: OpenMeteoArchive,
  place: { latitude: number; longitude: number; timeZone: string },
  call: <T>(weight: number, action: () => Promise<T>) => Promise<T>,
): Promise<ProviderResult<DayNormal[]>> {
  const normalDays: ArchiveDay[] = [];
  const olderDays: ArchiveDay[] = [];
  let simulated = false;
  for (const request of NORMALS_REQUESTS) {
    const answer = await call(archiveCallWeight(request), () =>
      archive.daily({ ...place, ...request }),
    );
    (request.normal ? normalDays : olderDays).push(...answer.data);
    simulated ||= answer.simulated;
  }
  return { data: climateNormals(normalDays, olderDays), simulated };
}

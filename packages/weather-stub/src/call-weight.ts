import { ENSEMBLE_MEAN_SUFFIX, ENSEMBLE_MODELS } from './forecast-models.ts';
import type { StubEndpoint } from './endpoints.ts';

const SECTIONS = ['current', 'minutely_15', 'hourly', 'daily'];

const listOf = (query: URLSearchParams, key: string) =>
  query
    .getAll(key)
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean);

/**
 * How many calls Open-Meteo's free tier counts a request as: every ten data
 * columns (variable × model, or variable × ensemble member) count as one call,
 * multiplied by the days asked beyond two weeks, and never less than one.
 * Skycast's provider gate counts by the same rule (`openMeteoCallWeight` in
 * @skycast/weather); this copy lets the stub's counter check it.
 */
export function callWeight(endpoint: StubEndpoint, query: URLSearchParams): number {
  if (endpoint !== '/v1/forecast' && endpoint !== '/v1/ensemble') return 1;
  const variables = SECTIONS.reduce((total, key) => total + new Set(listOf(query, key)).size, 0);
  const models = [...new Set(listOf(query, 'models'))];
  const perModel =
    endpoint === '/v1/ensemble'
      ? models.reduce((total, name) => {
          if (name.endsWith(ENSEMBLE_MEAN_SUFFIX)) return total + 2;
          return total + (ENSEMBLE_MODELS[name]?.members ?? 1);
        }, 0)
      : Math.max(1, models.length);
  const days = Number(query.get('forecast_days') ?? 7) + Number(query.get('past_days') ?? 0) || 7;
  return Math.max(1, ((variables * Math.max(1, perModel)) / 10) * Math.max(1, days / 14));
}

import { z } from 'zod';

import {
  airQualitySchema,
  alertsProviderIdSchema,
  providerIdSchema,
  unitsSchema,
  weatherAlertSchema,
  weatherCodeSchema,
} from '@skycast/weather';

import type { Cached } from './weather-cache.ts';

/**
 * The weather service's answers that packages/weather has no schema for,
 * each defined once: the router declares them as outputs and the service's
 * types are inferred from them, so the two cannot drift apart.
 */

/** Warnings served for one point at most; more would be a runaway feed, not a forecast. */
export const MAX_ALERTS = 100;

/** Where an answer came from, in the order every weather answer ends with. */
const provenanceShape = <Source extends z.ZodType>(source: Source) => ({
  fetchedAt: z.iso.datetime(),
  stale: z.boolean(),
  source,
  simulated: z.boolean(),
});

/**
 * The provenance fields of an answer read from the cache: when it was fetched,
 * whether it is stale, which service gave it and whether that one was simulated.
 *
 * @example
 * return { ...report, ...provenance(cached, provider.id) };
 */
export function provenance<Source>(cached: Cached<{ simulated: boolean }>, source: Source) {
  return {
    fetchedAt: cached.fetchedAt.toISOString(),
    stale: cached.stale,
    source,
    simulated: cached.value.simulated,
  };
}

/** A place's weather in a line, as a list of places shows it. */
export const weatherSummarySchema = z.object({
  temperature: z.number(),
  weatherCode: weatherCodeSchema,
  isDay: z.boolean(),
  high: z.number().nullable(),
  low: z.number().nullable(),
  units: unitsSchema,
  fetchedAt: z.iso.datetime(),
  stale: z.boolean(),
});
export type WeatherSummary = z.output<typeof weatherSummarySchema>;

export const airQualityReportSchema = airQualitySchema.extend(provenanceShape(providerIdSchema));
export type AirQualityReport = z.output<typeof airQualityReportSchema>;

export const alertsReportSchema = z.object({
  alerts: z.array(weatherAlertSchema).max(MAX_ALERTS),
  /**
   * Warnings the service listed at the point whose own documents could not be
   * read just now (MeteoAlarm: one CAP document each): the list is incomplete
   * by this many. 0 when it is complete.
   */
  unreadable: z.number().int().min(0),
  // The warning service asked; null where none covers the point.
  ...provenanceShape(alertsProviderIdSchema.nullable()),
});
export type AlertsReport = z.output<typeof alertsReportSchema>;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import {
  airQualitySchema,
  forecastSchema,
  placeSchema,
  providerIdSchema,
  unitSystemSchema,
  windUnitSchema,
} from '@skycast/weather';

import { publicProcedure } from '../trpc.ts';

export const coordinatesSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const weatherRouter = {
  /** Places whose name starts with `query`, best known first. */
  searchLocations: publicProcedure
    .input(
      z.object({
        query: z.string().trim().min(1).max(100),
        limit: z.number().int().min(1).max(20).default(10),
      }),
    )
    .output(z.array(placeSchema).max(20))
    .query(({ ctx, input }) =>
      ctx.weather.searchLocations(input.query, input.limit, { logger: ctx.logger }),
    ),

  /** Current conditions, the coming hours and days for a point, in the units asked for. */
  forecast: publicProcedure
    .input(
      coordinatesSchema.extend({
        units: unitSystemSchema.default('metric'),
        windUnit: windUnitSchema.default('kmh'),
      }),
    )
    .output(forecastSchema)
    .query(({ ctx, input }) =>
      ctx.weather.forecast(
        input,
        { units: input.units, windUnit: input.windUnit },
        { logger: ctx.logger },
      ),
    ),

  /** Air quality now and for the coming hours: AQI (European and US where given), PM2.5, PM10, O₃, NO₂. */
  airQuality: publicProcedure
    .input(coordinatesSchema)
    .output(
      airQualitySchema.extend({
        fetchedAt: z.iso.datetime(),
        stale: z.boolean(),
        source: providerIdSchema,
        simulated: z.boolean(),
      }),
    )
    .query(({ ctx, input }) => ctx.weather.airQuality(input, { logger: ctx.logger })),
} satisfies TRPCRouterRecord;

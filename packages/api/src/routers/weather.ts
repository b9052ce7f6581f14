import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { forecastSchema, placeSchema } from '@skycast/weather';

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
    .query(async ({ ctx, input }) => {
      const { data } = await ctx.provider.searchLocations(input);
      return data;
    }),

  /** Current conditions, the coming hours and days for a point. */
  forecast: publicProcedure
    .input(coordinatesSchema)
    .output(forecastSchema)
    .query(({ ctx, input }) => ctx.forecasts.get(input.latitude, input.longitude)),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { protectedProcedure } from '../trpc.ts';

const MAX_LISTED = 50;

export const notificationsRouter = {
  /** Recent notifications, newest first: every one made for you, pushed or not. */
  list: protectedProcedure
    .meta({
      description:
        'Your recent notifications, newest first — every one the server made, whether or not a device received it.',
      example: { limit: 20 },
    })
    .input(
      z
        .object({ limit: z.number().int().min(1).max(MAX_LISTED).default(20) })
        .default({ limit: 20 }),
    )
    .output(
      z
        .array(
          z.object({
            id: z.string(),
            watchId: z.string().nullable(),
            placeId: z.string().nullable(),
            kind: z.string(),
            title: z.string(),
            body: z.string(),
            url: z.string(),
            createdAt: z.iso.datetime(),
          }),
        )
        .max(MAX_LISTED),
    )
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .selectFrom('notifications')
        .select(['id', 'watchId', 'placeId', 'kind', 'title', 'body', 'url', 'createdAt'])
        .where('userId', '=', ctx.user.id)
        .orderBy('createdAt', 'desc')
        .limit(input.limit)
        .execute();
      return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
    }),
} satisfies TRPCRouterRecord;

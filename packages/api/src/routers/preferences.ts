import type { TRPCRouterRecord } from '@trpc/server';
import type { z } from 'zod';

import {
  noInputSchema,
  preferencesChangeSchema,
  preferencesSchema,
  type AccountPreferences,
} from '@skycast/validators';

import { protectedProcedure } from '../trpc.ts';

/** What a user who never changed anything sees. */
export const DEFAULT_PREFERENCES: AccountPreferences = {
  units: 'metric',
  windUnit: 'kmh',
  precipitationUnit: null,
  pressureUnit: null,
  distanceUnit: null,
  clock: null,
  theme: 'system',
  language: 'auto',
};

const COLUMNS = [
  'units',
  'windUnit',
  'precipitationUnit',
  'pressureUnit',
  'distanceUnit',
  'clock',
  'theme',
  'language',
] as const;

export const preferencesRouter = {
  /** The signed-in user's units, clock, theme and language (defaults until changed). */
  get: protectedProcedure
    .input(noInputSchema)
    .output(preferencesSchema)
    .query(async ({ ctx }) => {
      const row = await ctx.db
        .selectFrom('preferences')
        .select(COLUMNS)
        .where('userId', '=', ctx.user.id)
        .executeTakeFirst();
      return row ?? DEFAULT_PREFERENCES;
    }),

  /** Changes the settings given and keeps the others. */
  update: protectedProcedure
    .input(preferencesChangeSchema)
    .output(preferencesSchema)
    .mutation(async ({ ctx, input }) => {
      const changes = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined),
      ) as z.infer<typeof preferencesChangeSchema>;
      const row = await ctx.db
        .insertInto('preferences')
        .values({ userId: ctx.user.id, ...changes })
        .onConflict((oc) => oc.column('userId').doUpdateSet({ ...changes, updatedAt: new Date() }))
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return row;
    }),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { unitSystemSchema, windUnitSchema } from '@skycast/weather';

import { languageSchema, noInputSchema } from '@skycast/validators';

import { protectedProcedure } from '../trpc.ts';

export const themeSchema = z.enum(['system', 'light', 'dark']);

/** A language, or 'auto': whatever the person's browser prefers. */
export const languageChoiceSchema = z.union([z.literal('auto'), languageSchema]);

export const preferencesSchema = z.object({
  units: unitSystemSchema,
  windUnit: windUnitSchema,
  theme: themeSchema,
  language: languageChoiceSchema,
});

/** What a user who never changed anything sees. */
export const DEFAULT_PREFERENCES: z.infer<typeof preferencesSchema> = {
  units: 'metric',
  windUnit: 'kmh',
  theme: 'system',
  language: 'auto',
};

export const preferencesRouter = {
  /** The signed-in user's units, wind unit, theme and language (defaults until changed). */
  get: protectedProcedure
    .input(noInputSchema)
    .output(preferencesSchema)
    .query(async ({ ctx }) => {
      const row = await ctx.db
        .selectFrom('preferences')
        .select(['units', 'windUnit', 'theme', 'language'])
        .where('userId', '=', ctx.user.id)
        .executeTakeFirst();
      return row ?? DEFAULT_PREFERENCES;
    }),

  /** Changes the settings given and keeps the others. */
  update: protectedProcedure
    .input(preferencesSchema.partial().strict())
    .output(preferencesSchema)
    .mutation(async ({ ctx, input }) => {
      const changes = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined),
      ) as Partial<z.infer<typeof preferencesSchema>>;
      const row = await ctx.db
        .insertInto('preferences')
        .values({ userId: ctx.user.id, ...changes })
        .onConflict((oc) => oc.column('userId').doUpdateSet({ ...changes, updatedAt: new Date() }))
        .returning(['units', 'windUnit', 'theme', 'language'])
        .executeTakeFirstOrThrow();
      return row;
    }),
} satisfies TRPCRouterRecord;

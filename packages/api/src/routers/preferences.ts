import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import {
  clockSchema,
  distanceUnitSchema,
  languageSchema,
  noInputSchema,
  precipitationUnitSchema,
  pressureUnitSchema,
  themeSchema,
  unitSystemSchema,
  windUnitSchema,
} from '@skycast/validators';

import { protectedProcedure } from '../trpc.ts';

/** A language, or 'auto': whatever the person's browser prefers. */
export const languageChoiceSchema = z.union([z.literal('auto'), languageSchema]);

/**
 * A person's choices. `units` is the temperature scale (°C or °F); the other
 * units and the clock are chosen apart from it. Those four are `null` until
 * chosen: the browser then follows its own choice, or its locale.
 */
export const preferencesSchema = z.object({
  units: unitSystemSchema,
  windUnit: windUnitSchema,
  precipitationUnit: precipitationUnitSchema.nullable(),
  pressureUnit: pressureUnitSchema.nullable(),
  distanceUnit: distanceUnitSchema.nullable(),
  clock: clockSchema.nullable(),
  theme: themeSchema,
  language: languageChoiceSchema,
});

/** A change: any of the settings, each a value (a choice, once made, is not unmade). */
const preferencesChangeSchema = z
  .object({
    units: unitSystemSchema,
    windUnit: windUnitSchema,
    precipitationUnit: precipitationUnitSchema,
    pressureUnit: pressureUnitSchema,
    distanceUnit: distanceUnitSchema,
    clock: clockSchema,
    theme: themeSchema,
    language: languageChoiceSchema,
  })
  .partial()
  .strict();

/** What a user who never changed anything sees. */
export const DEFAULT_PREFERENCES: z.infer<typeof preferencesSchema> = {
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

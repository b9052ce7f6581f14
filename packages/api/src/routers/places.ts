import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { sql } from '@skycast/db';

import { protectedProcedure } from '../trpc.ts';
import { coordinatesSchema, unitChoiceInputSchema, weatherSummarySchema } from './weather.ts';

/** How many places one person may keep. */
export const MAX_PLACES = 50;

const placeIdSchema = z.uuid('A place id is a UUID, as `places.list` returns it.');
const placeNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the place a name.')
  .max(100, 'A place name has at most 100 characters.');

export const savedPlaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  country: z.string().nullable(),
  timezone: z.string().nullable(),
  position: z.number().int(),
});

const columns = ['id', 'name', 'latitude', 'longitude', 'country', 'timezone', 'position'] as const;

const notFound = () =>
  new TRPCError({ code: 'NOT_FOUND', message: 'That place is not in your list.' });

/** ~11 m: two saves of the same spot from a search or a map are one place. */
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export const placesRouter = {
  /** The signed-in user's places, in their order. */
  list: protectedProcedure
    .input(z.void())
    .output(z.array(savedPlaceSchema).max(MAX_PLACES))
    .query(({ ctx }) =>
      ctx.db
        .selectFrom('places')
        .select(columns)
        .where('userId', '=', ctx.user.id)
        .orderBy('position')
        .orderBy('createdAt')
        .execute(),
    ),

  /**
   * The user's places with the weather at each now, in one round trip: what
   * the start page shows. `weather` is `null` for a place whose weather
   * cannot be had just now.
   */
  overview: protectedProcedure
    .meta({
      description:
        'Your places in your order, each with its weather now (temperature, condition, today’s high and low) in the units asked for.',
      example: { units: 'metric', windUnit: 'kmh' },
    })
    .input(unitChoiceInputSchema)
    .output(
      z
        .array(savedPlaceSchema.extend({ weather: weatherSummarySchema.nullable() }))
        .max(MAX_PLACES),
    )
    .query(async ({ ctx, input }) => {
      const places = await ctx.db
        .selectFrom('places')
        .select(columns)
        .where('userId', '=', ctx.user.id)
        .orderBy('position')
        .orderBy('createdAt')
        .execute();
      const summaries = await ctx.weather.summaries(places, input, { logger: ctx.logger });
      return places.map((place, index) => ({ ...place, weather: summaries[index] ?? null }));
    }),

  /** Adds a place at the end of the list; the same coordinates twice is a CONFLICT. */
  add: protectedProcedure
    .input(
      coordinatesSchema.extend({
        name: placeNameSchema,
        country: z.string().trim().min(1).max(100).optional(),
        timezone: z
          .string()
          .max(64)
          .regex(/^[A-Za-z][\w+/-]*$/, 'Expected an IANA time zone such as Europe/Berlin.')
          .optional(),
      }),
    )
    .output(savedPlaceSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        // One add at a time per user, so two concurrent adds cannot pass the limit.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`places:${ctx.user.id}`}, 0))`.execute(
          trx,
        );
        const { count, last } = await trx
          .selectFrom('places')
          .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('position').as('last')])
          .where('userId', '=', ctx.user.id)
          .executeTakeFirstOrThrow();
        if (Number(count) >= MAX_PLACES) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: `You can keep at most ${MAX_PLACES} places. Remove one to add another.`,
          });
        }
        const place = await trx
          .insertInto('places')
          .values({
            userId: ctx.user.id,
            name: input.name,
            latitude: round4(input.latitude),
            longitude: round4(input.longitude),
            country: input.country ?? null,
            timezone: input.timezone ?? null,
            position: (last ?? -1) + 1,
          })
          .onConflict((oc) => oc.columns(['userId', 'latitude', 'longitude']).doNothing())
          .returning(columns)
          .executeTakeFirst();
        if (!place) {
          throw new TRPCError({
            code: 'CONFLICT',
            message: 'This place is already in your list.',
          });
        }
        return place;
      }),
    ),

  /** Renames one of the user's places. */
  rename: protectedProcedure
    .input(z.object({ id: placeIdSchema, name: placeNameSchema }))
    .output(savedPlaceSchema)
    .mutation(async ({ ctx, input }) => {
      const place = await ctx.db
        .updateTable('places')
        .set({ name: input.name })
        .where('id', '=', input.id)
        .where('userId', '=', ctx.user.id)
        .returning(columns)
        .executeTakeFirst();
      if (!place) throw notFound();
      return place;
    }),

  /** Removes one of the user's places. */
  remove: protectedProcedure
    .input(z.object({ id: placeIdSchema }))
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const removed = await ctx.db
        .deleteFrom('places')
        .where('id', '=', input.id)
        .where('userId', '=', ctx.user.id)
        .returning('id')
        .executeTakeFirst();
      if (!removed) throw notFound();
      return removed;
    }),

  /** Puts the user's places in the order given; `ids` must name each of them once. */
  reorder: protectedProcedure
    .input(
      z.object({
        ids: z
          .array(placeIdSchema)
          .max(MAX_PLACES)
          .refine((ids) => new Set(ids).size === ids.length, 'Each place may appear only once.'),
      }),
    )
    .output(z.array(savedPlaceSchema).max(MAX_PLACES))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtextextended(${`places:${ctx.user.id}`}, 0))`.execute(
          trx,
        );
        const owned = await trx
          .selectFrom('places')
          .select('id')
          .where('userId', '=', ctx.user.id)
          .execute();
        const ownedIds = new Set(owned.map((row) => row.id));
        if (ownedIds.size !== input.ids.length || !input.ids.every((id) => ownedIds.has(id))) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: 'Send the ids of all your places, each once, in the new order.',
          });
        }
        for (const [position, id] of input.ids.entries()) {
          await trx
            .updateTable('places')
            .set({ position })
            .where('id', '=', id)
            .where('userId', '=', ctx.user.id)
            .execute();
        }
        return trx
          .selectFrom('places')
          .select(columns)
          .where('userId', '=', ctx.user.id)
          .orderBy('position')
          .execute();
      }),
    ),
} satisfies TRPCRouterRecord;

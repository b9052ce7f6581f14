import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { sql, type Kysely, type SignedInDatabase } from '@skycast/db';
import {
  coordinatesSchema,
  MAX_PLACES,
  placeIdSchema,
  placeToSaveSchema,
  renamePlaceInputSchema,
  reorderPlacesInputSchema,
  roundCoordinate,
  noInputSchema,
  unitChoiceInputSchema,
} from '@skycast/validators';

import { ClientError } from '../client-error.ts';
import type { PlaceRow } from '../services.ts';
import type { UserMemory } from '../user-memory.ts';
import { protectedProcedure, type MadeFrom } from '../trpc.ts';
import { weatherSummarySchema } from '../weather/answers.ts';

/** A saved place as answers carry it: what `places.add` took, with its id and position. */
export const savedPlaceSchema = coordinatesSchema.extend({
  id: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  timezone: z.string().nullable(),
  position: z.number().int(),
});

const columns = ['id', 'name', 'latitude', 'longitude', 'country', 'timezone', 'position'] as const;

const notFound = () => new ClientError('NOT_FOUND', 'PLACE_NOT_FOUND');

/** One user's places in their order, from the database. */
function readPlaces(db: Kysely<SignedInDatabase>, userId: string) {
  return db
    .selectFrom('places')
    .select(columns)
    .where('userId', '=', userId)
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
}

/** One user's places in their order: from this instance's memory when kept, else read and kept. */
async function listPlaces(
  ctx: {
    db: Kysely<SignedInDatabase>;
    placesMemory?: UserMemory<readonly PlaceRow[]> | undefined;
    madeFrom?: MadeFrom;
  },
  userId: string,
): Promise<readonly PlaceRow[]> {
  const memory = ctx.placesMemory;
  let places = memory?.get(userId);
  if (!places) {
    const mark = memory?.mark() ?? 0;
    // Frozen: the same list is handed to every request until it changes.
    places = Object.freeze(await readPlaces(ctx.db, userId));
    memory?.remember(userId, places, mark);
  }
  // An answer made from this list stays true while memory holds this very list.
  if (ctx.madeFrom) ctx.madeFrom.places = { userId, value: places };
  return places;
}

/**
 * Runs `change` in a transaction that holds the user's places lock, so two
 * concurrent changes (two adds near the limit, an add and a reorder) run one
 * after the other.
 */
async function withPlacesLock<T>(
  ctx: { db: Kysely<SignedInDatabase>; placesMemory?: UserMemory<readonly PlaceRow[]> | undefined },
  userId: string,
  change: (trx: Kysely<SignedInDatabase>) => Promise<T>,
): Promise<T> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`places:${userId}`}, 0))`.execute(
      trx,
    );
    const changed = await change(trx);
    // Every instance drops its copy of the user's places when this commits.
    await ctx.placesMemory?.changed<SignedInDatabase>(trx, userId);
    return changed;
  });
  ctx.placesMemory?.forget(userId);
  return result;
}

export const placesRouter = {
  /** The signed-in user's places, in their order. */
  list: protectedProcedure
    .input(noInputSchema)
    .output(z.array(savedPlaceSchema).max(MAX_PLACES))
    .query(async ({ ctx }) => [...(await listPlaces(ctx, ctx.user.id))]),

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
      const places = await listPlaces(ctx, ctx.user.id);
      const summaries = await ctx.weather.summaries(places, input, { logger: ctx.logger });
      return places.map((place, index) => ({ ...place, weather: summaries[index] ?? null }));
    }),

  /** Adds a place at the end of the list; the same coordinates twice is a CONFLICT. */
  add: protectedProcedure
    .input(placeToSaveSchema)
    .output(savedPlaceSchema)
    .mutation(async ({ ctx, input }) => {
      const saved = await withPlacesLock(ctx, ctx.user.id, async (trx) => {
        const { count, last } = await trx
          .selectFrom('places')
          .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('position').as('last')])
          .where('userId', '=', ctx.user.id)
          .executeTakeFirstOrThrow();
        if (Number(count) >= MAX_PLACES) {
          throw new ClientError('BAD_REQUEST', 'PLACE_LIMIT_REACHED', { max: MAX_PLACES });
        }
        const place = await trx
          .insertInto('places')
          .values({
            userId: ctx.user.id,
            name: input.name,
            latitude: roundCoordinate(input.latitude),
            longitude: roundCoordinate(input.longitude),
            country: input.country ?? null,
            timezone: input.timezone ?? null,
            position: (last ?? -1) + 1,
          })
          .onConflict((oc) => oc.columns(['userId', 'latitude', 'longitude']).doNothing())
          .returning(columns)
          .executeTakeFirst();
        if (!place) {
          throw new ClientError('CONFLICT', 'PLACE_ALREADY_SAVED');
        }
        return place;
      });
      // Its climate normals are fetched in the background; a hiccup there must not undo the save.
      await ctx.normals.placeSaved(saved.latitude, saved.longitude).catch((error: unknown) => {
        ctx.logger.warn({ err: error }, 'could not queue the normals of a saved place');
      });
      return saved;
    }),

  /** Renames one of the user's places. */
  rename: protectedProcedure
    .input(renamePlaceInputSchema)
    .output(savedPlaceSchema)
    .mutation(({ ctx, input }) =>
      withPlacesLock(ctx, ctx.user.id, async (trx) => {
        const place = await trx
          .updateTable('places')
          .set({ name: input.name })
          .where('id', '=', input.id)
          .where('userId', '=', ctx.user.id)
          .returning(columns)
          .executeTakeFirst();
        if (!place) throw notFound();
        return place;
      }),
    ),

  /** Removes one of the user's places. */
  remove: protectedProcedure
    .input(z.object({ id: placeIdSchema }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) =>
      withPlacesLock(ctx, ctx.user.id, async (trx) => {
        const removed = await trx
          .deleteFrom('places')
          .where('id', '=', input.id)
          .where('userId', '=', ctx.user.id)
          .returning('id')
          .executeTakeFirst();
        if (!removed) throw notFound();
        return removed;
      }),
    ),

  /** Puts the user's places in the order given; `ids` must name each of them once. */
  reorder: protectedProcedure
    .input(reorderPlacesInputSchema)
    .output(z.array(savedPlaceSchema).max(MAX_PLACES))
    .mutation(({ ctx, input }) =>
      withPlacesLock(ctx, ctx.user.id, async (trx) => {
        const owned = await trx
          .selectFrom('places')
          .select('id')
          .where('userId', '=', ctx.user.id)
          .execute();
        const ownedIds = new Set(owned.map((row) => row.id));
        if (ownedIds.size !== input.ids.length || !input.ids.every((id) => ownedIds.has(id))) {
          throw new ClientError('BAD_REQUEST', 'PLACE_ORDER_MISMATCH');
        }
        for (const [position, id] of input.ids.entries()) {
          await trx
            .updateTable('places')
            .set({ position })
            .where('id', '=', id)
            .where('userId', '=', ctx.user.id)
            .execute();
        }
        return readPlaces(trx, ctx.user.id);
      }),
    ),
} satisfies TRPCRouterRecord;

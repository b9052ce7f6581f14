import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { sql, type Kysely, type SignedInDatabase } from '@skycast/db';
import {
  ALWAYS,
  createWatchInputSchema,
  MAX_WATCHES_PER_PLACE,
  MAX_WATCHES_PER_USER,
  placeIdSchema,
  previewWatchInputSchema,
  updateWatchInputSchema,
  watchIdSchema,
  watchRuleSchema,
  watchScheduleSchema,
} from '@skycast/validators';

import { ClientError } from '../client-error.ts';
import { protectedProcedure } from '../trpc.ts';
import type { WatchState } from '../watches/evaluate.ts';
import { describeEvent, type Reader } from '../watches/messages.ts';
import { PREVIEW_MAX_EVENTS, previewEvents, previewNormalDates } from '../watches/preview.ts';

export const watchSchema = z.object({
  id: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  rule: watchRuleSchema,
  schedule: watchScheduleSchema,
  enabled: z.boolean(),
  /** Whether the condition held when last checked. */
  conditionMet: z.boolean(),
  /** When the server last checked it; null before the first round. */
  evaluatedAt: z.iso.datetime().nullable(),
});
type WatchOutput = z.infer<typeof watchSchema>;

const placeNotFound = () => new ClientError('NOT_FOUND', 'PLACE_NOT_FOUND');
const watchNotFound = () => new ClientError('NOT_FOUND', 'WATCH_NOT_FOUND');

function watchesOf(db: Kysely<SignedInDatabase>, userId: string) {
  return db
    .selectFrom('watches')
    .innerJoin('places', 'places.id', 'watches.placeId')
    .where('watches.userId', '=', userId)
    .select([
      'watches.id',
      'watches.placeId',
      'places.name as placeName',
      'watches.rule',
      'watches.schedule',
      'watches.enabled',
      'watches.conditionMet',
      'watches.evaluatedAt',
    ])
    .orderBy('watches.createdAt');
}

function toOutput(row: {
  id: string;
  placeId: string;
  placeName: string;
  rule: unknown;
  schedule: unknown;
  enabled: boolean;
  conditionMet: boolean;
  evaluatedAt: Date | null;
}): WatchOutput {
  return {
    ...row,
    rule: watchRuleSchema.parse(row.rule),
    schedule: watchScheduleSchema.parse(row.schedule),
    evaluatedAt: row.evaluatedAt?.toISOString() ?? null,
  };
}

async function ownedPlace(db: Kysely<SignedInDatabase>, userId: string, placeId: string) {
  const place = await db
    .selectFrom('places')
    .select(['id', 'name', 'latitude', 'longitude', 'timezone'])
    .where('id', '=', placeId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (!place) throw placeNotFound();
  return place;
}

export const watchesRouter = {
  /** Your watches, on one place or on all of them. */
  list: protectedProcedure
    .meta({ description: 'Your watches, oldest first; with `placeId`, only that place’s.' })
    .input(z.object({ placeId: placeIdSchema.optional() }).default({}))
    .output(z.array(watchSchema).max(MAX_WATCHES_PER_USER))
    .query(async ({ ctx, input }) => {
      let query = watchesOf(ctx.db, ctx.user.id);
      if (input.placeId) query = query.where('watches.placeId', '=', input.placeId);
      return (await query.execute()).map(toOutput);
    }),

  /** Adds a watch to one of your places. */
  create: protectedProcedure
    .meta({
      description:
        'Adds a watch to one of your places: the rule (what to watch for, thresholds in °C and km/h) and when it may notify (active days and hours, quiet hours) on the place’s clock.',
      example: {
        placeId: '0b6f7a52-3c1e-4b8e-9a4f-5d2c7e1f9a30',
        rule: { kind: 'rain-starts', withinMinutes: 30, intensity: 'light' },
        schedule: { days: [1, 2, 3, 4, 5, 6, 7], from: '07:00', until: '22:00', quiet: null },
      },
      errors: ['NOT_FOUND'],
    })
    .input(createWatchInputSchema)
    .output(watchSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction().execute(async (trx) => {
        // One user's watch changes run one after the other, so limits hold under concurrency.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`watches:${ctx.user.id}`}, 0))`.execute(
          trx,
        );
        await ownedPlace(trx, ctx.user.id, input.placeId);
        const counts = await trx
          .selectFrom('watches')
          .select((eb) => [
            eb.fn.countAll<string>().as('all'),
            eb.fn
              .count<string>(eb.case().when('placeId', '=', input.placeId).then(1).end())
              .as('here'),
          ])
          .where('userId', '=', ctx.user.id)
          .executeTakeFirstOrThrow();
        if (
          Number(counts.here) >= MAX_WATCHES_PER_PLACE ||
          Number(counts.all) >= MAX_WATCHES_PER_USER
        ) {
          const max =
            Number(counts.here) >= MAX_WATCHES_PER_PLACE
              ? MAX_WATCHES_PER_PLACE
              : MAX_WATCHES_PER_USER;
          throw new ClientError('BAD_REQUEST', 'WATCH_LIMIT_REACHED', { max });
        }
        const { id } = await trx
          .insertInto('watches')
          .values({
            userId: ctx.user.id,
            placeId: input.placeId,
            kind: input.rule.kind,
            rule: JSON.stringify(input.rule),
            schedule: JSON.stringify(input.schedule),
            enabled: input.enabled,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return toOutput(
          await watchesOf(trx, ctx.user.id).where('watches.id', '=', id).executeTakeFirstOrThrow(),
        );
      }),
    ),

  /** Changes a watch's rule, schedule or whether it is on. */
  update: protectedProcedure
    .meta({
      description:
        'Changes a watch’s rule, schedule or whether it is on; a changed rule starts afresh.',
      example: { id: '6a1d0c9e-2f4b-4c7a-8e3d-1b5f9c2a7e40', enabled: false },
      errors: ['NOT_FOUND'],
    })
    .input(updateWatchInputSchema)
    .output(watchSchema)
    .mutation(async ({ ctx, input }) => {
      const updated = await ctx.db
        .updateTable('watches')
        .set({
          ...(input.rule
            ? { rule: JSON.stringify(input.rule), kind: input.rule.kind, conditionMet: false }
            : {}),
          ...(input.schedule ? { schedule: JSON.stringify(input.schedule) } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          updatedAt: new Date(),
        })
        .where('id', '=', input.id)
        .where('userId', '=', ctx.user.id)
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw watchNotFound();
      return toOutput(
        await watchesOf(ctx.db, ctx.user.id)
          .where('watches.id', '=', input.id)
          .executeTakeFirstOrThrow(),
      );
    }),

  /** Removes a watch. */
  remove: protectedProcedure
    .meta({ example: { id: '6a1d0c9e-2f4b-4c7a-8e3d-1b5f9c2a7e40' }, errors: ['NOT_FOUND'] })
    .input(z.object({ id: watchIdSchema }))
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const removed = await ctx.db
        .deleteFrom('watches')
        .where('id', '=', input.id)
        .where('userId', '=', ctx.user.id)
        .returning('id')
        .executeTakeFirst();
      if (!removed) throw watchNotFound();
      return removed;
    }),

  /**
   * When a watch would have notified over the past hours the stored forecast
   * covers (its `past_days`), evaluated as the server would every 15 minutes.
   */
  preview: protectedProcedure
    .meta({
      description:
        'When this rule would have notified in the last 48 hours (as far back as the stored forecast reaches), with the words it would have sent. Warnings have no history: `supported` is false.',
      example: {
        placeId: '0b6f7a52-3c1e-4b8e-9a4f-5d2c7e1f9a30',
        rule: { kind: 'temperature', direction: 'below', threshold: 0, horizon: { tonight: true } },
      },
      errors: ['NOT_FOUND'],
    })
    .input(previewWatchInputSchema)
    .output(
      z.object({
        supported: z.boolean(),
        from: z.iso.datetime().nullable(),
        until: z.iso.datetime(),
        events: z
          .array(z.object({ at: z.iso.datetime(), title: z.string(), body: z.string() }))
          .max(PREVIEW_MAX_EVENTS),
      }),
    )
    .query(async ({ ctx, input }) => {
      const place = await ownedPlace(ctx.db, ctx.user.id, input.placeId);
      const until = Date.now();
      const untilIso = new Date(until).toISOString();
      if (input.rule.kind === 'warning')
        return { supported: false, from: null, until: untilIso, events: [] };
      const weather = await ctx.weather.cellWeather(place, {
        alerts: false,
        airQuality: input.rule.kind === 'aqi',
      });
      const zone = place.timezone ?? weather.forecast?.location.timezone ?? 'UTC';
      // "Unusual" watches compare with the stored normals of the dates the past two days saw as tomorrow.
      const normals =
        input.rule.kind === 'unusual-tomorrow'
          ? await ctx.normals.storedDays(place.latitude, place.longitude, previewNormalDates(until))
          : null;
      const preferences = await ctx.db
        .selectFrom('preferences')
        .select(['units', 'windUnit'])
        .where('userId', '=', ctx.user.id)
        .executeTakeFirst();
      const state: WatchState = {
        rule: input.rule,
        schedule: input.schedule ?? ALWAYS,
        conditionMet: false,
      };
      const reader: Reader = {
        language: ctx.language,
        temperature: preferences?.units ?? 'metric',
        wind: preferences?.windUnit ?? 'kmh',
      };
      const { from, events } = previewEvents(state, { ...weather, normals }, zone, until);
      return {
        supported: true,
        from: from === null ? null : new Date(from).toISOString(),
        until: untilIso,
        events: events.map(({ at, event }) => ({
          at: new Date(at).toISOString(),
          ...describeEvent(event, place.name, reader),
        })),
      };
    }),
} satisfies TRPCRouterRecord;

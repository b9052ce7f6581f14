import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { sql, type Database, type Kysely } from '@skycast/db';
import {
  isAllowedPushEndpoint,
  MAX_PUSH_SUBSCRIPTIONS,
  noInputSchema,
  pushSubscriptionInputSchema,
} from '@skycast/validators';

import { ClientError } from '../client-error.ts';
import { protectedProcedure } from '../trpc.ts';
import { testNotificationText } from '../watches/messages.ts';
import { recordNotification } from '../watches/notifier.ts';

const deviceSchema = z.object({
  id: z.string(),
  device: z.string(),
  createdAt: z.iso.datetime(),
  lastSuccessAt: z.iso.datetime().nullable(),
});

const EXAMPLE_KEYS = {
  p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
  auth: 'tBHItJI5svbpez7KI4CCXg',
};

export const pushRouter = {
  /** The server's VAPID public key: what `PushManager.subscribe` needs as `applicationServerKey`. */
  publicKey: protectedProcedure
    .input(noInputSchema)
    .output(z.object({ publicKey: z.string() }))
    .query(async ({ ctx }) => ({ publicKey: (await ctx.watches.vapid()).publicKey })),

  /** The browsers that receive your notifications. */
  devices: protectedProcedure
    .input(noInputSchema)
    .output(z.array(deviceSchema).max(MAX_PUSH_SUBSCRIPTIONS))
    .query(async ({ ctx }) => {
      const rows = await ctx.db
        .selectFrom('pushSubscriptions')
        .select(['id', 'device', 'createdAt', 'lastSuccessAt'])
        .where('userId', '=', ctx.user.id)
        .orderBy('createdAt')
        .execute();
      return rows.map((row) => ({
        ...row,
        createdAt: row.createdAt.toISOString(),
        lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
      }));
    }),

  /**
   * Keeps this browser's push subscription (`PushSubscription.toJSON()`). The
   * endpoint must be `https` at a known push service; anything else is refused
   * before any request is made to it.
   */
  subscribe: protectedProcedure
    .meta({
      description:
        'Keeps a browser’s push subscription (what `PushSubscription.toJSON()` gives). Only `https` endpoints at a known push service (PUSH_SERVICE_ORIGINS) are accepted.',
      example: {
        endpoint: 'https://fcm.googleapis.com/fcm/send/dGVzdC1zdWJzY3JpcHRpb24',
        keys: EXAMPLE_KEYS,
        device: 'Firefox on Linux',
      },
      rateLimit: { max: 30, windowSeconds: 3600, scope: 'shared' },
    })
    .input(pushSubscriptionInputSchema)
    .output(deviceSchema)
    .mutation(async ({ ctx, input }) => {
      if (!isAllowedPushEndpoint(input.endpoint, ctx.watches.pushServiceOrigins)) {
        throw new ClientError('BAD_REQUEST', 'PUSH_ENDPOINT_NOT_ALLOWED');
      }
      return ctx.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtextextended(${`push:${ctx.user.id}`}, 0))`.execute(
          trx,
        );
        const { count } = await trx
          .selectFrom('pushSubscriptions')
          .select((eb) => eb.fn.countAll<string>().as('count'))
          .where('userId', '=', ctx.user.id)
          .where('endpoint', '!=', input.endpoint)
          .executeTakeFirstOrThrow();
        if (Number(count) >= MAX_PUSH_SUBSCRIPTIONS) {
          throw new ClientError('BAD_REQUEST', 'PUSH_DEVICE_LIMIT_REACHED', {
            max: MAX_PUSH_SUBSCRIPTIONS,
          });
        }
        // A browser belongs to whoever subscribed it last.
        const row = await trx
          .insertInto('pushSubscriptions')
          .values({
            userId: ctx.user.id,
            endpoint: input.endpoint,
            p256dh: input.keys.p256dh,
            auth: input.keys.auth,
            device: input.device,
          })
          .onConflict((oc) =>
            oc.column('endpoint').doUpdateSet({
              userId: ctx.user.id,
              p256dh: input.keys.p256dh,
              auth: input.keys.auth,
              device: input.device,
            }),
          )
          .returning(['id', 'device', 'createdAt', 'lastSuccessAt'])
          .executeTakeFirstOrThrow();
        return {
          ...row,
          createdAt: row.createdAt.toISOString(),
          lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
        };
      });
    }),

  /** Stops pushes to one browser: by its endpoint (this browser) or its id (from the device list). */
  unsubscribe: protectedProcedure
    .meta({ example: { endpoint: 'https://fcm.googleapis.com/fcm/send/dGVzdC1zdWJzY3JpcHRpb24' } })
    .input(
      z
        .object({
          id: z.uuid().optional(),
          endpoint: pushSubscriptionInputSchema.shape.endpoint.optional(),
        })
        .refine((input) => (input.id === undefined) !== (input.endpoint === undefined), {
          message: 'Give either the device’s id or its endpoint.',
        }),
    )
    .output(z.object({ removed: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      let query = ctx.db.deleteFrom('pushSubscriptions').where('userId', '=', ctx.user.id);
      query = input.id
        ? query.where('id', '=', input.id)
        : query.where('endpoint', '=', input.endpoint ?? '');
      const removed = await query.returning('id').executeTakeFirst();
      return { removed: removed !== undefined };
    }),

  /** Sends a test notification to every device of yours (also listed under Recent notifications). */
  test: protectedProcedure
    .meta({ rateLimit: { max: 5, windowSeconds: 60, scope: 'shared' } })
    .input(noInputSchema)
    .output(z.object({ devices: z.number().int() }))
    .mutation(async ({ ctx }) => {
      const jobs = ctx.watches.jobs;
      const language = await ctx.db
        .selectFrom('preferences')
        .select('language')
        .where('userId', '=', ctx.user.id)
        .executeTakeFirst();
      const chosen =
        language?.language && language.language !== 'auto' ? language.language : ctx.language;
      await ctx.db.transaction().execute((trx) =>
        recordNotification(
          // recordNotification touches only the notification tables, all within SignedInDatabase.
          trx as unknown as Kysely<Database>,
          jobs ?? { sendPush: async () => {} },
          {
            userId: ctx.user.id,
            watchId: null,
            placeId: null,
            eventKey: `test:${crypto.randomUUID()}`,
            kind: 'test',
            text: testNotificationText(chosen),
            url: `${ctx.watches.publicOrigin}/account`,
            urgency: 'normal',
          },
          ctx.watches.maxPerHour,
        ),
      );
      const { count } = await ctx.db
        .selectFrom('pushSubscriptions')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('userId', '=', ctx.user.id)
        .executeTakeFirstOrThrow();
      return { devices: Number(count) };
    }),
} satisfies TRPCRouterRecord;

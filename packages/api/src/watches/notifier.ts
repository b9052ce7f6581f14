import { fromKysely, type Db } from 'pg-boss';

import { sql, type Database, type Kysely } from '@skycast/db';

import type { NotificationText } from './messages.ts';
import type { PushOptions } from './push-sender.ts';

/** The pg-boss queue a push goes through; one job per delivery (a notification to a device). */
export const PUSH_QUEUE = 'watch-push';

/** What a notification says and where it leads. */
export interface NewNotification {
  userId: string;
  watchId: string | null;
  placeId: string | null;
  /** Unique per user: the same key twice makes nothing. */
  eventKey: string;
  kind: string;
  text: NotificationText;
  url: string;
  urgency: PushOptions['urgency'];
}

/** Enqueues jobs inside the caller's transaction (pg-boss's `send` with `db`). */
export interface JobSender {
  sendPush(deliveryId: string, urgency: PushOptions['urgency'], within: Db): Promise<void>;
}

/**
 * Stores a notification for Recent notifications and, unless its key was
 * taken (a second instance, a restart, a retry), one delivery per device with
 * its push job, all in one transaction: committed together or not at all.
 * Past `maxPerHour` notifications in the last hour, the deliveries are stored
 * as `capped` and not pushed (the notification is still listed).
 *
 * @returns the notification's id, or null when the key was already taken.
 */
export async function recordNotification(
  trx: Kysely<Database>,
  jobs: JobSender,
  notification: NewNotification,
  maxPerHour: number,
): Promise<string | null> {
  const inserted = await trx
    .insertInto('notifications')
    .values({
      userId: notification.userId,
      watchId: notification.watchId,
      placeId: notification.placeId,
      eventKey: notification.eventKey,
      kind: notification.kind,
      title: notification.text.title,
      body: notification.text.body,
      url: notification.url,
    })
    .onConflict((oc) => oc.columns(['userId', 'eventKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;

  const { count } = await trx
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('userId', '=', notification.userId)
    .where('createdAt', '>', sql<Date>`now() - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  const capped = Number(count) > maxPerHour;

  const deliveries = await trx
    .insertInto('pushDeliveries')
    .columns(['notificationId', 'subscriptionId', 'status'])
    .expression((eb) =>
      eb
        .selectFrom('pushSubscriptions')
        .select([
          eb.val(inserted.id).as('notificationId'),
          'pushSubscriptions.id as subscriptionId',
          eb.val(capped ? 'capped' : 'pending').as('status'),
        ])
        .where('pushSubscriptions.userId', '=', notification.userId),
    )
    .returning(['id', 'status'])
    .execute();
  // pg-boss writes its jobs on the same transaction, so they commit with the rows.
  const within = fromKysely(trx);
  for (const delivery of deliveries) {
    if (delivery.status === 'pending')
      await jobs.sendPush(delivery.id, notification.urgency, within);
  }
  return inserted.id;
}

import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code.
//
// Watches: a person's rules per saved place, evaluated on the server; the
// browsers that receive their pushes; every notification sent (Recent
// notifications, and the unique event keys that make a send happen once);
// each push to each device; and secrets the server makes once (VAPID keys).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watches')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('place_id', 'uuid', (col) =>
      col.notNull().references('places.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`length(kind) <= 40`))
    .addColumn('rule', 'jsonb', (col) => col.notNull())
    .addColumn('schedule', 'jsonb', (col) => col.notNull())
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
    // Whether the condition held at the last evaluation: a watch fires on false → true.
    .addColumn('condition_met', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('evaluated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('watches_user_idx').on('watches').column('user_id').execute();
  await db.schema.createIndex('watches_place_idx').on('watches').column('place_id').execute();
  // Watches are evaluated per grid cell (0.01°): find a cell's places by it.
  await sql`create index places_cell_idx on places ((round(latitude * 100)::int), (round(longitude * 100)::int))`.execute(
    db,
  );

  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('endpoint', 'text', (col) =>
      col
        .notNull()
        .unique()
        .check(sql`length(endpoint) <= 2048`),
    )
    .addColumn('p256dh', 'text', (col) => col.notNull().check(sql`length(p256dh) <= 200`))
    .addColumn('auth', 'text', (col) => col.notNull().check(sql`length(auth) <= 100`))
    .addColumn('device', 'text', (col) => col.notNull().check(sql`length(device) <= 100`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_success_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('push_subscriptions_user_idx')
    .on('push_subscriptions')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('watch_id', 'uuid', (col) => col.references('watches.id').onDelete('set null'))
    .addColumn('place_id', 'uuid', (col) => col.references('places.id').onDelete('set null'))
    // Stable per event (the watch's id and what happened when): a second
    // instance, a restart or a retry that finds it taken sends nothing.
    .addColumn('event_key', 'text', (col) => col.notNull().check(sql`length(event_key) <= 300`))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('notifications_event_key', ['user_id', 'event_key'])
    .execute();
  await db.schema
    .createIndex('notifications_user_created_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('push_deliveries')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('notification_id', 'uuid', (col) =>
      col.notNull().references('notifications.id').onDelete('cascade'),
    )
    .addColumn('subscription_id', 'uuid', (col) =>
      col.notNull().references('push_subscriptions.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'failed', 'capped')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('push_deliveries_once', ['notification_id', 'subscription_id'])
    .execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('server_secrets').execute();
  await db.schema.dropTable('push_deliveries').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('push_subscriptions').execute();
  await db.schema.dropTable('watches').execute();
  await sql`drop index places_cell_idx`.execute(db);
}

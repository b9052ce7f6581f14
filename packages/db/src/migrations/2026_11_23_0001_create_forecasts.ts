import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forecasts')
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('latitude_e2', 'integer', (col) =>
      col.notNull().check(sql`latitude_e2 between -9000 and 9000`),
    )
    .addColumn('longitude_e2', 'integer', (col) =>
      col.notNull().check(sql`longitude_e2 between -18000 and 18000`),
    )
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('fetched_at', 'timestamptz', (col) => col.notNull())
    .addColumn('fresh_until', 'timestamptz', (col) => col.notNull())
    .addColumn('stale_until', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('forecasts_pkey', ['provider', 'latitude_e2', 'longitude_e2'])
    .execute();

  await db.schema
    .createIndex('forecasts_stale_until_idx')
    .on('forecasts')
    .column('stale_until')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('forecasts').execute();
}

import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code.
//
// What a signed-in person keeps: their places, in their order, and their units.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('places')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`length(name) between 1 and 100`))
    // Rounded to 4 decimals (~11 m) by the app, so "the same place" is an equality.
    .addColumn('latitude', 'double precision', (col) =>
      col.notNull().check(sql`latitude between -90 and 90`),
    )
    .addColumn('longitude', 'double precision', (col) =>
      col.notNull().check(sql`longitude between -180 and 180`),
    )
    .addColumn('country', 'text', (col) => col.check(sql`length(country) <= 100`))
    .addColumn('timezone', 'text', (col) => col.check(sql`length(timezone) <= 64`))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('places_user_coordinates_key', ['user_id', 'latitude', 'longitude'])
    .execute();
  await db.schema
    .createIndex('places_user_position_idx')
    .on('places')
    .columns(['user_id', 'position'])
    .execute();

  await db.schema
    .createTable('preferences')
    .addColumn('user_id', 'uuid', (col) =>
      col.primaryKey().references('users.id').onDelete('cascade'),
    )
    .addColumn('units', 'text', (col) =>
      col
        .notNull()
        .defaultTo('metric')
        .check(sql`units in ('metric', 'imperial')`),
    )
    .addColumn('wind_unit', 'text', (col) =>
      col
        .notNull()
        .defaultTo('kmh')
        .check(sql`wind_unit in ('kmh', 'ms', 'mph', 'kn')`),
    )
    .addColumn('theme', 'text', (col) =>
      col
        .notNull()
        .defaultTo('system')
        .check(sql`theme in ('system', 'light', 'dark')`),
    )
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('preferences').execute();
  await db.schema.dropTable('places').execute();
}

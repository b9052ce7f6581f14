import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-12-07; later changes go in new migrations.
//
// Why: the confidence layer's provider answers (ensemble, model comparison,
// previous runs) are cached, leased and pruned like the forecast; and each
// model's local skill is kept per cell and night, the row itself proving that
// night's job ran for that cell.
const BEFORE = `('forecast', 'air-quality', 'geocoding', 'alerts')`;
const AFTER = `('forecast', 'air-quality', 'geocoding', 'alerts', 'confidence-ensemble', 'confidence-members', 'confidence-models', 'confidence-runs')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table weather_cache drop constraint weather_cache_resource_check`.execute(db);
  await sql`
    alter table weather_cache add constraint weather_cache_resource_check
      check (resource in ${sql.raw(AFTER)})
  `.execute(db);

  await db.schema
    .createTable('forecast_skill')
    .addColumn('cell_key', 'text', (col) => col.notNull())
    .addColumn('night', 'date', (col) => col.notNull())
    .addColumn('model', 'text', (col) => col.notNull())
    .addColumn('mean_absolute_error', 'real', (col) =>
      col.notNull().check(sql`mean_absolute_error >= 0`),
    )
    .addColumn('days_within', 'integer', (col) => col.notNull().check(sql`days_within >= 0`))
    .addColumn('days', 'integer', (col) =>
      col.notNull().check(sql`days > 0 and days_within <= days`),
    )
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('forecast_skill_pkey', ['cell_key', 'night', 'model'])
    .execute();

  // One row per cell and night, claimed before the provider is asked: a second
  // instance running the same night finds it and skips that cell.
  await db.schema
    .createTable('forecast_skill_runs')
    .addColumn('cell_key', 'text', (col) => col.notNull())
    .addColumn('night', 'date', (col) => col.notNull())
    .addColumn('claimed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('forecast_skill_runs_pkey', ['cell_key', 'night'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('forecast_skill_runs').execute();
  await db.schema.dropTable('forecast_skill').execute();
  await sql`delete from weather_cache where resource like 'confidence-%'`.execute(db);
  await sql`delete from refresh_leases where resource like 'confidence-%'`.execute(db);
  await sql`alter table weather_cache drop constraint weather_cache_resource_check`.execute(db);
  await sql`
    alter table weather_cache add constraint weather_cache_resource_check
      check (resource in ${sql.raw(BEFORE)})
  `.execute(db);
}

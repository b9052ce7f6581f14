import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-12-07; later changes go in new migrations.
//
// Why: the precipitation observed so far this season (ERA5-Land, from the
// archive) is cached, leased and pruned like the other provider answers.
const BEFORE = `('forecast', 'air-quality', 'geocoding', 'alerts', 'confidence-ensemble', 'confidence-members', 'confidence-models', 'confidence-runs')`;
const AFTER = `('forecast', 'air-quality', 'geocoding', 'alerts', 'confidence-ensemble', 'confidence-members', 'confidence-models', 'confidence-runs', 'season-precipitation')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table weather_cache drop constraint weather_cache_resource_check`.execute(db);
  await sql`
    alter table weather_cache add constraint weather_cache_resource_check
      check (resource in ${sql.raw(AFTER)})
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from weather_cache where resource = 'season-precipitation'`.execute(db);
  await sql`delete from refresh_leases where resource = 'season-precipitation'`.execute(db);
  await sql`alter table weather_cache drop constraint weather_cache_resource_check`.execute(db);
  await sql`
    alter table weather_cache add constraint weather_cache_resource_check
      check (resource in ${sql.raw(BEFORE)})
  `.execute(db);
}

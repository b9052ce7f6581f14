import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-12-01; later changes go in new migrations.
//
// Why: severe-weather warnings are cached, leased and pruned like the other
// provider answers, as a fourth resource of the same table.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table weather_cache drop constraint weather_cache_resource_check`.execute(db);
  await sql`
    alter table weather_cache add constraint weather_cache_resource_check
      check (resource in ('forecast', 'air-quality', 'geocoding', 'alerts'))
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from weather_cache where resource = 'alerts'`.execute(db);
  await sql`delete from refresh_leases where resource = 'alerts'`.execute(db);
  await sql`alter table weather_cache drop constraint weather_cache_resource_check`.execute(db);
  await sql`
    alter table weather_cache add constraint weather_cache_resource_check
      check (resource in ('forecast', 'air-quality', 'geocoding'))
  `.execute(db);
}

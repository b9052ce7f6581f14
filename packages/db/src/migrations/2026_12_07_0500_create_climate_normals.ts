import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-12-07; later changes go in new migrations.
//
// Why: daily climate normals (1991-2020) and records (since 1950) per 0.1°
// cell, ERA5-Land's grid. They never change, so they are fetched once per
// cell and kept for good. A cell's row says whether they are fetched yet,
// which is also the claim that lets one instance fetch a cell at a time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table climate_normal_cells (
      cell_latitude smallint not null check (cell_latitude between -900 and 900),
      cell_longitude smallint not null check (cell_longitude between -1800 and 1800),
      time_zone text not null,
      state text not null check (state in ('wanted', 'queued', 'fetching', 'fetched', 'failed')),
      opens integer not null default 0,
      attempts integer not null default 0,
      not_before timestamptz,
      claimed_until timestamptz,
      fetched_at timestamptz,
      simulated boolean not null default false,
      last_error text,
      created_at timestamptz not null default now(),
      primary key (cell_latitude, cell_longitude)
    )
  `.execute(db);
  await sql`
    create index climate_normal_cells_due on climate_normal_cells (not_before)
      where state in ('queued', 'fetching')
  `.execute(db);
  await sql`
    create table climate_normals (
      cell_latitude smallint not null,
      cell_longitude smallint not null,
      day_of_year smallint not null check (day_of_year between 0 and 365),
      high_mean real not null,
      high_p10 real not null,
      high_p90 real not null,
      low_mean real not null,
      low_p10 real not null,
      low_p90 real not null,
      precipitation_mean real not null,
      wet_day_frequency real not null,
      record_high real not null,
      record_high_year smallint not null,
      record_low real not null,
      record_low_year smallint not null,
      primary key (cell_latitude, cell_longitude, day_of_year),
      foreign key (cell_latitude, cell_longitude)
        references climate_normal_cells (cell_latitude, cell_longitude) on delete cascade
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table climate_normals`.execute(db);
  await sql`drop table climate_normal_cells`.execute(db);
}

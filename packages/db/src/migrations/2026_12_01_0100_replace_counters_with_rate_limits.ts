import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-12-01; later changes go in new migrations.
//
// Why: the hand-written counters (per-procedure windows, sign-in throttles,
// provider token buckets) give way to rate-limiter-flexible, whose PostgreSQL
// store keeps every limit in one table of this exact shape (key, points,
// expire in epoch milliseconds) and counts with one atomic upsert per call.
// Unlogged like the counters before it: the rows live minutes to a day, and a
// crash only forgives a few calls.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create unlogged table rate_limits (
      key varchar(255) primary key,
      points integer not null default 0,
      expire bigint
    )
  `.execute(db);
  await db.schema
    .createIndex('rate_limits_expire_idx')
    .on('rate_limits')
    .column('expire')
    .execute();
  await db.schema.dropTable('rate_limit_counters').execute();
  await db.schema.dropTable('login_throttles').execute();
  await db.schema.dropTable('provider_quotas').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
  await sql`
    create unlogged table rate_limit_counters (
      procedure text not null check (length(procedure) <= 200),
      client_key text not null check (length(client_key) <= 100),
      window_start timestamptz not null,
      expires_at timestamptz not null,
      hits integer not null check (hits > 0),
      constraint rate_limit_counters_pkey primary key (procedure, client_key, window_start)
    )
  `.execute(db);
  await sql`create index rate_limit_counters_expires_at_idx on rate_limit_counters (expires_at)`.execute(
    db,
  );
  await sql`
    create table login_throttles (
      key text primary key check (length(key) <= 300),
      failures integer not null,
      window_started_at timestamptz not null,
      locked_until timestamptz
    )
  `.execute(db);
  await sql`
    create table provider_quotas (
      provider text not null,
      window_seconds integer not null check (window_seconds > 0),
      capacity integer not null check (capacity > 0),
      tokens double precision not null,
      refilled_at timestamptz not null,
      primary key (provider, window_seconds)
    )
  `.execute(db);
}

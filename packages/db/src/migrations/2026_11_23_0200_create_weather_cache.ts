import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code.
//
// One cache table for everything fetched from providers (forecasts, air
// quality, geocoding), so freshness, leases and pruning work the same way for
// all of them; plus the per-provider state every instance shares.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('weather_cache')
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('resource', 'text', (col) =>
      col.notNull().check(sql`resource in ('forecast', 'air-quality', 'geocoding')`),
    )
    .addColumn('cache_key', 'text', (col) => col.notNull().check(sql`length(cache_key) <= 300`))
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('fetched_at', 'timestamptz', (col) => col.notNull())
    .addColumn('fresh_until', 'timestamptz', (col) => col.notNull())
    .addColumn('stale_until', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('weather_cache_pkey', ['provider', 'resource', 'cache_key'])
    .execute();
  await db.schema
    .createIndex('weather_cache_stale_until_idx')
    .on('weather_cache')
    .column('stale_until')
    .execute();

  await sql`
    insert into weather_cache (provider, resource, cache_key, payload, fetched_at, fresh_until, stale_until)
    select provider, 'forecast', latitude_e2 || ':' || longitude_e2, payload, fetched_at, fresh_until, stale_until
    from forecasts
  `.execute(db);
  await db.schema.dropTable('forecasts').execute();

  // Who is refreshing which entry right now. Claimed with a conditional
  // upsert; no database lock is held while the provider is being called.
  await db.schema
    .createTable('refresh_leases')
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('resource', 'text', (col) => col.notNull())
    .addColumn('cache_key', 'text', (col) => col.notNull())
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('refresh_leases_pkey', ['provider', 'resource', 'cache_key'])
    .execute();

  // A token bucket per provider and window (e.g. per minute, hour, day).
  await db.schema
    .createTable('provider_quotas')
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('window_seconds', 'integer', (col) => col.notNull().check(sql`window_seconds > 0`))
    .addColumn('capacity', 'integer', (col) => col.notNull().check(sql`capacity > 0`))
    .addColumn('tokens', 'double precision', (col) => col.notNull())
    .addColumn('refilled_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('provider_quotas_pkey', ['provider', 'window_seconds'])
    .execute();

  // Set from a provider's 429 + Retry-After: no instance calls it before then.
  await db.schema
    .createTable('provider_blocks')
    .addColumn('provider', 'text', (col) => col.primaryKey())
    .addColumn('blocked_until', 'timestamptz', (col) => col.notNull())
    .addColumn('reason', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('provider_blocks').execute();
  await db.schema.dropTable('provider_quotas').execute();
  await db.schema.dropTable('refresh_leases').execute();
  await db.schema
    .createTable('forecasts')
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('latitude_e2', 'integer', (col) => col.notNull())
    .addColumn('longitude_e2', 'integer', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('fetched_at', 'timestamptz', (col) => col.notNull())
    .addColumn('fresh_until', 'timestamptz', (col) => col.notNull())
    .addColumn('stale_until', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('forecasts_pkey', ['provider', 'latitude_e2', 'longitude_e2'])
    .execute();
  await db.schema.dropTable('weather_cache').execute();
}

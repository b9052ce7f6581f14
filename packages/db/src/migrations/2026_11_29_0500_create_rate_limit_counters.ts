import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code.
//
// Per-procedure request counters, one row per procedure, client and fixed
// window, so every instance on the database enforces the same limit.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_counters')
    .addColumn('procedure', 'text', (col) => col.notNull().check(sql`length(procedure) <= 200`))
    .addColumn('client_key', 'text', (col) => col.notNull().check(sql`length(client_key) <= 100`))
    .addColumn('window_start', 'timestamptz', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('hits', 'integer', (col) => col.notNull().check(sql`hits > 0`))
    .addPrimaryKeyConstraint('rate_limit_counters_pkey', [
      'procedure',
      'client_key',
      'window_start',
    ])
    .execute();
  await db.schema
    .createIndex('rate_limit_counters_expires_at_idx')
    .on('rate_limit_counters')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_counters').execute();
}

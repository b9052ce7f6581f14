import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-11-30; later changes go in new migrations.
//
// Why: every rate-limited request upserts a counter, and a logged table makes
// each of those commits wait for a WAL flush. The counters live for a minute
// or so and losing them in a crash only forgives a few calls, so they need no
// WAL: an unlogged table is emptied after a crash and skips the flush.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table rate_limit_counters set unlogged`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table rate_limit_counters set logged`.execute(db);
}

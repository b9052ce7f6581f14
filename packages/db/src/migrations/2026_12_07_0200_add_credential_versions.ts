import { type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-12-07; later changes go in new migrations.
//
// Why: a password change or reset must end every session it did not create,
// including one a sign-in with the old password was creating at the same
// moment. Each account counts its credential changes; each session records
// the count it was created under, and a session whose count is behind the
// account's is refused whenever it is used.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('credential_version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('credential_version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  // The session cap trims an account's oldest sessions: by user, then age.
  await db.schema
    .createIndex('sessions_user_id_created_at_idx')
    .on('sessions')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema.dropIndex('sessions_user_id_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();
  await db.schema.dropIndex('sessions_user_id_created_at_idx').execute();
  await db.schema.alterTable('sessions').dropColumn('credential_version').execute();
  await db.schema.alterTable('users').dropColumn('credential_version').execute();
}

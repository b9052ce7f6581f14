import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-12-07; later changes go in new migrations.
//
// Why: people who forgot their password get a link by email. Like session
// tokens, only the SHA-256 of a reset token is stored; a row is deleted when
// it is used, so a link works once. It also records the account's credential
// version: a link asked for before a password change no longer works after it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'bytea', (col) =>
      col.primaryKey().check(sql`octet_length(token_hash) = 32`),
    )
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('credential_version', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('password_resets_user_id_idx')
    .on('password_resets')
    .column('user_id')
    .execute();
  await db.schema
    .createIndex('password_resets_expires_at_idx')
    .on('password_resets')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_resets').execute();
}

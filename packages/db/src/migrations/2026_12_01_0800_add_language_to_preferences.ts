import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-12-01; later changes go in new migrations.
//
// Why: the app speaks several languages, and a signed-in person's choice
// follows them to every device. 'auto' means "whatever the browser prefers".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('preferences')
    .addColumn('language', 'text', (col) =>
      col
        .notNull()
        .defaultTo('auto')
        .check(sql`language in ('auto', 'en', 'de', 'es', 'fr', 'ar')`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('preferences').dropColumn('language').execute();
}

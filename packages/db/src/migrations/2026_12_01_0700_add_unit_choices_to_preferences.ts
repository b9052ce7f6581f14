import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on 2026-12-01; later changes go in new migrations.
//
// Why: precipitation, pressure, distance and the 12/24-hour clock become
// choices of their own, beside the temperature scale (`units`) and the wind
// unit. Each is nullable: null means "not chosen", and the browser then
// follows its own choice or its locale. Rows from before took all three
// units from `units` (imperial meant inches, inHg and miles), so they are
// filled in from it and the person sees what they saw; the clock was always
// 24-hour and never a choice, so it stays unset.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('preferences')
    .addColumn('precipitation_unit', 'text', (col) =>
      col.check(sql`precipitation_unit in ('mm', 'in')`),
    )
    .addColumn('pressure_unit', 'text', (col) =>
      col.check(sql`pressure_unit in ('hPa', 'inHg', 'mmHg')`),
    )
    .addColumn('distance_unit', 'text', (col) => col.check(sql`distance_unit in ('km', 'mi')`))
    .addColumn('clock', 'text', (col) => col.check(sql`clock in ('24h', '12h')`))
    .execute();
  await sql`
    update preferences set
      precipitation_unit = case units when 'imperial' then 'in' else 'mm' end,
      pressure_unit = case units when 'imperial' then 'inHg' else 'hPa' end,
      distance_unit = case units when 'imperial' then 'mi' else 'km' end
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('preferences')
    .dropColumn('precipitation_unit')
    .dropColumn('pressure_unit')
    .dropColumn('distance_unit')
    .dropColumn('clock')
    .execute();
}

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `pnpm db:new <name>` writes src/migrations/<YYYY_MM_DD_HHMM>_<name>.ts.
const name = process.argv[2] ?? '';
if (!/^[a-z][a-z0-9_]{2,60}$/.test(name)) {
  console.error(
    'Usage: pnpm db:new <name>   e.g. pnpm db:new create_notes\n' +
      'The name is snake_case: lower-case letters, digits and underscores, 3 to 61 characters.',
  );
  process.exit(1);
}

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
const pad = (value: number) => String(value).padStart(2, '0');
const stampOf = (date: Date) =>
  `${date.getUTCFullYear()}_${pad(date.getUTCMonth() + 1)}_${pad(date.getUTCDate())}_${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;

// Kysely applies migrations in name order and refuses to run one that sorts
// before an already applied one, so a new file must sort last: if the newest
// file is dated ahead of the clock, take the minute after it.
const latest = readdirSync(folder)
  .filter((file) => /^\d{4}_\d{2}_\d{2}_\d{4}_/.test(file))
  .sort()
  .at(-1);
let now = new Date();
if (latest) {
  const [year, month, day, time] = latest.split('_') as [string, string, string, string];
  const latestAt = new Date(
    Date.UTC(+year, +month - 1, +day, +time.slice(0, 2), +time.slice(2, 4)),
  );
  if (stampOf(now) <= stampOf(latestAt)) now = new Date(latestAt.getTime() + 60_000);
}
const file = path.join(folder, `${stampOf(now)}_${name}.ts`);
if (existsSync(file)) {
  console.error(`${path.relative(process.cwd(), file)} already exists.`);
  process.exit(1);
}

writeFileSync(
  file,
  `import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import application code. It describes
// the database as it was on ${now.toISOString().slice(0, 10)}; later changes go in new migrations.
//
// Why: TODO say what this migration is for.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('${name.replace(/^create_/, '')}')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql\`gen_random_uuid()\`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql\`now()\`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('${name.replace(/^create_/, '')}').execute();
}
`,
);
console.log(`Wrote ${path.relative(process.cwd(), file)}.
Next: edit it, then \`pnpm db:types\` to regenerate src/generated/database.ts,
and add the table's interface to src/schema.ts (typecheck tells you what is missing).`);

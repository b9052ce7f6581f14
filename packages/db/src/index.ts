export { sql, type Kysely, type Transaction } from 'kysely';
export { createDb, type CreateDbOptions } from './client.ts';
export { isSchemaCurrent, migrateToLatest } from './migrate.ts';
export type * from './schema.ts';

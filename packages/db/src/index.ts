export {
  CompiledQuery,
  sql,
  type Kysely,
  type KyselyPlugin,
  type RawBuilder,
  type Transaction,
} from 'kysely';
export { createDb, type CreateDbOptions, type PoolCounts } from './client.ts';
export { isSchemaCurrent, migrateToLatest } from './migrate.ts';
export type * from './schema.ts';
export {
  USER_DATA_TABLES,
  type PublicDatabase,
  type SignedInDatabase,
  type UserDataTable,
} from './user-data.ts';
export { databaseTrouble, writeUnlessReadOnly, type DatabaseTrouble } from './unavailable.ts';

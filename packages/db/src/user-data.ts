import type { Database } from './schema.ts';

/**
 * Tables holding a person's data or what identifies them (emails, password
 * hashes, session hashes, their places and settings). Only the accounts
 * service and signed-in procedures may reach them; public procedures get a
 * database typed without them ({@link PublicDatabase}).
 */
export const USER_DATA_TABLES = [
  'users',
  'sessions',
  'passwordResets',
  'places',
  'preferences',
  'watches',
  'pushSubscriptions',
  'notifications',
  'pushDeliveries',
  'serverSecrets',
] as const satisfies readonly (keyof Database)[];
export type UserDataTable = (typeof USER_DATA_TABLES)[number];

/** The tables any procedure may use: weather data, no personal data. */
export type PublicDatabase = Omit<Database, UserDataTable>;

/** What a signed-in procedure may use: public tables plus the user's own places and settings. */
export type SignedInDatabase = Omit<Database, 'users' | 'sessions' | 'passwordResets'>;

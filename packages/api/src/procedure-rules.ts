import type { AnyProcedure } from '@trpc/server';

import type { ProcedureMeta } from './trpc.ts';

/**
 * Whether a procedure is built on `protectedProcedure` (signed-in users only).
 * Used by the guardrail test, the API reference and `Cache-Control`.
 */
export type IsProtected = (procedure: AnyProcedure) => boolean;
export { isProtectedProcedure } from './trpc.ts';

/**
 * Top-level routers whose procedures read or write a user's data: each of
 * their procedures must be protected. (`auth` is not listed: signing in and
 * up are public by nature and reach users only through the accounts service.)
 */
export const USER_DATA_ROUTERS: readonly string[] = [
  'places',
  'preferences',
  'watches',
  'push',
  'notifications',
];

/** `touchesUserData` rule: a procedure touches user data when its router is listed. */
export function inUserDataRouter(routers: readonly string[]) {
  return (path: string): boolean => routers.includes(path.split('.')[0] ?? '');
}

/** The procedure's `.meta({ ... })`, if any. */
export function metaOf(procedure: AnyProcedure): ProcedureMeta {
  // AnyProcedure erases the router's meta type; every procedure here is built from trpc.ts.
  return (procedure._def.meta as ProcedureMeta | undefined) ?? {};
}

import type { AnyProcedure } from '@trpc/server';

import type { ProcedureMeta } from './trpc.ts';

/**
 * Whether a procedure is built on `protectedProcedure` (signed-in users only).
 * Used by the guardrail test, the API reference and `Cache-Control`.
 * The accounts work provides the real predicate; until it is wired, every
 * procedure counts as public, which is the safe side for caching.
 */
export type IsProtected = (procedure: AnyProcedure) => boolean;
export const isProtectedProcedure: IsProtected = () => false;

/**
 * Top-level routers whose procedures read or write a user's data: each of
 * their procedures must be protected. The accounts work adds its routers here.
 */
export const USER_DATA_ROUTERS: readonly string[] = [];

/** `touchesUserData` rule: a procedure touches user data when its router is listed. */
export function inUserDataRouter(routers: readonly string[]) {
  return (path: string): boolean => routers.includes(path.split('.')[0] ?? '');
}

/** The procedure's `.meta({ ... })`, if any. */
export function metaOf(procedure: AnyProcedure): ProcedureMeta {
  // AnyProcedure erases the router's meta type; every procedure here is built from trpc.ts.
  return (procedure._def.meta as ProcedureMeta | undefined) ?? {};
}

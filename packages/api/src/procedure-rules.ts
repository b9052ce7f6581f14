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

import {
  FORGOT_PASSWORD_PATH,
  RESET_PASSWORD_PATH,
  SIGN_IN_PATH,
  SIGN_UP_PATH,
} from '@skycast/validators';

// The paths themselves are shared with the server, which answers 404 for paths the app has no page for.
export {
  ACCOUNT_PATH,
  FORGOT_PASSWORD_PATH,
  RESET_PASSWORD_PATH,
  SIGN_IN_PATH,
  SIGN_UP_PATH,
} from '@skycast/validators';

/**
 * The token of a reset link, from its fragment (`#token=…`), or null.
 *
 * @example
 * resetTokenFromHash('#token=abc') // 'abc'
 */
export function resetTokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}

/**
 * The sign-in page, coming back to `from` afterwards (not to another account page).
 *
 * @example
 * signInPath('/place/52.52,13.41/Berlin') // '/sign-in?next=%2Fplace%2F52.52%2C13.41%2FBerlin'
 */
export function signInPath(from: string, page = SIGN_IN_PATH): string {
  const back = [
    SIGN_IN_PATH,
    SIGN_UP_PATH,
    FORGOT_PASSWORD_PATH,
    RESET_PASSWORD_PATH,
    '/',
  ].includes(from)
    ? null
    : from;
  return back ? `${page}?next=${encodeURIComponent(back)}` : page;
}

/**
 * Where to go after signing in: the `next` of the query if it is a path of
 * this site (never another origin), else the start page with the saved places.
 *
 * @example
 * nextPath('?next=%2Fplace%2F1%2C2') // '/place/1,2'
 * nextPath('?next=https%3A%2F%2Fevil.example') // '/'
 */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  return next;
}

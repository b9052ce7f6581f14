import { readFileSync } from 'node:fs';

import { hash, verify, type Options } from '@node-rs/argon2';

import { passwordContainsEmail } from '@skycast/validators';

/** OWASP's minimum for argon2id (m = 19 MiB, t = 2, p = 1). */
export const ARGON2_OPTIONS: Options = {
  // Algorithm.Argon2id; the binding's const enum cannot be imported under type stripping.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

const commonPasswords = new Set(
  readFileSync(new URL('common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0),
);

// Digits and symbols tacked on at the end ("Password123!") are the first variation guessers try.
const TRAILING_DIGITS_AND_SYMBOLS = /[\d\p{P}\p{S}\s]+$/u;

/**
 * True when the password is among the 100,000 most common ones of 8
 * characters or more, or is one of them with digits and symbols added at the
 * end (case ignored).
 *
 * @example
 * isCommonPassword('Password123!') // true: "password" is common
 */
export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase();
  return (
    commonPasswords.has(lowered) ||
    commonPasswords.has(lowered.replace(TRAILING_DIGITS_AND_SYMBOLS, ''))
  );
}

/**
 * Why a new password is too easy to guess, beyond the length rules the input
 * schema checks: it is a common one, or it holds the account's email.
 */
export function weakPasswordReason(
  password: string,
  email: string,
): 'COMMON_PASSWORD' | 'PASSWORD_CONTAINS_EMAIL' | undefined {
  if (isCommonPassword(password)) return 'COMMON_PASSWORD';
  if (passwordContainsEmail(password, email)) return 'PASSWORD_CONTAINS_EMAIL';
  return undefined;
}

/**
 * An argon2id PHC string for the password. The binding hashes on libuv's
 * thread pool, so the event loop keeps serving other requests meanwhile.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Checks a password against a stored PHC string; a malformed hash is a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Computes the dummy hash ahead of time, so even the first unknown email takes the usual time. */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('skycast-dummy-password-for-timing');
  return dummyHash;
}

/**
 * Spends the same time as checking a real password, for an email that has no
 * account: both answers then take about as long.
 */
export async function verifyDummyPassword(password: string): Promise<void> {
  await verifyPassword(await prepareDummyHash(), password);
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits from the operating system's CSPRNG, URL-safe. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores in place of the token. */
export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Compares two hashes in time independent of where they differ. */
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Tokens we issued are 43 base64url characters; anything else is not looked up. */
export function looksLikeSessionToken(value: string): boolean {
  return /^[\w-]{43}$/.test(value);
}

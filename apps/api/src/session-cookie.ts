import type { Request, Response } from 'express';

import type { SessionCookie } from '@skycast/api';

export interface SessionCookieSettings {
  name: string;
  secure: boolean;
}

/**
 * Over HTTPS the cookie is `__Host-` prefixed: browsers then insist on
 * `Secure`, `Path=/` and no `Domain`, so a sibling subdomain cannot plant one.
 */
export function sessionCookieSettings(
  publicOrigin: string,
  production: boolean,
): SessionCookieSettings {
  const https = publicOrigin.startsWith('https:');
  return {
    name: https ? '__Host-skycast_session' : 'skycast_session',
    secure: https || production,
  };
}

/** The session cookie of one request: read from `Cookie`, written as `Set-Cookie`. */
export function sessionCookieOf(
  req: Request,
  res: Response,
  settings: SessionCookieSettings,
): SessionCookie {
  const attributes = {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure,
    path: '/',
  } as const;
  return {
    token: readCookie(req.headers.cookie, settings.name),
    set(token, expiresAt) {
      res.cookie(settings.name, token, { ...attributes, expires: expiresAt });
    },
    clear() {
      res.clearCookie(settings.name, attributes);
    },
  };
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8_192) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}

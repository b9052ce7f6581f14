import type { RequestHandler } from 'express';

const EMPTY_OBJECT = '{}';

/**
 * A `POST` without a body (`curl -X POST …/trpc/auth.signOut`) reads as the
 * JSON `{}`: tRPC would otherwise answer 415 (no content type) or 400 (empty
 * JSON) to a call of a procedure that takes no input. Only a request that
 * names no content type, or JSON, is rewritten: an empty HTML form post
 * (url-encoded) stays refused by the origin check.
 */
export const emptyBodyAsJson: RequestHandler = (req, _res, next) => {
  const type = req.headers['content-type'];
  const noBody =
    req.headers['transfer-encoding'] === undefined &&
    Number(req.headers['content-length'] ?? 0) === 0;
  if (req.method === 'POST' && noBody && (type === undefined || isJson(type))) {
    req.headers['content-type'] = 'application/json';
    // The body is now `{}`, and its length says so (the origin check reads it).
    req.headers['content-length'] = String(EMPTY_OBJECT.length);
    // tRPC's adapter takes a body another middleware parsed from `req.body`.
    (req as { body?: unknown }).body = {};
  }
  next();
};

function isJson(contentType: string): boolean {
  return contentType.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}
